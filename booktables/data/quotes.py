"""Check that every quote in the data stands verbatim in its seed text.

Normalisation is deliberately light: Unicode NFKC, curly quotes and dashes to
ASCII, endnote markers (<sup>…</sup>) and Markdown asterisks dropped, white
space folded, case ignored. '...' or '…' in a quote marks an omission: each
part must then occur, in the same seed text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import paths

_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_OMISSION = re.compile(r"\.\.\.|…|\[[^\]]*\]")


def normalise(text: str, keep_superscripts: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_ASCII)
    if keep_superscripts:  # read "2<sup>nd</sup>" as "2nd"
        text = re.sub(r"</?sup>", "", text)
    text = re.sub(r"<sup>.*?</sup>|\*+", "", text)
    text = re.sub(r"-\s*\n\s*", "", text)  # words hyphenated across a line break
    return re.sub(r"\s+", " ", text).strip().lower()


def quote_parts(quote: str) -> list[str]:
    parts = [p.strip(" \"'.,;:") for p in _OMISSION.split(normalise(quote))]
    return [p for p in parts if len(p) > 3]


@dataclass(frozen=True)
class QuoteCheck:
    table: str
    row_id: str
    source_id: str
    quote: str
    found: bool


def seed_texts(seeds_dir: Path | None = None) -> dict[str, list[str]]:
    """{seed file name: its normalised variants}."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    return {p.name: [normalise(p.read_text(encoding="utf-8"), keep) for keep in (False, True)]
            for p in sorted(seeds_dir.glob("*.txt"))}


def is_verbatim(quote: str, variants: list[str]) -> bool:
    parts = quote_parts(quote)
    return bool(parts) and any(all(part in text for part in parts) for text in variants)


def check_quotes(frames: dict, seeds_dir: Path | None = None) -> list[QuoteCheck]:
    """Check every quote column of every table against its own source's seed: the
    claims, and the support rows of citations.csv (named by the record they support)."""
    texts = seed_texts(seeds_dir)
    seed_of = dict(zip(frames["sources"]["id"], frames["sources"]["seed_file"]))
    out = []
    for table, frame in frames.items():
        if "quote" not in frame.columns:
            continue
        for row in frame.itertuples():
            seed = seed_of.get(row.source_id)
            variants = texts.get(seed, []) if isinstance(seed, str) else []
            row_id = getattr(row, "id", None) or getattr(row, "record_id", "")
            out.append(QuoteCheck(table, row_id, row.source_id, row.quote, is_verbatim(row.quote, variants)))
    return out
