"""The explorer page's scripts, on that page only: DataTables (vendored from npm,
``static/datatables``, pinned in package.json) and ``explorer.js``, which turns
the page's plain tables into searchable, sortable, filterable ones and opens the
row an anchor names. Without JavaScript, and in the PDF, the plain tables stay."""
from __future__ import annotations

from .metadata import PARALLEL_SAFE

PAGE = "explorer"


def _scripts(app, pagename, templatename, context, doctree) -> None:
    if pagename != PAGE or app.builder.format != "html":
        return
    app.add_css_file("datatables/dataTables.dataTables.min.css")
    app.add_js_file("datatables/dataTables.min.js")
    app.add_js_file("explorer.js")


def setup(app) -> dict:
    # Before vega's handler, which replaces the page's list of scripts with a filtered copy.
    app.connect("html-page-context", _scripts, priority=400)
    return dict(PARALLEL_SAFE)
