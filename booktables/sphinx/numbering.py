"""Number sections and figures again only when a page was read or removed.

After every read, Sphinx's TOC collector numbers each section, figure and
table in the book, unpickling every page's doctree to find them (about 0.7 s
here), even when the read found nothing to read. The numbers come from the
doctrees and the toctree alone, which change only when a page is read or
removed; a changed configuration makes Sphinx read every page. So when no page
was read or removed the numbers stand, and the collector is not asked. Any
other build numbers as Sphinx does.
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
                return numbering(app, env) if _state(app).get("changed", True) else []

            listeners[index] = listener._replace(handler=get_updated_docs)


def setup(app) -> dict:
    app.connect("builder-inited", _reset)
    app.connect("builder-inited", _numbering_only_after_changes)
    app.connect("env-purge-doc", _note_purge)
    app.connect("env-before-read-docs", _note_read)
    app.connect("build-finished", _reset)
    return dict(PARALLEL_SAFE)
