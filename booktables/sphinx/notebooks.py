"""Offer each chapter as the executed .ipynb it was built from.

Jupyter Book 1 serves a MyST page's .md source from its download button and
myst-nb 1.x no longer tells the theme about the executed notebook. This
extension copies every executed notebook into ``_sources/<doc>.ipynb`` and
points the theme's ".ipynb" download item at it. In the copy, each chart keeps
its static SVG rendering but drops the HTML that needs the book's
page scripts, so the charts show in any Jupyter front end; execution
timestamps and random cell ids are replaced so that two builds give the
same file, and the build's hidden data fingerprint (datadeps.py) is left out.
Its Markdown is plain (``plain.py``): MyST roles and directives
become the text the web page shows, resolved from what the build knows (glued
values, figure numbers, titles, the bibliography), so it reads well in any
Jupyter. ``_build/notebooks/`` keeps the same copies for the runnable bundle.

A build copies the notebooks of the pages it wrote (and any copy that is
missing): what a copy shows is what its page shows, so a page Sphinx left as it
was keeps its copy too, and a no-op rebuild copies nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
from pybtex.database import parse_file

from ..contracts import CHART_CLASS, NOTEBOOKS_DIR
from .datadeps import FINGERPRINT_HEADER
from .metadata import PARALLEL_SAFE, builds_website
from .plain import Resolver, plain_markdown

CHART_MARKER = f'class="{CHART_CLASS}"'


def _executed_dir(app) -> Path:
    return Path(app.outdir).parent / "jupyter_execute"


def portable_notebook(path: Path, resolver: Resolver | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    # The build's data fingerprint means nothing to a reader of the notebook.
    nb.cells = [c for c in nb.cells if not (c.cell_type == "code" and c.source.startswith(FINGERPRINT_HEADER))]
    for number, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{number}"  # jupytext draws random ids; stable ones keep builds identical
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "markdown" and resolver is not None:
            cell.source = plain_markdown(cell.source, resolver)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if CHART_MARKER in html and "image/svg+xml" in data:
                del data["text/html"]
                # The PDF rendering is for the LaTeX build and carries a timestamp.
                data.pop("application/pdf", None)
    return nb


def _glue_text(path: Path) -> dict[str, str]:
    """The glued values of one executed page, as {glue:text} shows them (a string without its quotes)."""
    if not path.is_file():
        return {}
    found = {}
    for name, output in json.loads(path.read_text(encoding="utf-8")).items():
        text = output.get("data", {}).get("text/plain", "")
        text = "".join(text) if isinstance(text, list) else text
        found[name] = text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text
    return found


def _citations(app) -> dict[str, tuple[str, str]]:
    found = {}
    for bibfile in app.config.bibtex_bibfiles if "bibtex_bibfiles" in app.config else []:
        for key, entry in parse_file(str(Path(app.srcdir) / bibfile)).entries.items():
            author = entry.fields.get("shortauthor") or " and ".join(
                p.last_names[0] for p in entry.persons.get("author", [])[:2] if p.last_names)
            found[key] = (str(author).strip("{}"), entry.fields.get("year", ""))
    return found


def resolver(app, docname: str, citations: dict[str, tuple[str, str]]) -> Resolver:
    env = app.env
    titles = {name: env.titles[name].astext() for name in env.titles}
    titles |= {name.split("/")[-1]: title for name, title in list(titles.items())}
    numbers = {}
    fignumbers = getattr(env, "toc_fignumbers", {})
    formats = app.config.numfig_format or {}
    for label, (doc, labelid, section) in env.domaindata.get("std", {}).get("labels", {}).items():
        if section:
            titles.setdefault(label, section)
        for figtype, ids in fignumbers.get(doc, {}).items():
            if labelid in ids:
                number = ".".join(map(str, ids[labelid]))
                numbers[label] = formats.get(figtype, "%s").replace("%s", number)
    glue = _glue_text(_executed_dir(app) / f"{docname}.glue.json")
    return Resolver(glue=glue, numbers=numbers, titles=titles, citations=citations)


def _offer_ipynb(app, pagename, templatename, context, doctree) -> None:
    if (_executed_dir(app) / f"{pagename}.ipynb").is_file():
        context["ipynb_source"] = f"{pagename}.ipynb"


def _note_written(app, doctree, docname) -> None:
    # Resolving runs in the main process, serial or parallel write alike.
    app.env.__dict__.setdefault("_booktables_written", set()).add(docname)


def _copy_notebooks(app, exception) -> None:
    written = app.env.__dict__.pop("_booktables_written", set())
    if exception or not builds_website(app.builder):
        return
    source_dir = _executed_dir(app)
    citations = None
    for path in sorted(source_dir.rglob("*.ipynb")):
        relative = path.relative_to(source_dir)
        docname = relative.with_suffix("").as_posix()
        targets = (Path(app.outdir) / "_sources" / relative, Path(app.outdir).parent / NOTEBOOKS_DIR / relative)
        if docname not in written and all(target.is_file() for target in targets):
            continue
        citations = _citations(app) if citations is None else citations
        notebook = portable_notebook(path, resolver(app, docname, citations) if docname in app.env.titles else None)
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)


def setup(app) -> dict:
    # Before sphinx-book-theme builds its header buttons from the context.
    app.connect("html-page-context", _offer_ipynb, priority=400)
    app.connect("doctree-resolved", _note_written)
    app.connect("build-finished", _copy_notebooks)
    return dict(PARALLEL_SAFE)
