"""The EPUB edition (``make epub``): valid for epubcheck, with no scripts.

Sphinx's EPUB builder writes HTML pages, so the web pages' devices come with
it unless they are mended here, before the HTML-only transforms run:

* a chart is its SVG image (``nb_mime_priority_overrides`` in _config.yml), its
  ``alt`` text the chart's description (charts/render.py writes it into the
  SVG as ``aria-label``);
* the code cells that the web edition hides are left out (an e-reader runs no
  code), so no ``<details>`` toggles with paragraphs inside ``<summary>``;
* sphinx-design tab sets become their panels one after another, each under its
  label, instead of radio buttons and labels, and dropdowns print open;
* exercises get ids of their own (sphinx-exercise repeats one), and
  sphinx-thebe's configuration scripts are dropped;
* no page loads a script, and only style sheets the EPUB carries; the
  chapter's .bib download (a web file) is left out, and links written as HTML
  point to the EPUB's own .xhtml pages.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .metadata import PARALLEL_SAFE

INTERNAL_PAGE_LINK = re.compile(r'href="((?:\.\./)*[\w/-]+)\.html(#[^"]*)?"')
ARIA_LABEL = re.compile(r'<svg\b[^>]*\baria-label="([^"]*)"')
# Style sheets the EPUB does not carry: added by other extensions in their
# build-finished step (after the EPUB is zipped), or for the web's scripts only.
# The e-book's own style sheet, in a folder of its own: the web's static folder
# holds scripts, which an EPUB must not carry.
EPUB_STATIC = Path(__file__).resolve().parent / "static_epub"
EPUB_STYLE_SHEET = "book-epub.css"
WEB_ONLY_STYLE_SHEETS = ("mystnb.", "exercise.css", "book-icons.css", "dataTables.")


def _is_component(node, name: str) -> bool:
    return isinstance(node, nodes.Element) and node.get("design_component") == name


class EpubPages(SphinxPostTransform):
    # Before myst-nb hides input cells (199) and sphinx-design builds tabs (200).
    default_priority = 190
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") == "cell_code" and cell.get("hide_mode"):
                for source in [c for c in cell.children if c.get("nb_element") == "cell_code_source"]:
                    cell.remove(source)
                cell["hide_mode"] = None
        for tab_set in list(self.document.findall(lambda n: _is_component(n, "tab-set"))):
            panels = nodes.container(classes=["book-tab-panels"])
            for item in tab_set.children:
                if _is_component(item, "tab-item") and len(item.children) == 2:
                    label, content = item.children
                    panels += nodes.rubric("", "", *label.children)
                    panels += content.children
                else:
                    panels += item
            tab_set.replace_self(panels)
        # Dropdowns (their summary holds an inline SVG icon) print open, under their title:
        # sphinx-design's own rendering for builders other than HTML.
        for dropdown in list(self.document.findall(lambda n: _is_component(n, "dropdown"))):
            dropdown.replace_self(nodes.container("", *dropdown.children, classes=["book-dropdown"]))
        # sphinx-exercise gives every exercise's body the same id.
        seen: dict[str, int] = {}
        for node in self.document.findall(nodes.Element):
            for index, ident in enumerate(node.get("ids", [])):
                if ident in ("exercise-content", "solution-content"):
                    seen[ident] = seen.get(ident, 0) + 1
                    node["ids"][index] = f"{ident}-{seen[ident]}"
        for raw in list(self.document.findall(nodes.raw)):
            # The chapter's .bib file is written for the web edition only.
            if "_static/cite/" in raw.astext():
                raw.parent.remove(raw)
            # Links the package writes as HTML (cards to the explorer's rows) name the web
            # pages; the EPUB's pages are .xhtml.
            elif "html" in raw.get("format", "") and INTERNAL_PAGE_LINK.search(raw.astext()):
                text = INTERNAL_PAGE_LINK.sub(r'href="\1.xhtml\2"', raw.astext())
                raw.replace_self(nodes.raw("", text, format=raw["format"]))
        for image in self.document.findall(nodes.image):
            uri = image.get("uri", "")
            if uri.endswith(".svg") and not image.get("alt"):
                path = Path(self.env.srcdir, uri) if not Path(uri).is_absolute() else Path(uri)
                match = ARIA_LABEL.search(path.read_text(encoding="utf-8")[:4000]) if path.is_file() else None
                if match:
                    image["alt"] = html.unescape(match.group(1))  # Sphinx escapes it again


def _drop_thebe(app, doctree, docname) -> None:
    """sphinx-thebe writes its configuration as <script> elements into every page."""
    if app.builder.name != "epub":
        return
    for raw in list(doctree.findall(nodes.raw)):
        if "thebe" in raw.astext() or "kernelName" in raw.astext():
            raw.parent.remove(raw)


def _no_scripts(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name != "epub":
        return
    context["script_files"] = []
    context["css_files"] = [css for css in context.get("css_files", [])
                            if not str(getattr(css, "filename", css)).rsplit("/", 1)[-1].startswith(WEB_ONLY_STYLE_SHEETS)]


def _start_afresh(app) -> None:
    """Sphinx packs whatever its EPUB folder holds, and other extensions write web
    files there after the packing (a style sheet, a redirect page), so a second
    build would carry them and fail epubcheck. Each EPUB build starts afresh,
    with the e-book's own style sheet."""
    if app.builder.name != "epub":
        return
    outdir = Path(app.outdir)
    if outdir.is_dir() and outdir.resolve() != Path(app.srcdir).resolve():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    app.config.html_static_path += [str(EPUB_STATIC)]
    app.add_css_file(EPUB_STYLE_SHEET)


def setup(app) -> dict:
    app.connect("builder-inited", _start_afresh)
    app.add_post_transform(EpubPages)
    app.connect("doctree-resolved", _drop_thebe, priority=900)
    app.connect("html-page-context", _no_scripts, priority=900)
    return dict(PARALLEL_SAFE)
