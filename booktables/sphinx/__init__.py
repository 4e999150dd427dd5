"""The book's Sphinx extension: one entry in _config.yml, ``booktables.sphinx``.

Each part is a module with its own ``setup(app)``:

* ``vega``: ships the pinned chart library once, as a static file
* ``explorer``: DataTables and its script, on the explorer page only
* ``datadeps``: re-executes a page exactly when the data it reads change
* ``cite``: a "Cite this chapter" block on every chapter (from CITATION.cff)
* ``metatags``: citation metadata in every page's head (Highwire tags, schema.org
  JSON-LD, OpenGraph), from CITATION.cff, with absolute URLs only when the
  public address is set
* ``notebooks``: offers each chapter as its executed, portable .ipynb
* ``bibstyle``: the bibliography labelled and sorted as the text cites it
* ``a11y``: mends theme markup that axe-core flags
* ``parallel``: lets the HTML build execute its notebooks in parallel

It imports neither pandas nor frictionless (the tests pin this): every build
starts it, a no-op rebuild included.
"""
from __future__ import annotations

from . import a11y, bibstyle, cite, datadeps, explorer, metatags, notebooks, parallel, vega
from .metadata import PARALLEL_SAFE

PARTS = (vega, explorer, datadeps, cite, metatags, notebooks, bibstyle, a11y, parallel)


def setup(app):
    for part in PARTS:
        part.setup(app)
    return {**PARALLEL_SAFE, "env_version": 1}
