"""`make bench`: how fast the book builds, how heavy its pages are, and what
the two test loops cost.

Builds a scratch copy of the book as `make book` builds it (the data-aware
cache, pages read and executed in parallel) and, side by side in the same run,
the plain baseline (execute_notebooks: force, one process), and prints one
table. Targets on a 2-core machine: a clean build at most 0.65 of the
baseline's time and at most 45 s, a prose-edit rebuild at most 0.6 of the
baseline's and at most 10 s, a no-op rebuild at most 3 s, no HTML page over
250 KB, the chart library loaded once as a shared file and only where charts
are drawn, a reader's first visit (gzipped, scripts and styles included) at
most 500 KB for a chapter with charts and 200 KB for a page without, and
`make check` at most a quarter of `make test` on a warm environment.
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

import page_weight  # scripts/page_weight.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "_build", "node_modules", ".git", ".pytest_cache", "__pycache__"}


def copy_book(target: Path, mode: str) -> Path:
    shutil.copytree(ROOT, target, ignore=lambda d, names: [n for n in names if n in SKIP])
    config = target / "_config.yml"
    config.write_text(re.sub(r"execute_notebooks: \w+", f"execute_notebooks: {mode}", config.read_text()))
    return target


def build(book: Path, builder: str = "html", jobs: int | None = None) -> float:
    """One strict build of `book`, as `make book` runs it (booktables.build)."""
    env = {**os.environ, "BOOK_DATA_DIR": str(book / "data")}
    command = [sys.executable, "-m", "booktables.build", str(book), "--builder", builder]
    command += ["--jobs", str(jobs)] if jobs else []
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        log = result.stdout + result.stderr
        causes = [line for line in log.splitlines() if re.search(r"Error|Exception|once more", line)]
        sys.exit(f"build failed in {book}:\n" + "\n".join(causes[-40:]) + f"\n--- last lines ---\n{log[-3000:]}")
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


STEPS = (("clean build", None), ("no-op rebuild", None), ("rebuild after a prose edit", edit_prose),
         ("rebuild after a CSV edit", edit_csv))
# Each measure is taken this many times, the book and its baseline in turn, each
# round on fresh copies; the best time of each counts, as timeit takes the best
# of its runs: a machine's other work only ever adds time.
ROUNDS = 2


def timings(tmp: Path) -> tuple[dict[str, float], dict[str, float]]:
    """The book's and the baseline's times for each step, the best of ROUNDS rounds."""
    best_book: dict[str, float] = {}
    best_baseline: dict[str, float] = {}
    for round_ in range(ROUNDS):
        book = copy_book(tmp / f"cache-{round_}", "cache")
        baseline = copy_book(tmp / f"force-{round_}", "force")
        for name, edit in STEPS:
            for copy, best, jobs in ((book, best_book, None), (baseline, best_baseline, 1)):
                if edit:
                    edit(copy)
                elapsed = build(copy, jobs=jobs)
                best[name] = min(best.get(name, elapsed), elapsed)
    return best_book, best_baseline


def loop(target: str) -> float:
    """Wall time of one `make` target in this repository (the environment is warm)."""
    start = time.perf_counter()
    result = subprocess.run(["make", "-s", target], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - start


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
        cached, forced = timings(tmp)
        pdf_book = copy_book(tmp / "pdf", "cache")
        pdf = build(pdf_book, "pdflatex")
        html_dir = tmp / "cache-0" / "_build" / "html"
        name, size, shared_js, inline_js = page_weights(html_dir)
        bundle = (html_dir / "_static" / "vega-bundle.js").stat().st_size
        first_visits = page_weight.report(html_dir)

    preamble = preamble_import()
    check, test = loop("check"), loop("test")
    targets = {"clean build": 45, "no-op rebuild": 3, "rebuild after a prose edit": 10}
    ratios = {"clean build": 0.65, "rebuild after a prose edit": 0.6}
    print(f"{'measure':<30} {'book':>9} {'baseline':>9} {'ratio':>6}   target")
    for key in cached:
        ratio = cached[key] / forced[key]
        target = " and ".join(t for t in (f"<= {ratios[key]} of baseline" if key in ratios else "",
                                          f"<= {targets[key]} s" if key in targets else "") if t)
        print(f"{key:<30} {cached[key]:>8.1f}s {forced[key]:>8.1f}s {ratio:>6.2f}   {target}")
    print(f"  (book: the data-aware cache, pages read in parallel; baseline: forced execution, one process;"
          f" each the best of {ROUNDS} rounds, taken in turn)")
    print(f"{'PDF build (clean)':<30} {pdf:>12.1f}s")
    print(f"{'chapter preamble import':<30} {preamble:>12.1f}s   (paid once per notebook kernel)")
    print(f"{'largest HTML page':<30} {size / 1024:>11.0f} KB   ({name}; target <= 250 KB)")
    print(f"{'JavaScript on that page':<30} {(shared_js + inline_js) / 1024:>11.0f} KB   "
          f"({shared_js / 1024:.0f} KB in shared, cached files; {inline_js / 1024:.0f} KB inline)")
    print(f"{'chart library (loaded once)':<30} {bundle / 1024:>11.0f} KB   (_static/vega-bundle.js, only on pages with charts)")
    print("\n".join(first_visits))
    print(f"{'make check (warm)':<30} {check:>8.1f}s   {check / test:.2f} of make test ({test:.1f}s); target <= 0.25")
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
