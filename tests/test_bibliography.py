"""The reference list reads as the text cites: each entry labelled with its
author–year citation, every label unique, sorted by author, titles as written."""
import html
import re

from pybtex.database import parse_file

from booktables.sphinx.bibstyle import label_text, tooltip_text
from conftest import ROOT


def test_every_citation_label_is_unique():
    entries = parse_file(str(ROOT / "references.bib")).entries
    labels = [label_text(e) for e in entries.values()]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    assert not repeated, f"give these a letter after the year (1993a, 1993b): {repeated}"


def test_labels_are_author_year_and_ignore_braces():
    entries = parse_file(str(ROOT / "references.bib")).entries
    assert label_text(entries["Kuzio_2021"]) == "Kuzio, 2021"
    assert label_text(entries["Jafarov_Aslanli_2021"]) == "Jafarov and Aslanli, 2021"
    assert label_text(entries["UNSC_Res_822_1993"]) == "United Nations Security Council, 1993a"


def test_citation_tooltips_are_short_who_title_and_year():
    entries = parse_file(str(ROOT / "references.bib")).entries
    assert tooltip_text(entries["Jafarov_Aslanli_2021"]) == (
        "Nazim Jafarov and Araz Aslanli. Russia's Policy During the 44-Day Karabakh War (2021).")
    assert all(len(tooltip_text(e)) < 400 and "http" not in tooltip_text(e) for e in entries.values())


def _labels(page: str) -> list[str]:
    found = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">\]',
                       page)
    return [html.unescape(re.sub(r"<[^>]+>", "", label)) for label in found]


def test_reference_list_is_sorted_and_matches_the_citations(built_book):
    page = (built_book / "references.html").read_text(encoding="utf-8")
    labels = _labels(page)
    assert len(labels) == len(parse_file(str(ROOT / "references.bib")).entries)
    by_author_then_year = [(author.casefold(), year) for author, year in (label.rsplit(", ", 1) for label in labels)]
    assert by_author_then_year == sorted(by_author_then_year)
    # The text cites the same words the list is labelled with.
    war = (built_book / "chapters" / "war.html").read_text(encoding="utf-8")
    assert "Kuzio, 2021" in html.unescape(war) and "Kuzio, 2021" in labels


def test_titles_keep_their_capitals(built_book):
    page = html.unescape((built_book / "references.html").read_text(encoding="utf-8"))
    assert "Russia's Policy During the 44-Day Karabakh War" in page.replace("\u2019", "'")
    assert "karabakh war in the context" not in page
