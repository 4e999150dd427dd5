"""How to cite the book and its chapters, generated from CITATION.cff alone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..data import paths


@dataclass(frozen=True)
class BookMeta:
    title: str
    authors: list[str]
    version: str
    date: str  # ISO 8601, the release date
    abstract: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]


def book_meta(cff_path: Path | None = None) -> BookMeta:
    data = yaml.safe_load(Path(cff_path or paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    authors = [a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in data["authors"]]
    return BookMeta(data["title"], authors, str(data["version"]), str(data["date-released"]),
                    " ".join(str(data.get("abstract", "")).split()))


def slug(docname: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", docname.split("/")[-1].lower()).strip("_")


def _authors_text(meta: BookMeta) -> str:
    return " & ".join(meta.authors)


def apa(meta: BookMeta, chapter: str) -> str:
    return (f"{_authors_text(meta)}. ({meta.year}). {chapter}. In {meta.title} "
            f"(Version {meta.version}). Open executable book.")


def _quoted_within_quotes(title: str) -> str:
    """A title's own double quotes turn single inside the quotation marks around it."""
    return re.sub(r'[\u201c"]([^\u201d"]*)[\u201d"]', "\u2018\\1\u2019", title)


def chicago(meta: BookMeta, chapter: str) -> str:
    return (f"{_authors_text(meta)}. {meta.year}. \u201c{_quoted_within_quotes(chapter)}.\u201d In {meta.title}, "
            f"version {meta.version}. Released {meta.date}.")


def bibtex(meta: BookMeta, chapter: str, docname: str) -> str:
    authors = " and ".join("{" + a + "}" if "," not in a else a for a in meta.authors)
    return (f"@incollection{{karabakh2020book_{slug(docname)},\n"
            f"  author    = {{{authors}}},\n"
            f"  title     = {{{chapter}}},\n"
            f"  booktitle = {{{meta.title}}},\n"
            f"  year      = {{{meta.year}}},\n"
            f"  edition   = {{Version {meta.version}}},\n"
            f"  note      = {{Version {meta.version}, released {meta.date}}}\n"
            f"}}\n")
