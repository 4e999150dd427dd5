"""What every page says about the site: its version, when it last changed, and
(only when the public address is set) a sitemap and a robots.txt.

* The footer and the title page name the book's version and release date, from CITATION.cff
  (the "Cite this chapter" block, the metadata and the title page read the same
  file), and the date the page last changed, from git
  (``sphinx-last-updated-by-git``: the latest commit of the page's source or of
  any file it depends on, the data included).
* ``sphinx-sitemap`` writes ``sitemap.xml`` only with ``html_baseurl``; without
  one it would warn, and the strict build would fail, so that one warning is
  silenced exactly then. ``robots.txt`` points to the sitemap.
* A copy of the book outside a git work tree (the tests build such copies)
  has no dates, rather than a warning.
"""
from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path

from .citation import book_meta
from .metadata import PARALLEL_SAFE
from .metatags import public_base


def _in_git_work_tree(folder: Path) -> bool:
    try:
        result = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder,
                                capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return False
    return result.stdout.strip() == "true"


def version_line(meta) -> str:
    return f'<p class="book-version">Version {meta.version} of the book, released {meta.date}.</p>'


def _configure(app, config) -> None:
    meta = book_meta(Path(app.confdir) / "CITATION.cff")
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + version_line(meta)
    config.html_theme_options = options
    config.html_last_updated_fmt = "%Y-%m-%d"
    # The title page names the release: {{ book_version }}, {{ book_released }}.
    if "myst_substitutions" in config:  # MyST pages only
        config.myst_substitutions = {**(config.myst_substitutions or {}),
                                     "book_version": meta.version, "book_released": meta.date}
    if public_base(config) is None:
        config.suppress_warnings = [*config.suppress_warnings, "sitemap.configuration"]
    if not _in_git_work_tree(Path(app.srcdir)):
        config.suppress_warnings = [*config.suppress_warnings, "git.subprocess_error"]


def _write_robots(app, exception) -> None:
    base = public_base(app.config)
    if exception or app.builder.format != "html" or base is None:
        return
    sitemap = posixpath.join(base if base.endswith("/") else base + "/", app.config.sitemap_filename)
    (Path(app.outdir) / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")


def setup(app) -> dict:
    # After cite.py has read the public address (it may come from the environment).
    app.connect("config-inited", _configure, priority=600)
    app.connect("build-finished", _write_robots)
    return dict(PARALLEL_SAFE)
