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
from pathlib import Path

from .metadata import PARALLEL_SAFE

SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)[^"]*"></script>\n?')


def without_search_scripts(html: str) -> str:
    return SEARCH_SCRIPTS.sub("", html)


def _finish(app, exception) -> None:
    if exception or app.builder.format != "html" or app.builder.name == "epub":
        return
    options = app.builder.theme_options if hasattr(app.builder, "theme_options") else {}
    if str((options or {}).get("search_as_you_type", "")).lower() in ("true", "1"):
        return
    for page in Path(app.outdir).rglob("*.html"):
        if page.name == "search.html" and page.parent == Path(app.outdir):
            continue
        text = page.read_text(encoding="utf-8")
        lighter = without_search_scripts(text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def setup(app) -> dict:
    app.connect("build-finished", _finish)
    return dict(PARALLEL_SAFE)
