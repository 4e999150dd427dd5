"""A "Cite this chapter" section on every chapter page.

Everything comes from CITATION.cff (title, authors, version, date) and the
chapter's own title, so no citation is ever typed by hand. The release shown on
the PDF's title page is set from the same file, and each chapter's BibTeX
entry is written to ``_static/cite/<chapter>.bib`` for download.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from docutils import nodes

from ..contracts import CHAPTER_PREFIX
from .citation import apa, bibtex, book_meta, chicago, slug
from .metadata import PARALLEL_SAFE, builds_website

BASEURL_VARIABLE = "BOOK_BASEURL"


def _set_release(app, config) -> None:
    """The book's title, version and date from CITATION.cff, its one metadata
    source; the public address from _config.yml's html.baseurl, or from the
    environment when a publishing build sets it."""
    meta = book_meta(Path(app.confdir) / "CITATION.cff")
    config.version = config.release = meta.version
    config.today = meta.date
    config.project = meta.title  # Jupyter Book 1 leaves it unset ("Project name not set")
    # The PDF's running head: the title without its subtitle (_config.yml's preamble).
    short_title = meta.title.split(":")[0].strip()
    preamble = config.latex_elements.get("preamble", "")
    config.latex_elements = {**config.latex_elements,
                             "preamble": f"\\newcommand{{\\bookshorttitle}}{{{short_title}}}\n{preamble}"}
    # The EPUB's package metadata, which Sphinx otherwise fills with "unknown".
    authors = " & ".join(meta.authors)
    config.epub_title = meta.title
    config.epub_author = config.epub_publisher = config.epub_contributor = authors
    config.epub_description = meta.abstract
    config.epub_copyright = f"{meta.year}, {authors}. Text CC BY 4.0, code MIT"
    # One name for the identifier and its id: Sphinx's toc.ncx gives the id where
    # the identifier belongs, and epubcheck wants the two to match.
    config.epub_scheme = ""
    config.epub_identifier = config.epub_uid = (
        f"book-{uuid.uuid5(uuid.NAMESPACE_URL, meta.title + ' ' + meta.version)}")
    if os.environ.get(BASEURL_VARIABLE):
        config.html_baseurl = os.environ[BASEURL_VARIABLE]


def _add_cite_section(app, doctree) -> None:
    docname = app.env.docname
    if not docname.startswith(CHAPTER_PREFIX):
        return
    meta = book_meta(Path(app.confdir) / "CITATION.cff")
    first = next(iter(doctree.findall(nodes.section)), None)
    if first is None:
        return
    chapter = first[0].astext()
    entry = bibtex(meta, chapter, docname)
    app.env.book_bibtex = getattr(app.env, "book_bibtex", {})
    app.env.book_bibtex[docname] = entry

    section = nodes.section(ids=["cite-this-chapter"], names=["cite this chapter"])
    section += nodes.title(text="Cite this chapter")
    section += nodes.paragraph(text=f"Version {meta.version}, released {meta.date}. "
                                    "When you quote a source through this chapter, cite the source too.")
    for style, text in (("APA", apa(meta, chapter)), ("Chicago", chicago(meta, chapter))):
        # The book's title in italics, as both styles set it.
        before, _, after = text.partition(meta.title)
        para = nodes.paragraph()
        para += nodes.strong(text=f"{style}: ")
        para += [nodes.Text(before), nodes.emphasis(text=meta.title), nodes.Text(after)]
        section += para
    section += nodes.paragraph(text="BibTeX:")
    section += nodes.literal_block(entry, entry, language="bibtex")
    depth = docname.count("/")
    link = f'{"../" * depth}_static/cite/{slug(docname)}.bib'
    section += nodes.raw("", f'<p><a class="reference download" href="{link}" download="{slug(docname)}.bib">'
                             f"Download this chapter's BibTeX entry (.bib)</a></p>", format="html")
    first += section


def _merge(app, env, docnames, other) -> None:
    env.book_bibtex = {**getattr(env, "book_bibtex", {}), **getattr(other, "book_bibtex", {})}


def _purge(app, env, docname) -> None:
    getattr(env, "book_bibtex", {}).pop(docname, None)


def _write_bib_files(app, exception) -> None:
    if exception or not builds_website(app.builder):
        return
    target = Path(app.outdir) / "_static" / "cite"
    target.mkdir(parents=True, exist_ok=True)
    for docname, entry in sorted(getattr(app.env, "book_bibtex", {}).items()):
        (target / f"{slug(docname)}.bib").write_text(entry, encoding="utf-8")


def setup(app) -> dict:
    app.connect("config-inited", _set_release)
    # Before Sphinx's own TOC collector (priority 500), so the section is listed.
    app.connect("doctree-read", _add_cite_section, priority=400)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("build-finished", _write_bib_files)
    return dict(PARALLEL_SAFE)
