"""Every edition one click away: the download menu of every page, and the
``{book-editions}`` directive of the Download and data pages.

The editions themselves are assembled after the builds (``booktables.editions``)
into ``editions/`` beside the pages, under the names in ``contracts.EDITIONS``.
Here:

* the theme's download menu offers them on every page: the notebook, the
  page's source, then the PDF edition (in place of the browser's "print to
  PDF"), the EPUB, the runnable notebooks and the data package, and the
  Download page;
* each download link saves its file (a ``download`` attribute naming it)
  instead of opening it in a new tab;
* ``{book-editions}`` lists the editions (all, or those named) as links on the
  web and as file names in the PDF and EPUB, which cannot link to them.
"""
from __future__ import annotations

import posixpath
import re

from docutils import nodes
from docutils.parsers.rst import Directive

from ..contracts import EDITIONS, EDITIONS_DIR
from . import pages
from .metadata import PARALLEL_SAFE

DOWNLOADS_PAGE = "downloads"
LABELS = {
    "pdf": ("PDF edition", "fas fa-file-pdf", "The whole book as a PDF, typeset for print"),
    "epub": ("EPUB edition", "fas fa-book", "The whole book for e-readers"),
    "notebooks": ("Runnable notebooks", "fas fa-file-zipper", "The chapters as notebooks, with the data and the package"),
    "data": ("Data package", "fas fa-file-zipper", "Every table with its schema (Frictionless)"),
}
# The theme renders link buttons as <a href="…" target="_blank" class="btn btn-sm btn-<label> …">.
DOWNLOAD_ANCHOR = re.compile(
    r'<a href="(?P<href>[^"]+)" target="_blank"(?P<rest>\s+class="btn btn-sm btn-download-[\w-]+-button)')


class edition_link(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node names are lower case)
    """A link to one edition's file: an anchor on the web, the file's name elsewhere."""


def _visit_html(self, node) -> None:
    if self.builder.name == "epub":  # the files are not inside the EPUB
        self.body.append(f"<code>{node['filename']}</code> ({self.encode(node['title'])})")
    else:
        depth = self.builder.current_docname.count("/")
        href = posixpath.join("../" * depth + EDITIONS_DIR, node["filename"])
        self.body.append(f'<a class="reference download book-edition" href="{href}" download="{node["filename"]}">'
                         f"{self.encode(node['title'])}</a> (<code>{node['filename']}</code>)")
    raise nodes.SkipNode


def _visit_text(self, node) -> None:
    self.add_text(f"{node['title']} ({node['filename']})")
    raise nodes.SkipNode


def _visit_latex(self, node) -> None:
    self.body.append(f"{self.encode(node['title'])} (\\sphinxcode{{{self.encode(node['filename'])}}})")
    raise nodes.SkipNode


class BookEditions(Directive):
    """``{book-editions}`` [key …]: a list of the editions, each with what it holds."""
    optional_arguments = len(EDITIONS)

    def run(self):
        keys = self.arguments or list(EDITIONS)
        unknown = [k for k in keys if k not in EDITIONS]
        if unknown:
            raise self.error(f"book-editions: unknown edition(s) {unknown}; known: {sorted(EDITIONS)}")
        items = nodes.bullet_list()
        for key in keys:
            title, _icon, what = LABELS[key]
            para = nodes.paragraph()
            para += edition_link("", "", filename=EDITIONS[key], title=title)
            para += nodes.Text(f": {what}.")
            items += nodes.list_item("", para)
        return [items]


def _menu(app, pagename, templatename, context, doctree) -> None:
    """The editions in the theme's download menu, after the page's own files."""
    pathto = context.get("pathto")
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons" or pathto is None:
            continue
        buttons = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]  # the browser's print
        for key, (title, icon, what) in LABELS.items():
            buttons.append({"type": "link", "url": pathto(f"{EDITIONS_DIR}/{EDITIONS[key]}", 1), "text": title,
                            "tooltip": what, "icon": icon, "label": f"download-{key}-edition-button"})
        if DOWNLOADS_PAGE in app.env.all_docs:
            buttons.append({"type": "link", "url": pathto(DOWNLOADS_PAGE), "text": "All downloads",
                            "tooltip": "Every edition, and how to run the notebooks", "icon": "fas fa-download",
                            "label": "downloads-page-button"})
        group["buttons"] = buttons


def save_not_open(html: str) -> str:
    """Download links name their file (the browser saves it) and open no new tab."""
    def named(match: re.Match) -> str:
        filename = posixpath.basename(match["href"].split("?")[0])
        return f'<a href="{match["href"]}" download="{filename}"{match["rest"]}'
    return DOWNLOAD_ANCHOR.sub(named, html)


def setup(app) -> dict:
    app.add_node(edition_link, html=(_visit_html, None), latex=(_visit_latex, None), text=(_visit_text, None))
    app.add_directive("book-editions", BookEditions)
    app.connect("html-page-context", _menu, priority=502)  # after sphinx-book-theme builds the menu (501)
    app.setup_extension(pages.__name__)
    pages.register(app, lambda name, html: save_not_open(html))
    return dict(PARALLEL_SAFE)
