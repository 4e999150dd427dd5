"""Quotations in the chapters' prose are verbatim from the seed texts too.

A passage in double quotes of four words or more is taken as a quotation and
must stand word for word in one of the seeds; shorter ones are words being
discussed ("frozen", "peacekeeping").
"""
import re
from pathlib import Path

import pytest

from booktables.data.paths import SEEDS_DIR
from booktables.data.quotes import is_verbatim, seed_texts
from conftest import ROOT

PAGES = sorted([ROOT / "intro.md", *sorted((ROOT / "chapters").glob("*.md"))])
QUOTED = re.compile(r'["\u201c]([^"\u201d]{3,}?)["\u201d]')


def prose(text: str) -> str:
    """The page without front matter, code cells, code spans and directive options."""
    text = re.sub(r"^---\n.*?\n---\n", "", text, count=1, flags=re.S)
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"the seed texts are not here ({SEEDS_DIR})")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_quotations_in_prose_are_verbatim(page: Path):
    variants = [v for vs in seed_texts().values() for v in vs]
    quotes = [q for q in QUOTED.findall(prose(page.read_text(encoding="utf-8"))) if len(q.split()) >= 4]
    wrong = [q for q in quotes if not is_verbatim(q, variants)]
    assert not wrong, f"{page.name}: not verbatim in any seed: {wrong}"


# Where in its seed a quotation stands: "(paragraph 3)", "(abstract, sentence 2)",
# "(section 'Russia as Mediator', paragraph 2)", "(opening section, paragraph 5)".
LOCATOR = re.compile(r"\b(paragraphs?|sentence|section|abstract|conclusion|introduction|photo caption)\b", re.I)


def unlocated(text: str) -> list[str]:
    """Quotations of four words or more with no locator before their sentence ends."""
    missing = []
    for match in QUOTED.finditer(text):
        if len(match.group(1).split()) < 4:
            continue
        rest = re.split(r"(?<=[.!?])\s", text[match.end():match.end() + 200], maxsplit=1)[0]
        if not LOCATOR.search(rest):
            missing.append(" ".join(match.group(1).split()))
    return missing


def test_a_quotation_without_a_locator_is_found():
    assert unlocated('Kuzio calls it "unlikely to hold for long" (paragraph 16).') == []
    assert unlocated('Daily Sabah ("the liberation of Nagorno-Karabakh", opening section, paragraph 1) uses it.') == []
    assert unlocated('Kuzio calls it "unlikely to hold for long". He gives four reasons (paragraph 9).') == [
        "unlikely to hold for long"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_quotations_in_prose_give_their_locator(page: Path):
    missing = unlocated(prose(page.read_text(encoding="utf-8")))
    assert not missing, f"{page.name}: give where in the source each stands, e.g. (paragraph 3): {missing}"
