"""`make bench`: how fast the book builds and how heavy its pages are.

Builds a scratch copy of the book, with the book's own execution mode (the
data-aware cache) and, side by side in the same run, the plain baseline
(execute_notebooks: force), and prints one table. Targets on a 2-core machine:
clean build <= 45 s, no-op rebuild <= 3 s, prose-edit rebuild <= 10 s, no HTML
page over 250 KB, and the chart library loaded once as a shared file.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JB = Path(sys.executable).parent / "jupyter-book"
SKIP = {".venv", "_build", "node_modules", ".git", ".pytest_cache", "__pycache__"}


def copy_book(target: Path, mode: str) -> Path:
    shutil.copytree(ROOT, target, ignore=lambda d, names: [n for n in names if n in SKIP])
    config = target / "_config.yml"
    config.write_text(re.sub(r"execute_notebooks: \w+", f"execute_notebooks: {mode}", config.read_text()))
    return target


def build(book: Path, builder: str = "html") -> float:
    env = {**os.environ, "BOOK_DATA_DIR": str(book / "data")}
    start = time.perf_counter()
    result = subprocess.run([str(JB), "build", str(book), "--builder", builder, "-W", "-n", "--keep-going"],
                            cwd=book, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {book}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return elapsed


def edit_prose(book: Path) -> None:
    page = book / "chapters" / "background.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "It is the ground on\nwhich the later chapters stand.",
        "It is the ground on\nwhich the later chapters stand, and it is told briefly."), encoding="utf-8")


def edit_csv(book: Path) -> None:
    path = book / "data" / "agreements.csv"
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    rows[1][rows[0].index("outcome")] += " (edited)"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def timings(book: Path) -> dict[str, float]:
    out = {"clean build": build(book), "no-op rebuild": build(book)}
    edit_prose(book)
    out["rebuild after a prose edit"] = build(book)
    edit_csv(book)
    out["rebuild after a CSV edit"] = build(book)
    return out


def page_weights(html_dir: Path) -> tuple[str, int, int, int]:
    pages = sorted(html_dir.rglob("*.html"), key=lambda p: p.stat().st_size)
    largest = pages[-1]
    html = largest.read_text(encoding="utf-8")
    shared = 0
    for src in re.findall(r'<script[^>]*\ssrc="([^"?]+)', html):
        path = (largest.parent / src).resolve()
        shared += path.stat().st_size if path.is_file() else 0
    inline = sum(len(m) for m in re.findall(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", html, re.S))
    return str(largest.relative_to(html_dir)), largest.stat().st_size, shared, inline


def preamble_import() -> float:
    """What every chapter's kernel pays before its first chart: the preamble's imports."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from booktables import chapter"], cwd=ROOT, check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        tmp = Path(tmp)
        cached = timings(copy_book(tmp / "cache", "cache"))
        forced = timings(copy_book(tmp / "force", "force"))
        pdf_book = copy_book(tmp / "pdf", "cache")
        pdf = build(pdf_book, "pdflatex")
        name, size, shared_js, inline_js = page_weights(tmp / "cache" / "_build" / "html")
        bundle = (tmp / "cache" / "_build" / "html" / "_static" / "vega-bundle.js").stat().st_size

    preamble = preamble_import()
    targets = {"clean build": 45, "no-op rebuild": 3, "rebuild after a prose edit": 10}
    print(f"{'measure':<30} {'book (cache)':>13} {'baseline (force)':>17} {'target':>8}")
    for key in cached:
        target = f"<= {targets[key]} s" if key in targets else ""
        print(f"{key:<30} {cached[key]:>12.1f}s {forced[key]:>16.1f}s {target:>8}")
    print(f"{'PDF build (clean)':<30} {pdf:>12.1f}s")
    print(f"{'chapter preamble import':<30} {preamble:>12.1f}s   (paid once per notebook kernel)")
    print(f"{'largest HTML page':<30} {size / 1024:>11.0f} KB   ({name}; target <= 250 KB)")
    print(f"{'JavaScript on that page':<30} {(shared_js + inline_js) / 1024:>11.0f} KB   "
          f"({shared_js / 1024:.0f} KB in shared, cached files; {inline_js / 1024:.0f} KB inline)")
    print(f"{'chart library (loaded once)':<30} {bundle / 1024:>11.0f} KB   (_static/vega-bundle.js)")
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
