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

Two failures of the machinery around a notebook, seen when several processes
execute at once, make the page execute once more (the log says so), before any
of its cells ran; any other failure fails the build at once:

* a kernel that dies before it answers. Each process that launches a kernel
  picks its five TCP ports by binding and releasing them, so two processes
  launching at once can pick the same port ("Address already in use"), as in
  a build with fourteen processes, and once with six;
* jupyter-cache failing to reach its SQLite database, which all the processes
  share ("Unexpected error accessing jupyter cache"), seen once.

Two races are removed at their source. The first is that of the ports: a
kernel whose port another kernel had taken did not always die; its messages
crossed with the other's, and the ZeroMQ errors ("DELIM not in msg_list")
reached five cells of a page as output, and the cache kept them. So every
kernel the build starts talks over Unix sockets named after itself (ZeroMQ's
IPC transport, which Jupyter supports), not over TCP ports that processes
pick blindly. The second: after caching each notebook, jupyter-cache
trims the cache to its size limit: it lists the records to keep, then, in a
second query, those to delete. A record another process adds between the two
is deleted, or, its file not yet written, fails that process ("Notebook file
does not exist for cache record"), which left its kernel without a connection
("Socket operation on non-socket") in `make bench`. So in the reading processes
the trim waits, and the main process trims once, after the read.

Sphinx hands each process a run of consecutive pages, in the order it is given
them, alphabetical by default: the chapters came in pairs, and the process that
drew interpretations and war ran two heavy kernels one after the other while the
others had finished. So the pages are first dealt out so that each run carries
about the same work, heaviest first (a page's kernel costs about 1.8 s to start
and load, and about 0.3 s more per chart it draws; a page with no code, nothing).
"""
from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from .metadata import PARALLEL_SAFE

# The process Sphinx starts in; its reading processes are forked from it.
MAIN_PROCESS = os.getpid()
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


KERNEL_SECONDS, CHART_SECONDS = 1.8, 0.3


def expected_seconds(source: str) -> float:
    """Roughly what reading a page costs, from its MyST source."""
    if "{code-cell}" not in source:
        return 0.0
    return KERNEL_SECONDS + CHART_SECONDS * source.count("bk.charts.")


def balanced_order(docnames: list[str], processes: int, cost) -> list[str]:
    """The pages in an order whose consecutive runs, as Sphinx cuts them, carry
    about equal work: the heaviest page goes to the lightest run that has room."""
    size = max(len(docnames) // processes, 1)  # Sphinx's run length (sphinx.util.parallel.make_chunks)
    full, rest = divmod(len(docnames), size)
    capacity = [size] * full + ([rest] if rest else [])  # Sphinx's last run holds what is left
    runs: list[list[str]] = [[] for _ in capacity]
    load = [0.0] * len(runs)
    for name in sorted(docnames, key=lambda n: (-cost(n), n)):
        chosen = min((i for i, run in enumerate(runs) if len(run) < capacity[i]), key=lambda i: (load[i], i))
        runs[chosen].append(name)
        load[chosen] += cost(name)
    # The heaviest full runs start first; a short run stays last, where Sphinx cuts it.
    ordered = sorted(range(full), key=lambda i: (-load[i], i)) + list(range(full, len(runs)))
    return [name for i in ordered for name in runs[i]]


def _deal_pages_evenly(app, env, docnames) -> None:
    if app.parallel <= 1 or len(docnames) <= SERIAL_READ_AT_MOST:
        return

    def cost(docname: str) -> float:
        try:
            return expected_seconds(Path(env.doc2path(docname)).read_text(encoding="utf-8"))
        except OSError:
            return 0.0

    docnames[:] = balanced_order(docnames, app.parallel, cost)


def _write_serially_after_a_serial_read(app, env, docnames) -> None:
    # Kernels run in this process only when the read is serial: then, and only
    # then, no writer may be forked afterwards.
    if len(docnames) <= SERIAL_READ_AT_MOST:
        app.parallel = 1


PASSING_FAILURES = ("Kernel died before replying to kernel_info", "Unexpected error accessing jupyter cache")


def _once_more_after_a_passing_failure(run):
    def run_notebook(client):
        try:
            return run(client)
        except RuntimeError as error:
            if not any(message in str(error) for message in PASSING_FAILURES):
                raise
            from sphinx.util import logging

            logging.getLogger(__name__).info(f"{client.path}: executing once more after: {error}")
            return run(client)

    run_notebook.runs_once_more = run
    return run_notebook


def _kernels_on_their_own_sockets() -> None:
    """Start every kernel on IPC sockets under a name no other kernel has."""
    from nbclient import NotebookClient

    if hasattr(NotebookClient.create_kernel_manager, "on_tcp"):
        return
    on_tcp = NotebookClient.create_kernel_manager

    def create_kernel_manager(self):
        manager = on_tcp(self)
        # Both before the manager's first look at its address: its default
        # IPC name ("kernel-ipc" in the working directory) is shared.
        manager.transport = "ipc"
        manager.ip = os.path.join(tempfile.gettempdir(), f"book-kernel-{uuid.uuid4().hex}")
        return manager

    create_kernel_manager.on_tcp = on_tcp
    NotebookClient.create_kernel_manager = create_kernel_manager


def _trim_the_cache_after_the_read_only() -> None:
    from jupyter_cache.cache.main import JupyterCacheBase

    if hasattr(JupyterCacheBase.truncate_caches, "trims"):
        return
    trim = JupyterCacheBase.truncate_caches

    def truncate_caches(self):
        if os.getpid() == MAIN_PROCESS:  # a reading process leaves it to the main process
            truncate_caches.trims(self)

    truncate_caches.trims = trim
    JupyterCacheBase.truncate_caches = truncate_caches


def _trim_once(app, env) -> None:
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache":
        return
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import DB_NAME

    path = Path(config.execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if (path / DB_NAME).is_file():  # a cache to trim, not one to create
        get_cache(path).truncate_caches()


def _execute_once_more_after_a_passing_failure() -> None:
    from myst_nb.core.execute.cache import NotebookClientCache

    if not hasattr(NotebookClientCache.start_client, "runs_once_more"):
        NotebookClientCache.start_client = _once_more_after_a_passing_failure(NotebookClientCache.start_client)


def setup(app) -> dict:
    _execute_once_more_after_a_passing_failure()
    _kernels_on_their_own_sockets()
    _trim_the_cache_after_the_read_only()
    app.connect("builder-inited", _declare_safe)
    app.connect("env-before-read-docs", _create_cache)
    app.connect("env-before-read-docs", _deal_pages_evenly)
    app.connect("env-updated", _trim_once)
    app.connect("env-before-read-docs", _write_serially_after_a_serial_read)
    return dict(PARALLEL_SAFE)
