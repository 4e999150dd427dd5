"""Offer each chapter as the executed .ipynb it was built from.

Jupyter Book 1 serves a MyST page's .md source from its download button and
myst-nb 1.x no longer tells the theme about the executed notebook. This
extension copies every executed notebook into ``_sources/<doc>.ipynb`` and
points the theme's ".ipynb" download item at it. In the copy, each chart keeps
its static SVG rendering but drops the HTML that needs the book's
page scripts, so the charts show in any Jupyter front end; execution
timestamps and random cell ids are replaced so that two builds give the
same file, and the build's hidden data fingerprint (datadeps.py) is left out.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from ..contracts import CHART_CLASS
from .datadeps import FINGERPRINT_HEADER
from .metadata import PARALLEL_SAFE

CHART_MARKER = f'class="{CHART_CLASS}"'


def _executed_dir(app) -> Path:
    return Path(app.outdir).parent / "jupyter_execute"


def portable_notebook(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    # The build's data fingerprint means nothing to a reader of the notebook.
    nb.cells = [c for c in nb.cells if not (c.cell_type == "code" and c.source.startswith(FINGERPRINT_HEADER))]
    for number, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{number}"  # jupytext draws random ids; stable ones keep builds identical
        cell.get("metadata", {}).pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if CHART_MARKER in html and "image/svg+xml" in data:
                del data["text/html"]
                # The PDF rendering is for the LaTeX build and carries a timestamp.
                data.pop("application/pdf", None)
    return nb


def _offer_ipynb(app, pagename, templatename, context, doctree) -> None:
    if (_executed_dir(app) / f"{pagename}.ipynb").is_file():
        context["ipynb_source"] = f"{pagename}.ipynb"


def _copy_notebooks(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    source_dir = _executed_dir(app)
    for path in sorted(source_dir.rglob("*.ipynb")):
        relative = path.relative_to(source_dir)
        target = Path(app.outdir) / "_sources" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(portable_notebook(path), target)


def setup(app) -> dict:
    # Before sphinx-book-theme builds its header buttons from the context.
    app.connect("html-page-context", _offer_ipynb, priority=400)
    app.connect("build-finished", _copy_notebooks)
    return dict(PARALLEL_SAFE)
