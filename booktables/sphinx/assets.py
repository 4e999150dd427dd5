"""Writes every page again when one of the book's own static files changes.

Sphinx tracks pages, not static files: after an edit to ``static/book.css`` a
rebuild found no page out of date, so it neither copied the new file nor wrote
the pages whose links carry its checksum. The files' digest is an HTML config
value, so Sphinx's build record sees it change and writes every page (without
reading any again), copying the static files as it finishes.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .metadata import PARALLEL_SAFE

STATIC = Path(__file__).resolve().parent / "static"
CONFIG_NAME = "booktables_static_digest"


def static_dir() -> Path:
    """The folder of the book's own static files (the parts add it to html_static_path)."""
    return STATIC


def static_digest(folder: Path | None = None) -> str:
    folder = folder or static_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _record(app, config) -> None:
    config[CONFIG_NAME] = static_digest()


def setup(app):
    app.add_config_value(CONFIG_NAME, "", "html")
    app.connect("config-inited", _record)
    return PARALLEL_SAFE
