"""The strict build with forced execution passes, and its pages are what a reader gets."""
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, build_book, build_command, chapter_pages, set_cell, toc_pages


def test_strict_build_produces_every_page(built_book):
    for page in toc_pages():
        assert (built_book / f"{page}.html").is_file(), page
    assert (built_book / "_static" / "vega-bundle.js").is_file()


def test_pages_load_no_script_from_the_network(built_book):
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html):
            assert not src.startswith(("http:", "https:", "//")), f"{page.name} loads {src}"


def test_pages_load_the_chart_library_only_with_charts_and_never_font_awesome(built_book):
    for page in built_book.rglob("*.html"):
        if "_static" in page.relative_to(built_book).parts:  # the theme's own template files
            continue
        html = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, page.name
        assert ("vega-bundle.js" in html) == ('class="book-chart"' in html), page.name


@pytest.mark.parametrize("page", chapter_pages())
def test_each_chapter_has_charts_each_with_a_note_and_citations(built_book, page):
    html = (built_book / f"{page}.html").read_text(encoding="utf-8")
    charts = html.count('class="book-chart"')
    assert charts >= 2
    assert html.count("How this chart was made") + html.count("How this map was made") >= charts
    assert 'class="reference internal" href="../references.html#' in html  # {cite} links to the bibliography


@pytest.mark.build
def test_a_failing_cell_fails_the_build(tmp_path):
    """The book's own configuration turns a cell error into a failed build."""
    book = tmp_path / "failbook"
    book.mkdir()
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copy(ROOT / "references.bib", book)
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (book / "index.md").write_text(
        "---\nkernelspec:\n  name: python3\n  display_name: Python 3\njupytext:\n  text_representation:\n"
        "    format_name: myst\n---\n# T\n\n```{code-cell} ipython3\nraise RuntimeError('boom')\n```\n")
    result = subprocess.run(build_command(book), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "RuntimeError" in result.stdout + result.stderr


@pytest.mark.build
def test_html_payload_in_the_data_is_inert_in_the_built_page(tmp_path, data_copy):
    payload = '<script>window.PWNED=1</script><img src=x onerror="window.PWNED=2">'
    set_cell(data_copy / "events.csv", 2, "title", "Payload " + payload[:60])
    set_cell(data_copy / "claims.csv", 2, "paraphrase", "Paraphrase with " + payload)
    result = build_book(tmp_path / "out", data_dir=data_copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html_dir = tmp_path / "out" / "_build" / "html"
    pages = "".join(p.read_text(encoding="utf-8") for p in html_dir.rglob("*.html"))
    assert "<script>window.PWNED" not in pages
    assert '<img src=x onerror' not in pages and '<img src="x" onerror' not in pages


def test_charts_use_only_a_colour_blind_safe_palette(built_book):
    """Okabe & Ito's eight colours, greys, one darker shade of their bluish green
    for label text, and single-hue sequential schemes."""
    from booktables.charts.theme import OKABE_ITO
    allowed = {c.lower() for c in OKABE_ITO} | {"#00573f"}
    seen, schemes = set(), set()
    for page in built_book.rglob("*.html"):
        for spec in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page.read_text(encoding="utf-8"), re.S):
            seen |= {c.lower() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", spec)}
            schemes |= set(re.findall(r'"scheme":\s*"(\w+)"', spec))
    greys = {c for c in seen if c[1:3] == c[3:5] == c[5:7]}
    assert seen - greys <= allowed, sorted(seen - greys - allowed)
    assert schemes <= {"blues", "greens", "greys", "oranges", "purples"}, schemes


def test_the_prose_meets_the_readability_targets(built_book):
    """Measured on the built pages (scripts/prose_metrics.py): few long sentences,
    no source named by its file number, no in-text citation over 12 words."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "prose_metrics.py"), str(built_book), "--list"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_title_page_and_every_footer_name_the_release_from_citation_cff(built_book):
    from booktables.sphinx.citation import book_meta

    meta = book_meta(ROOT / "CITATION.cff")
    line = f"Version {meta.version} of the book, released {meta.date}."
    intro = re.sub(r"<[^>]+>|\s+", " ", (built_book / "intro.html").read_text(encoding="utf-8"))
    assert re.sub(r"\s+", " ", line) in intro and "{{" not in intro
    for page in toc_pages():
        html = (built_book / f"{page}.html").read_text(encoding="utf-8")
        assert line in html, page
        assert re.search(r"Last updated on \d{4}-\d{2}-\d{2}\.", html), page


def test_every_page_carries_citation_metadata_from_citation_cff(built_book):
    """What Zotero and Google Scholar read, parsed back from every page of the book."""
    import json

    from bs4 import BeautifulSoup

    from booktables.sphinx.citation import book_meta

    meta = book_meta(ROOT / "CITATION.cff")
    for page in toc_pages():
        soup = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        tags: dict[str, list[str]] = {}
        for m in soup.head.find_all("meta", attrs={"name": re.compile("^citation_")}):
            tags.setdefault(m["name"], []).append(m["content"])
        chapter = page.startswith("chapters/")
        assert tags["citation_inbook_title"] == [meta.title], page  # Zotero: a section of the book
        assert tags["citation_author"] == meta.authors, page
        assert tags["citation_publication_date"] == [meta.date.replace("-", "/")], page
        assert tags["citation_title"] and tags["citation_language"] == ["en"] and tags["citation_keywords"], page
        assert "citation_public_url" not in tags  # no public address set: no made-up one
        (script,) = soup.find_all("script", attrs={"type": "application/ld+json"})
        record = json.loads(script.string)
        assert record["@type"] == ("Chapter" if chapter else "WebPage"), page
        book = record["isPartOf"]
        assert book["@type"] == "Book" and book["name"] == meta.title and book["version"] == meta.version, page
        assert "creativecommons.org/licenses/by/4.0" in json.dumps(book), page
        og = {m["property"]: m["content"] for m in soup.head.find_all("meta", attrs={"property": re.compile("^og:")})}
        assert og["og:title"] and "og:url" not in og, page
