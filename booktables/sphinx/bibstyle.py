"""A bibliography that matches the book's author–year citations.

sphinxcontrib-bibtex cites in the text by author and year ("Kuzio, 2021"), but
pybtex's stock styles label the list with machine keys ("[Kuz21]", or for a
corporate author "[ConferenceoSaCoiECSCEBSummit94]"), sort names in braces
after every personal name, and lower-case titles ("The second karabakh war").
The ``book`` style registered here labels each entry with the text its
citations show, sorts by that text, and prints titles as written.

Corporate and multi-party authors ("Defence ministers of Azerbaijan and Armenia
and the commander of the Nagorno-Karabakh army, with Russian mediation") carry a
``shortauthor`` field, as in biblatex ("Ceasefire agreement"). The citation in
the text and the label in the list use it; the entry in the list still gives
the full author. The ``book-author-year`` referencing style registered here is
sphinxcontrib-bibtex's author–year style reading that field.

Two works with the same short author in the same year carry a letter in their
``year`` field in ``references.bib`` ("1993a"), as in author–year BibTeX
practice, so that the citation in the text and the label in the list agree and
both are unambiguous.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dc_field
from importlib.metadata import version
from pathlib import Path

from pybtex.backends.plaintext import Backend as PlainText
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, optional, sentence
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from ..cache import user_cache_dir
from .metadata import PARALLEL_SAFE

PLAIN_CACHE: dict[str, str] = {}


def _plain(latex: str) -> str:
    """A name or field as a reader sees it: braces and LaTeX escapes resolved.

    Cached (and kept between builds with the formatted entries), and rendered
    with a backend instance: ``render_as("text")`` looks the backend up among
    every installed package's entry points on each call, which cost about 5 s a
    build for the few hundred names and titles sorted here; parsing the LaTeX
    still costs 3 ms a string."""
    plain = PLAIN_CACHE.pop(latex, None)
    if plain is None:
        plain = Text.from_latex(latex).render(PlainText())
    PLAIN_CACHE[latex] = plain  # the most recently used last, as in FORMAT_CACHE
    return plain


SHORT_AUTHOR = "shortauthor"


def author_text(entry) -> str:
    """The author part of a citation: the short author where there is one, else
    one name, two joined by "and", or the first et al."""
    if SHORT_AUTHOR in entry.fields:
        return _plain(entry.fields[SHORT_AUTHOR])
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_plain(" ".join(p.prelast_names + p.last_names)) for p in persons]
    if not names:
        return _plain(entry.fields.get("title", ""))
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def label_text(entry) -> str:
    return f"{author_text(entry)}, {_plain(entry.fields.get('year', 'n.d.'))}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield label_text(entry)


def _sort_text(text: str) -> str:
    """Case and accents folded, so that Çelik sorts with C and Özkan with O, not after Z."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


class AuthorYearSorting(BaseSortingStyle):
    def sorting_key(self, entry):
        return (_sort_text(author_text(entry)), entry.fields.get("year", ""), _plain(entry.fields.get("title", "")))


# Formatted entries, kept between builds in the machine's book cache
# (booktables.cache), so a clean build has them too: the bibliography extension
# formats every entry on every build, about 5 ms an entry. The key is the whole
# entry and its label, so an edited entry is formatted again; the file is set
# aside when this module or pybtex changes. It keeps the entries used most
# recently, CACHE_ENTRIES of them, across all the books and tests on the machine.
FORMAT_CACHE: dict[str, object] = {}
CACHE_FILE = "bibtex-format-cache.pickle"
CACHE_ENTRIES = 5000


def _entry_key(label: str, entry) -> str:
    persons = {role: [str(p) for p in people] for role, people in entry.persons.items()}
    return repr((label, entry.key, entry.type, sorted(entry.fields.items()), sorted(persons.items())))


def _cache_stamp() -> str:
    return f"{version('pybtex')} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}"


def _cache_path() -> Path:
    return user_cache_dir() / CACHE_FILE


def _load_cache(app) -> None:
    try:
        stamp, entries = pickle.loads(_cache_path().read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, TypeError):
        return
    if stamp == _cache_stamp():
        FORMAT_CACHE.update(entries.get("entries", {}))
        PLAIN_CACHE.update(entries.get("plain", {}))


def _recent(cache: dict) -> dict:
    return dict(list(cache.items())[-CACHE_ENTRIES:])


def _save_cache(app, exception) -> None:
    if exception is not None or not FORMAT_CACHE:
        return
    path = _cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps((_cache_stamp(), {"entries": _recent(FORMAT_CACHE), "plain": _recent(PLAIN_CACHE)}))
    # Another build may read the file meanwhile: it sees the old file or the new, whole.
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)


class BookStyle(UnsrtStyle):
    default_label_style = "book-author-year"
    default_sorting_style = "book-author-year"

    def format_entry(self, label, entry, bib_data=None):
        key = _entry_key(label, entry)
        # Taken out and put back: the most recently used entries are last.
        formatted = FORMAT_CACHE.pop(key, None) or super().format_entry(label, entry, bib_data=bib_data)
        FORMAT_CACHE[key] = formatted
        return formatted

    def format_title(self, e, which_field, as_sentence=True):
        # unsrt capitalises only the first letter ("The second karabakh war").
        title = field(which_field)
        return sentence[title] if as_sentence else title


class ShortAuthorPersonStyle(PersonStyle):
    """Names in citations as sphinxcontrib-bibtex writes them, but the
    ``shortauthor`` field first where an entry has one."""

    def author_or_editor_or_title(self, full: bool):
        return first_of[optional[field(SHORT_AUTHOR)], super().author_or_editor_or_title(full)]


def tooltip_text(entry) -> str:
    """What a citation shows on hover: who, the title and the year, no more.

    The full entry is one click away in the bibliography; repeating it (notes
    and address included) in every citation's title made the chapters heavy."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_plain(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names)) for p in persons]
    who = names[0] + (" et al." if len(names) > 2 else f" and {names[1]}" if len(names) == 2 else "") if names else ""
    title = _plain(entry.fields.get("title", ""))
    year = _plain(entry.fields.get("year", "n.d."))
    return ". ".join(part for part in (who, title) if part) + f" ({year})."


class TooltipStyle(BookStyle):
    """The short hover text of in-text citations (``bibtex_tooltips_style``)."""

    def format_entry(self, label, entry, bib_data=None):
        return FormattedEntry(entry.key, Text(tooltip_text(entry)), label)


@dataclass
class BookReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author–year citations, with short authors."""

    person: PersonStyle = dc_field(default_factory=ShortAuthorPersonStyle)


register_plugin("pybtex.style.labels", "book-author-year", AuthorYearLabels)
register_plugin("pybtex.style.sorting", "book-author-year", AuthorYearSorting)
register_plugin("pybtex.style.formatting", "book", BookStyle)
register_plugin("pybtex.style.formatting", "book-tooltip", TooltipStyle)
register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", "book-author-year", BookReferenceStyle)


def setup(app) -> dict:
    """The styles are registered with pybtex on import; the cache of formatted
    entries is read when the build starts and written when it ends."""
    app.connect("builder-inited", _load_cache)
    app.connect("build-finished", _save_cache)
    return dict(PARALLEL_SAFE)
