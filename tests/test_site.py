"""booktables.sphinx.site: the version and last change on every page; a sitemap
and robots.txt only when the public address is set (tests/roots/test-site)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from booktables.sphinx.citation import book_meta

pytestmark = pytest.mark.extension

PUBLIC = {"html_baseurl": "https://example.org/book/"}


def _page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="site")
def test_every_page_names_the_version_from_citation_cff_and_no_sitemap_without_an_address(app, warning):
    app.build()
    meta = book_meta(Path(app.srcdir) / "CITATION.cff")
    for name in ("index.html", "other.html"):
        assert f"Version {meta.version} of the book, released {meta.date}." in _page(app, name)
    assert not (Path(app.outdir) / "sitemap.xml").exists()
    assert not (Path(app.outdir) / "robots.txt").exists()
    assert warning.getvalue() == ""  # no git repository here, and no address: no warnings either


@pytest.mark.sphinx("html", testroot="site", srcdir="site-public", confoverrides=PUBLIC)
def test_with_an_address_a_sitemap_of_every_page_and_a_robots_txt(app):
    app.build()
    sitemap = _page(app, "sitemap.xml")
    for name in ("index.html", "other.html"):
        assert f"<loc>https://example.org/book/{name}</loc>" in sitemap
    assert _page(app, "robots.txt").splitlines()[-1] == "Sitemap: https://example.org/book/sitemap.xml"


@pytest.mark.sphinx("html", testroot="site", srcdir="site-git")
def test_in_a_git_work_tree_each_page_shows_the_date_of_its_last_commit(make_app, app_params):
    srcdir = Path(app_params.kwargs["srcdir"])
    env = {"GIT_AUTHOR_DATE": "2025-03-04T12:00:00Z", "GIT_COMMITTER_DATE": "2025-03-04T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(srcdir)}
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "pages"]):
        subprocess.run(command, cwd=srcdir, env=env, check=True)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert "Last updated on 2025-03-04." in _page(app, "other.html")
