"""Re-execute a page exactly when the data it reads change.

jupyter-cache keys a notebook on its code cells only, so an edited CSV would
leave old charts in place. For every notebook page this part

1. finds the tables the page loads (``load("events")``; the calls named in
   ``contracts.READS_ALL`` read every table), adds the coding tables that the
   package itself reads for labels and rules (flagged ``x-coding``), and
2. records those CSV files (and datapackage.json, the schema that types them)
   as Sphinx dependencies, so an edited file makes Sphinx re-read exactly the
   pages that read it, and
3. appends a removed cell holding the files' SHA-256 fingerprints, so the
   cache sees changed code and executes those pages again, and no others.

The package's own code is fingerprinted the same way, for every page that
imports it: a changed chart function re-draws every chart. The Sphinx
extension (this folder) is left out: it shapes no cell output.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..contracts import CODING_FLAG, READS_ALL
from ..data import paths
from .metadata import PARALLEL_SAFE

# The first line of the fingerprint cell; notebooks.py drops the cell from downloads.
FINGERPRINT_HEADER = "# Data this page reads (re-executed when they change):"
TABLE_CALL = re.compile(r"""\bload\(\s*["'](\w+)["']""")
READS_ALL_CALL = re.compile(r"\b(" + "|".join(READS_ALL) + r")\(")

EXTENSION = Path(__file__).resolve().parent
PACKAGE = EXTENSION.parent


def tables_read(source: str, descriptor: dict) -> list[str]:
    """The data files a page's code reads, by file name."""
    by_name = {r["name"]: r["path"] for r in descriptor["resources"]}
    if READS_ALL_CALL.search(source):
        names = set(by_name)
    else:
        names = {n for n in TABLE_CALL.findall(source) if n in by_name}
        if names:
            names |= {r["name"] for r in descriptor["resources"] if r.get(CODING_FLAG)}
    return sorted({by_name[n] for n in names} | ({paths.DESCRIPTOR} if names else set()))


# Package code that shapes no cell output: the extension itself and the build command.
NOT_OUTPUT = (PACKAGE / "build.py",)


def package_files() -> list[Path]:
    """The package modules whose code shapes a page's outputs (all but the
    extension and the build command)."""
    return sorted(p for p in PACKAGE.rglob("*.py") if EXTENSION not in p.parents and p not in NOT_OUTPUT)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def fingerprint_cell(data_dir: Path, files: list[str]) -> str:
    digests = ", ".join(f"{name} {_digest(data_dir / name)}" for name in files)
    code = hashlib.sha256("".join(_digest(p) for p in package_files()).encode()).hexdigest()[:16]
    return ("\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n\n"
            f"{FINGERPRINT_HEADER} {digests}\n"
            f"# booktables code: {code}\n```\n")


def _on_source_read(app, docname: str, source: list[str]) -> None:
    if "```{code-cell}" not in source[0]:
        return
    data_dir = paths.DATA_DIR
    descriptor = json.loads((data_dir / paths.DESCRIPTOR).read_text(encoding="utf-8"))
    files = tables_read(source[0], descriptor)
    if not files and "booktables" not in source[0]:
        return
    for name in files:
        app.env.note_dependency(str((data_dir / name).resolve()))
    for path in package_files():
        app.env.note_dependency(str(path))
    source[0] += fingerprint_cell(data_dir, files)


def setup(app) -> dict:
    app.connect("source-read", _on_source_read)
    return dict(PARALLEL_SAFE)
