"""Number sections and figures again only when a page was read or removed.

After every read, Sphinx's TOC collector numbers each section, figure and
table in the book, unpickling every page's doctree to find them (about 0.7 s
here), even when the read found nothing to read. The numbers come from the
doctrees and the toctree alone, which change only when a page is read or
removed; a changed configuration makes Sphinx read every page. So when no page
was read or removed the numbers stand, and the collector is not asked. Any
other build numbers as Sphinx does.

When it does number, the doctrees it unpickled are kept, unchanged, and each
is handed once to the writing of its page, which would otherwise unpickle it
again (about 30 ms a page, in the main process). They are kept on the
application, not in the environment, which is pickled after numbering; the
page writer is given them only once the environment is saved.
"""
from __future__ import annotations

from sphinx.environment.collectors.toctree import TocTreeCollector

from .metadata import PARALLEL_SAFE


def _state(app) -> dict:
    return app.__dict__.setdefault("_booktables_numbering", {})


def _reset(app, *args) -> None:
    _state(app).clear()


def _note_purge(app, env, docname) -> None:
    _state(app)["purged"] = True


def _note_read(app, env, docnames) -> None:
    state = _state(app)
    state["changed"] = bool(docnames) or state.get("purged", False)


def _numbering_only_after_changes(app) -> None:
    listeners = app.events.listeners.get("env-get-updated", [])
    for index, listener in enumerate(listeners):
        owner = getattr(listener.handler, "__self__", None)
        if isinstance(owner, TocTreeCollector):
            numbering = listener.handler

            def get_updated_docs(app, env, numbering=numbering):
                if not _state(app).get("changed", True):
                    return []
                kept = _state(app).setdefault("doctrees", {})

                def get_doctree(docname):  # what the collector reads, kept for the page's writer
                    kept[docname] = type(env).get_doctree(env, docname)
                    return kept[docname]

                env.get_doctree = get_doctree
                try:
                    return numbering(app, env)
                finally:
                    del env.get_doctree

            listeners[index] = listener._replace(handler=get_updated_docs)


def _hand_doctrees_to_the_writer(app, env) -> None:
    kept = _state(app).get("doctrees")
    if not kept:
        return

    def get_doctree(docname):  # each kept doctree once; any later call unpickles afresh
        doctree = kept.pop(docname, None)
        return doctree if doctree is not None else type(env).get_doctree(env, docname)

    env.get_doctree = get_doctree


def _forget_doctrees(app, exception) -> None:
    app.env.__dict__.pop("get_doctree", None)


def setup(app) -> dict:
    app.connect("builder-inited", _reset)
    app.connect("builder-inited", _numbering_only_after_changes)
    app.connect("env-purge-doc", _note_purge)
    app.connect("env-before-read-docs", _note_read)
    # Sphinx saves the environment, then checks its consistency, then writes.
    app.connect("env-check-consistency", _hand_doctrees_to_the_writer)
    app.connect("build-finished", _forget_doctrees, priority=100)
    app.connect("build-finished", _reset)
    return dict(PARALLEL_SAFE)
