"""Shared fixtures: a scratch copy of data/, CSV editing, one strict build, the
sphinx.testing fixtures for the extension tests, and the three kinds of test.

Every test is one of three kinds, by marker (`make check` runs the first two):

* ``unit``: data, validation, rows, charts as specs, MyST output (the default);
* ``extension``: a part of the Sphinx extension, built on a tiny project under
  tests/roots/ with ``sphinx.testing`` (``@pytest.mark.sphinx(testroot=...)``);
* ``build``: whole-book builds, the browser, the PDF, executing a notebook.
  A test that uses a built book (or the browser, or the PDF) is marked so here.
"""
from __future__ import annotations

import csv
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = "sphinx.testing.fixtures"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


# Fixtures that need a whole build of the book, or tools only `make test` installs.
BUILD_FIXTURES = {"built_book", "pdf", "site", "browser", "two_clean_builds", "publication"}


@pytest.fixture(autouse=True)
def _no_lingering_child_processes(request):
    """sphinx-sitemap starts a multiprocessing manager (a forked server) for each
    in-process build. Left running, such a server holds copies of the pipes of
    the Playwright driver that the browser tests start, and the session's
    teardown then waits forever for the driver to exit. Extension tests stop
    the children they started."""
    yield
    if request.node.get_closest_marker("sphinx"):
        for child in multiprocessing.active_children():
            child.terminate()
            child.join(5)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("build") or item.get_closest_marker("extension"):
            continue
        if item.get_closest_marker("sphinx"):
            item.add_marker(pytest.mark.extension)
        elif BUILD_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the extension tests' tiny projects (test-<name>)."""
    return Path(__file__).resolve().parent / "roots"


def toc_pages() -> list[str]:
    """Every page of the book, in reading order, as in _toc.yml."""
    import yaml
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]


def chapter_pages() -> list[str]:
    return [p for p in toc_pages() if p.startswith("chapters/")]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell; line counts as a reader does (header = 1, no multi-line cells)."""
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def build_command(source: Path = ROOT, out_dir: Path | None = None, builder: str = "html") -> list[str]:
    """The strict build that `make book` runs (booktables.build), as a command line."""
    return [sys.executable, "-m", "booktables.build", str(source), "--builder", builder,
            *(["--path-output", str(out_dir)] if out_dir else [])]


def build_book(out_dir: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """The strict build of `make book` (warnings are errors, a failing cell fails it) into out_dir."""
    env = dict(os.environ)
    if data_dir is not None:
        env["BOOK_DATA_DIR"] = str(data_dir)
    return subprocess.run(build_command(ROOT, out_dir), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book built once per test session, as `make book` builds it."""
    out = tmp_path_factory.mktemp("book")
    result = build_book(out)
    assert result.returncode == 0, "strict build failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def pdf(tmp_path_factory):
    """The PDF edition, built once per test session as `make pdf` builds it."""
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(build_command(ROOT, out, "pdflatex"), capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "latex"


@pytest.fixture(scope="session")
def publication(built_book, pdf) -> Path:
    """The whole publication, as `make book` leaves it: the website with every
    edition in html/editions/ (the EPUB is built beside the website, reusing
    its executed notebooks)."""
    from booktables.editions import publish

    build_dir = built_book.parent
    result = subprocess.run(build_command(ROOT, build_dir.parent, "epub"), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, "EPUB build failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    (build_dir / "latex").mkdir(exist_ok=True)
    shutil.copyfile(pdf / "book.pdf", build_dir / "latex" / "book.pdf")
    publish(build_dir, DATA)
    return build_dir
