"""Let the HTML build read (and so execute) its notebooks in parallel.

Sphinx reads documents in several processes only when every extension says it
may. Two that Jupyter Book loads say nothing, so Sphinx falls back to a serial
read, and with it to executing the chapters one after another:

* ``sphinx_multitoc_numbering`` replaces the TOC collector's section numbering,
  which runs in the main process after all documents are read;
* ``sphinx_jupyterbook_latex`` adds transforms that act only under the LaTeX
  builder.

Neither keeps state that a worker process would have to hand back, so for the
HTML builders they are declared safe here. The LaTeX build stays serial.

On a clean build each worker would also create the jupyter-cache database at
once ("table settings already exists"); it is created here first, in the main
process, before any worker starts.

When few pages changed (five or fewer), Sphinx reads them serially, so their
kernels run in the main process; forking writers after that hands each writer
a copy of live ZeroMQ sockets, and one of them failed a rebuild ("Socket
operation on non-socket"). So after a serial read the pages are written by
the main process alone; after a parallel read, in parallel.

A kernel that dies before it answers is started once more. Each process that
launches a kernel picks its five TCP ports by binding and releasing them, so
two processes launching at once can pick the same port and one kernel dies
("Address already in use"), as it did in a build with fourteen processes.
No cell has run by then, so starting again is safe.
"""
from __future__ import annotations

from pathlib import Path

from .metadata import PARALLEL_SAFE

UNDECLARED_BUT_SAFE = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _declare_safe(app) -> None:
    if app.builder.format != "html":
        return
    for name in UNDECLARED_BUT_SAFE:
        extension = app.extensions.get(name)
        if extension is not None and extension.parallel_read_safe is None:
            extension.parallel_read_safe = True
            extension.parallel_write_safe = True


def _create_cache(app, env, docnames) -> None:
    config = getattr(env, "mystnb_config", None)
    if app.parallel <= 1 or config is None or config.execution_mode != "cache" or not docnames:
        return
    from jupyter_cache import get_cache

    cache = get_cache(config.execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    cache.list_cache_records()  # opens the database, creating its tables


# Sphinx reads serially, in this process, when this few pages are outdated.
SERIAL_READ_AT_MOST = 5


def _write_serially_after_a_serial_read(app, env, docnames) -> None:
    # Kernels run in this process only when the read is serial: then, and only
    # then, no writer may be forked afterwards.
    if len(docnames) <= SERIAL_READ_AT_MOST:
        app.parallel = 1


KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info"


def _execute_with_one_restart(execute):
    def execute_notebook(*args, **kwargs):
        try:
            return execute(*args, **kwargs)
        except RuntimeError as error:
            if KERNEL_DIED_AT_START not in str(error):
                raise
            return execute(*args, **kwargs)

    execute_notebook.restarts = execute
    return execute_notebook


def _restart_kernels_that_die_at_start() -> None:
    from myst_nb.core.execute import cache

    if not hasattr(cache.single_nb_execution, "restarts"):
        cache.single_nb_execution = _execute_with_one_restart(cache.single_nb_execution)


def setup(app) -> dict:
    _restart_kernels_that_die_at_start()
    app.connect("builder-inited", _declare_safe)
    app.connect("env-before-read-docs", _create_cache)
    app.connect("env-before-read-docs", _write_serially_after_a_serial_read)
    return dict(PARALLEL_SAFE)
