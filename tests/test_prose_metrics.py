"""scripts/prose_metrics.py on tiny pages: what counts as a long in-text citation."""
import importlib.util

from booktables.myst.cite import SOURCES_NOTE_LABEL
from conftest import ROOT

spec = importlib.util.spec_from_file_location("prose_metrics", ROOT / "scripts" / "prose_metrics.py")
prose_metrics = importlib.util.module_from_spec(spec)
spec.loader.exec_module(prose_metrics)

GROUP = ('<span class="bibtex-citation">[<a href="references.html#a">De facto president of Nagorno-Karabakh, '
         '2023</a>, <a href="references.html#b">Karabakh Armenian leadership (de facto, in exile), 2023</a>, '
         '<a href="references.html#c">UNHCR, 2023</a>]</span>')
SHORT = '<span class="bibtex-citation">[<a href="references.html#c">UNHCR, 2023</a>]</span>'


def page(tmp_path, body: str):
    (tmp_path / "chapter.html").write_text(f'<html><body><article class="bd-article">{body}</article></body></html>',
                                           encoding="utf-8")
    return prose_metrics.measure(tmp_path)


def test_a_bracket_of_several_sources_is_one_citation_and_counts_as_long(tmp_path):
    figures = page(tmp_path, f"<p>More than 100,000 people fled to Armenia {GROUP}.</p><p>They fled {SHORT}.</p>")
    assert figures["long_citations"] == 1
    assert "UNHCR" in figures["details"]["long_citations"][0][1]


def test_a_tables_list_of_sources_and_a_table_are_not_in_text_citations(tmp_path):
    figures = page(tmp_path, f"<p><em>{SOURCES_NOTE_LABEL}</em> {GROUP}.</p>"
                             f"<table><tr><td>Armenia</td><td>{GROUP}</td></tr></table>")
    assert figures["long_citations"] == 0
