"""Citable chapters: a valid CITATION.cff, generated cite blocks, .bib downloads,
stable anchors, and the executed notebooks offered for download."""
import json
import re
from pathlib import Path

import jsonschema
import nbformat
import pytest
import yaml
from pybtex.database import parse_string

from booktables.sphinx.citation import apa, bibtex, book_meta, chicago, slug
from conftest import ROOT, chapter_pages

SCHEMA = Path(__file__).parent / "schemas" / "citation-file-format-1.2.0.schema.json"
CHAPTERS = [p.split("/")[-1] for p in chapter_pages()]


def test_citation_cff_is_valid():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    # YAML reads an unquoted date as a date; the schema expects the string form.
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))


def test_citations_are_generated_from_citation_cff():
    meta = book_meta()
    for text in (apa(meta, "A chapter"), chicago(meta, "A chapter")):
        assert "A chapter" in text and meta.version in text and meta.title in text
    entry = parse_string(bibtex(meta, "A chapter", "chapters/x"), "bibtex").entries["karabakh2020book_x"]
    assert entry.fields["title"] == "A chapter" and meta.version in entry.fields["edition"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_page_has_a_cite_block_and_a_bib_download(built_book, chapter):
    html = (built_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
    meta = book_meta()
    block = html[html.index('id="cite-this-chapter"'):]
    assert f"Version {meta.version}" in block and "APA" in block and "Chicago" in block and "@incollection" in block
    bib = (built_book / "_static" / "cite" / f"{slug('chapters/' + chapter)}.bib").read_text(encoding="utf-8")
    title = " ".join(re.sub(r"<[^>]+>", "", re.search(r"<article.*?<h1>(.*?)<a class=\"headerlink", html, re.S).group(1)).split())
    entry = next(iter(parse_string(bib, "bibtex").entries.values()))
    assert entry.fields["title"] == title


def test_section_anchors_are_stable(built_book):
    html = (built_book / "chapters" / "background.html").read_text(encoding="utf-8")
    # Sphinx drops the en dashes of "1988–1994" from ids; these are the ids readers link to.
    for anchor in ("background", "from-the-soviet-period-to-the-first-war-19881994", "the-frozen-conflict-19942020",
                   "the-arc-of-turkishrussian-relations-since-1991", "cite-this-chapter",
                   "fig-background-timeline", "fig-background-agreements"):
        assert f'id="{anchor}"' in html, anchor


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_download_button_gives_the_executed_notebook(built_book, chapter):
    html = (built_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
    assert f'href="../_sources/chapters/{chapter}.ipynb"' in html
    nb = nbformat.read(built_book / "_sources" / "chapters" / f"{chapter}.ipynb", as_version=4)
    nbformat.validate(nb)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs, "the notebook was not executed"
    charts = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert all("text/html" not in o["data"] for o in charts)  # static charts show in any Jupyter


def test_data_package_is_linked_with_its_licence(built_book):
    html = (built_book / "data.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in html
    for name in ("datapackage.json", "events.csv", "claims.csv", "agreements.csv"):
        link = re.search(rf'href="(_downloads/[^"]+/{re.escape(name)})"', html)
        assert link and (built_book / link.group(1)).is_file(), name


def test_chicago_turns_a_title_s_own_quotes_single():
    meta = book_meta()
    text = chicago(meta, "The 1991\u201394 ceasefires and the \u201cfrozen\u201d conflict")
    assert "\u201cThe 1991\u201394 ceasefires and the \u2018frozen\u2019 conflict.\u201d" in text
