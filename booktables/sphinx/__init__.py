"""The book's Sphinx extension: one entry in _config.yml, ``booktables.sphinx``.

Each part is a module with its own ``setup(app)``:

* ``vega``: ships the pinned chart library once, as a static file, to the pages with charts
* ``assets``: every page written again when one of the book's own static files changes
* ``explorer``: DataTables and its script, on the explorer page only
* ``icons``: the theme's few icons as a small style sheet, instead of Font Awesome's script
* ``search``: Sphinx's search scripts only on the search page
* ``datadeps``: re-executes a page exactly when the data it reads change
* ``cite``: a "Cite this chapter" block on every chapter (from CITATION.cff)
* ``metatags``: citation metadata in every page's head (Highwire tags, schema.org
  JSON-LD, OpenGraph), from CITATION.cff, with absolute URLs only when the
  public address is set
* ``site``: the version and the date of the last change on every page; a sitemap
  and robots.txt when the public address is set
* ``downloads``: every edition in each page's download menu and on the Download page
* ``notebooks``: offers each chapter as its executed, portable .ipynb
* ``bibstyle``: the bibliography labelled and sorted as the text cites it
* ``a11y``: mends theme markup that axe-core flags
* ``epub``: the EPUB edition valid and script-free (SVG charts with their descriptions)
* ``parallel``: lets the HTML build execute its notebooks in parallel
* ``resolve``: resolves citations and numbered references without repeating lookups per reference
* ``numbering``: numbers sections and figures again only when a page was read or removed
* ``exercises``: keeps sphinx-exercise's record of exercises small (titles, not whole pages)

It imports neither pandas nor frictionless (the tests pin this): every build
starts it, a no-op rebuild included.
"""
from __future__ import annotations

from . import (
    a11y,
    assets,
    bibstyle,
    cite,
    datadeps,
    downloads,
    epub,
    exercises,
    explorer,
    icons,
    metatags,
    notebooks,
    numbering,
    parallel,
    resolve,
    search,
    site,
    vega,
)
from .metadata import PARALLEL_SAFE

PARTS = (vega, assets, explorer, icons, search, datadeps, cite, metatags, site, downloads, notebooks, bibstyle, a11y,
         parallel, resolve, numbering, exercises, epub)


def setup(app):
    for part in PARTS:
        part.setup(app)
    return {**PARALLEL_SAFE, "env_version": 1}
