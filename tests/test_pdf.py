"""The PDF edition: built with xelatex, every chapter, every chart as a vector
image, full Unicode, a sane page count and the release on it."""
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT, toc_pages

needs_tex = pytest.mark.skipif(not shutil.which("xelatex") or not shutil.which("pdftotext"),
                               reason="TeX or poppler missing: `make test` installs them from apt.txt")


def page_title(name: str) -> str:
    text = (ROOT / f"{name}.md").read_text(encoding="utf-8")
    return re.search(r"^# (.+)$", text, re.M).group(1).strip()


def squash(text: str) -> str:
    """Lower case, folded space, and LaTeX's curly quotes read as straight ones."""
    text = text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return re.sub(r"\s+", " ", text).lower()


@needs_tex
def test_pdf_has_every_page_title_and_the_release(pdf):
    text = squash(subprocess.run(["pdftotext", str(pdf / "book.pdf"), "-"], capture_output=True, text=True).stdout)
    # The root page (the introduction) opens the book untitled, as front matter.
    assert "a note on names" in text
    for name in toc_pages()[1:]:
        title = squash(page_title(name))
        assert title in text, f"{name}: {title!r} not in the PDF"
    version = yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"]
    assert f"release {version}" in text and "cite this chapter" in text


@needs_tex
def test_pdf_prints_every_script_with_no_missing_character(pdf):
    log = (pdf / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = subprocess.run(["pdftotext", str(pdf / "book.pdf"), "-"], capture_output=True, text=True).stdout
    for word in ("Xankəndi", "Şuşa", "Dağlık", "Шуша", "Շուշի"):
        assert word in text, word


@needs_tex
def test_every_chart_is_a_vector_image_in_the_pdf(pdf, built_book):
    charts = sum(p.read_text(encoding="utf-8").count('class="book-chart"') for p in built_book.rglob("*.html"))
    tex = (pdf / "book.tex").read_text(encoding="utf-8")
    images = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+?)\}?\.pdf\}", tex)
    assert len(images) >= charts >= 2, (len(images), charts)
    for stem in images:
        assert (pdf / f"{stem}.pdf").is_file(), stem
    assert "Chart:" not in tex  # no chart fell back to its text repr


@needs_tex
def test_side_by_side_comparisons_become_two_column_tables(pdf):
    tex = (pdf / "book.tex").read_text(encoding="utf-8")
    assert "Reading, in the source" in tex
    assert "sd-card" not in tex


@needs_tex
def test_every_table_has_set_column_widths_and_data_tables_break_across_pages(pdf):
    # Left to tabulary, LaTeX squeezed dates and names to a few letters, and a
    # long tabular ran off the foot of the page.
    tex = (pdf / "book.tex").read_text(encoding="utf-8")
    assert "\\begin{tabulary}" not in tex
    assert tex.count("\\begin{longtable}") >= 7


@needs_tex
def test_page_count_is_sane(pdf):
    info = subprocess.run(["pdfinfo", str(pdf / "book.pdf")], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 10 * len(toc_pages()) // 3 <= pages <= 400, pages


@needs_tex
def test_the_pdf_prints_the_exercises_but_leaves_their_solutions_to_the_web(pdf, built_book):
    text = squash(subprocess.run(["pdftotext", str(pdf / "book.pdf"), "-"], capture_output=True, text=True).stdout)
    chapters = [name for name in toc_pages() if name.startswith("chapters/")]
    assert text.count("the solutions to these exercises are in the web edition") == len(chapters)
    assert text.count("exercise") >= 3 * len(chapters)
    assert "solution to exercise" not in text
    # On the web, each exercise has its solution, folded away in a dropdown.
    for name in chapters:
        html = (built_book / f"{name}.html").read_text(encoding="utf-8")
        exercises = len(re.findall(r'<div class="exercise admonition" id="ex-', html))
        assert exercises >= 3 and len(re.findall(r'<div class="solution dropdown admonition"', html)) == exercises
