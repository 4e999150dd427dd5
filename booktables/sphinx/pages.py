"""One pass over the HTML pages this build wrote, for the parts that mend them.

Several parts rewrite written pages (``a11y``, ``downloads``, ``search``) or
read them (``icons``). Each registers a function ``html -> html`` here; after
the build, every page written by *this* build (modified since the builder
started) is read once, passed through the functions in order, and written back
only if it changed. Pages an earlier build wrote were mended then, so a no-op
rebuild reads none.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from .metadata import PARALLEL_SAFE, builds_website

Rewrite = Callable[[str, str], str]  # (page's path under the output folder, html) -> html


def register(app, rewrite: Rewrite) -> None:
    if not hasattr(app, "book_page_rewrites"):
        app.book_page_rewrites = []
    app.book_page_rewrites.append(rewrite)


def written_pages(app) -> list[Path]:
    """The HTML files under the output folder written since the builder started."""
    start = getattr(app, "book_build_started", 0.0)
    found = []
    for folder, _dirs, files in os.walk(app.outdir):
        for name in files:
            if name.endswith(".html"):
                path = Path(folder, name)
                if path.stat().st_mtime >= start:
                    found.append(path)
    return sorted(found)


def _started(app) -> None:
    # A second earlier: file times may be rounded down on some file systems.
    app.book_build_started = time.time() - 1.0


def _rewrite(app, exception) -> None:
    rewrites = getattr(app, "book_page_rewrites", [])
    if exception or not rewrites or not builds_website(app.builder):
        return
    outdir = Path(app.outdir)
    for page in written_pages(app):
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(outdir).as_posix()
        new = text
        for rewrite in rewrites:
            new = rewrite(name, new)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup(app) -> dict:
    app.connect("builder-inited", _started)
    # Before the parts that check the finished pages (icons, priority 600).
    app.connect("build-finished", _rewrite, priority=400)
    return dict(PARALLEL_SAFE)
