"""Mend theme and docutils markup that axe-core flags.

Each fix names the axe rule it answers. They rewrite the written HTML pages,
so the theme's own templates stay untouched and the fixes are easy to drop
when the theme changes.
"""
from __future__ import annotations

from . import pages
from .metadata import PARALLEL_SAFE

FIXES = [
    # label-content-name-mismatch: the search field shows "Search Ctrl+K" but
    # is named "Search"; let its visible text name it.
    ('class="btn search-button-field search-button__button pst-js-only" title="Search" aria-label="Search"',
     'class="btn search-button-field search-button__button pst-js-only" title="Search"'),
    # label-content-name-mismatch: the colour-mode button shows "Light", "Dark"
    # or "System Settings"; its name must contain what it shows.
    ('theme-switch-button pst-js-only" aria-label="Color mode"',
     'theme-switch-button pst-js-only" aria-label="Color mode: Light, Dark or System Settings"'),
    # label-content-name-mismatch: myst-nb's toggles show "Show code cell
    # source" but are named "Toggle hidden content".
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
    # aria-required-children: docutils marks the bibliography role="list" but
    # its entries role="doc-biblioentry", which a list may not contain.
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
]


def mend(html: str) -> str:
    for old, new in FIXES:
        html = html.replace(old, new)
    return html


def setup(app) -> dict:
    app.setup_extension(pages.__name__)
    pages.register(app, lambda name, html: mend(html))
    return dict(PARALLEL_SAFE)
