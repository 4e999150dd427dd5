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
