"""Shared fixtures: a scratch copy of data/, CSV editing, and one strict build."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


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


def build_book(out_dir: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """The strict build of `make book` (forced execution, warnings are errors) into out_dir."""
    env = dict(os.environ)
    if data_dir is not None:
        env["BOOK_DATA_DIR"] = str(data_dir)
    jb = Path(sys.executable).parent / "jupyter-book"
    return subprocess.run(
        [str(jb), "build", str(ROOT), "--path-output", str(out_dir), "-W", "-n", "--keep-going", "--builder", "html"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book built once per test session, as `make book` builds it."""
    out = tmp_path_factory.mktemp("book")
    result = build_book(out)
    assert result.returncode == 0, "strict build failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"
