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
