"""Readability figures of the book's own prose, measured on the built HTML.

    python scripts/prose_metrics.py [_build/html] [--json] [--list]

What is measured, and the targets (issue 13):

* long sentences: the share of sentences over 40 words in the book's own
  paragraphs (not quotes, tables, cards, code or the reference list): <= 3 %;
* file-number names: a source named by its seed file's number ("seed 002",
  "(003)") anywhere a reader sees it: none;
* long citations: in-text citations in that prose whose bracket, however many
  sources it names, runs over 12 words (a table's list of the sources behind
  its rows aside): none.

``--list`` prints every long sentence, file-number name and long citation, with
its page, so a writer can find them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from booktables.myst.cite import SOURCES_NOTE_LABEL

ROOT = Path(__file__).resolve().parent.parent
LONG_SENTENCE = 40
LONG_CITATION = 12
TARGETS = {"long_sentence_share": 0.03, "file_number_names": 0, "long_citations": 0}
# Not the book's own prose: quotes, tables, cards and tabs of quotes, code and
# its output, the reference list, figures' data tables, the page's chrome.
NOT_PROSE = ("blockquote", "table", ".sd-card", ".sd-tab-set", ".cell_output", ".cell_input", "pre",
             ".bibliography", ".citation-list", "details.chart-data", "nav", "header", "footer", ".toctree-wrapper",
             "#cite-this-chapter", "dl.glossary dt")
FILE_NUMBER = re.compile(r"\bseeds?\s+(?:file\s+)?0\d\d\b|\(0\d\d[),;]|\b0\d\d(?:'s|’s)\b|\b00[0-4]\s+and\s+00[0-4]\b"
                         r"|\b00[0-4]\s*(?:says|calls|writes|speaks|gives|counts|reads)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|cf|vs|no|vol|pp|p|Mr|Dr|St|Nos|Art|etc|U\.S|U\.N)\.$", re.I)


def pages(html_dir: Path) -> list[Path]:
    skip = {"genindex.html", "search.html", "index.html"}
    return sorted(p for p in html_dir.rglob("*.html") if p.name not in skip and "_static" not in p.parts)


def _article(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.bd-article") or soup.select_one("main") or soup


def sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping abbreviations and initials whole."""
    out, current = [], ""
    for piece in SENTENCE_END.split(" ".join(text.split())):
        current = f"{current} {piece}".strip() if current else piece
        if not (ABBREVIATIONS.search(current) or re.search(r"\b[A-Z]\.$", current)):
            out.append(current)
            current = ""
    return out + ([current] if current else [])


def prose_paragraphs(article) -> list[str]:
    for node in article.select(", ".join(NOT_PROSE)):
        node.decompose()
    return [p.get_text(" ") for p in article.find_all(["p", "li", "dd"]) if not p.find(["p", "li"])]


def words(text: str) -> int:
    return len(re.findall(r"[\w’'–-]+", text))


def measure(html_dir: Path) -> dict:
    long_sentences, file_numbers, long_citations, total = [], [], [], 0
    for path in pages(html_dir):
        page = str(path.relative_to(html_dir))
        article = _article(path)
        for match in FILE_NUMBER.finditer(" ".join(article.get_text(" ").split())):
            file_numbers.append((page, match.group(0)))
        # A citation is the whole bracket a {cite:p} role writes, however many sources it names;
        # a table's list of the sources behind its rows is not an in-text citation.
        paragraphs = prose_paragraphs(article)  # drops quotes, tables, cards, code and the like
        for group in article.select("span.bibtex-citation"):
            text = " ".join(group.get_text(" ").split())
            paragraph = group.find_parent(["p", "li", "dd"])
            in_sources_note = paragraph is not None and paragraph.get_text(" ").strip().startswith(SOURCES_NOTE_LABEL)
            if words(text) > LONG_CITATION and not in_sources_note:
                long_citations.append((page, text))
        for paragraph in paragraphs:
            for sentence in sentences(paragraph):
                if words(sentence) < 3:
                    continue
                total += 1
                if words(sentence) > LONG_SENTENCE:
                    long_sentences.append((page, sentence))
    share = len(long_sentences) / total if total else 0.0
    return {"sentences": total, "long_sentences": len(long_sentences), "long_sentence_share": round(share, 4),
            "file_number_names": len(file_numbers), "long_citations": len(long_citations),
            "details": {"long_sentences": long_sentences, "file_number_names": file_numbers,
                        "long_citations": long_citations}}


def meets_targets(figures: dict) -> bool:
    return all(figures[key] <= target for key, target in TARGETS.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", nargs="?", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--list", action="store_true", help="print every finding with its page")
    args = parser.parse_args(argv)
    figures = measure(args.html_dir)
    if args.json:
        print(json.dumps({k: v for k, v in figures.items() if k != "details"}))
    else:
        print(f"sentences in the book's own prose: {figures['sentences']}")
        print(f"over {LONG_SENTENCE} words: {figures['long_sentences']} ({figures['long_sentence_share']:.1%}; "
              f"target <= {TARGETS['long_sentence_share']:.0%})")
        print(f"sources named by file number: {figures['file_number_names']} (target 0)")
        print(f"in-text citations over {LONG_CITATION} words: {figures['long_citations']} (target 0)")
    if args.list:
        for kind, found in figures["details"].items():
            for page, text in found:
                print(f"[{kind}] {page}: {text}")
    return 0 if meets_targets(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
