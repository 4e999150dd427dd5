"""Sphinx's search scripts only where they run: on the search page.

pydata-sphinx-theme loads ``searchtools.js``, ``language_data.js`` and
``searchindex.js`` (34 KB gzipped, and growing with the book) into every page,
for its "search as you type" option. With that option off (the theme's
default, and the book's) the search box sends the reader to ``search.html``,
which loads them itself, so every other page drops them. Search works as
before; a first visit to a chapter fetches less.
"""
from __future__ import annotations

import re

from . import pages
from .metadata import PARALLEL_SAFE

SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)[^"]*"></script>\n?')


def without_search_scripts(html: str) -> str:
    return SEARCH_SCRIPTS.sub("", html)


def _search_page_only(app):
    options = getattr(app.builder, "theme_options", None) or {}
    if str(options.get("search_as_you_type", "")).lower() in ("true", "1"):
        return lambda name, html: html
    return lambda name, html: html if name == "search.html" else without_search_scripts(html)


def _register(app) -> None:
    pages.register(app, _search_page_only(app))


def setup(app) -> dict:
    app.setup_extension(pages.__name__)
    app.connect("builder-inited", _register)
    return dict(PARALLEL_SAFE)
