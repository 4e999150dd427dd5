"""The book's build command, with the strict flags in one place.

    python -m booktables.build [--builder html|pdflatex|...] [--path-output DIR] [--jobs N] [SOURCE]

It runs Jupyter Book's own ``jupyter-book build`` (table of contents, config,
the PDF step after LaTeX) with the flags every build of the book uses:
warnings are errors (-W), every cross-reference must resolve (-n), and Sphinx
keeps going so that one run reports every problem (--keep-going). The one
thing it adds is the number of processes Sphinx reads the pages with, which
the Jupyter Book 1 command line does not expose: reading a page executes its
notebook, so the HTML build executes several chapters at once
(``booktables.sphinx.parallel`` explains why that is safe). The LaTeX build
reads serially. ``BOOK_JOBS`` overrides the default.
"""
from __future__ import annotations

import argparse
import atexit
import functools
import os
import sys
from pathlib import Path

STRICT_FLAGS = ["-W", "-n", "--keep-going"]
# Processes reading pages in the HTML build. Sphinx splits the pages into
# len(pages) // jobs per process; six (two pages each) keeps the six heavy chapters from
# landing in one process on a 2-core machine (see `make bench`).
HTML_JOBS = 6
SERIAL_BUILDERS = {"latex", "pdflatex"}
CUSTOM_BUILDERS = {"epub"}


def default_jobs(builder: str) -> int:
    if builder in SERIAL_BUILDERS:
        return 1
    return int(os.environ.get("BOOK_JOBS", HTML_JOBS))


def command(source: Path, builder: str, path_output: Path | None = None) -> list[str]:
    """The jupyter-book arguments of a strict build."""
    # Sphinx's EPUB builder is one of Jupyter Book's "custom" builders.
    chosen = ["--builder", "custom", "--custom-builder", builder] if builder in CUSTOM_BUILDERS else ["--builder", builder]
    out = ["build", str(source), *STRICT_FLAGS, *chosen]
    return out + (["--path-output", str(path_output)] if path_output else [])


def main(argv: list[str] | None = None) -> None:
    from .data.paths import ROOT

    parser = argparse.ArgumentParser(prog="python -m booktables.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=ROOT, help="the book's folder (default: this one)")
    parser.add_argument("--builder", default="html", help="html (default), pdflatex, epub, latex, ...")
    parser.add_argument("--path-output", type=Path, help="build into DIR/_build instead of SOURCE/_build")
    parser.add_argument("--jobs", type=int, help="processes reading pages (default: BOOK_JOBS, or 6 for HTML, 1 for LaTeX)")
    args = parser.parse_args(argv)
    jobs = args.jobs or default_jobs(args.builder)
    # The notebooks' kernels inherit this: in the book, the page loads the chart
    # library once, so a chart carries only its spec (charts/render.py).
    from .contracts import RENDERER_VARIABLE

    os.environ[RENDERER_VARIABLE] = "page"

    import jupyter_book.sphinx as jb_sphinx
    from jupyter_book.cli.main import main as jupyter_book

    # The command line imports build_sphinx when it runs: hand it the jobs.
    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=jobs)
    jupyter_book.main(args=command(args.source, args.builder, args.path_output), standalone_mode=True)


def exit_without_teardown(code: int | str | None) -> None:
    """Leave as soon as the book is built and its exit handlers have run.

    After a clean build the interpreter spent about a second freeing the
    build's objects one by one (the environment, the doctrees), with nothing
    left to write. The exit handlers still run, so logging and multiprocessing
    finish their work; the operating system closes the rest.
    """
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    try:
        main()
    except SystemExit as done:  # the Jupyter Book command line always ends with one
        exit_without_teardown(done.code)
    exit_without_teardown(0)
