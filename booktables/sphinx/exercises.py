"""Keep sphinx-exercise's registry of exercises and solutions small.

sphinx-exercise records each exercise and solution in the build environment,
with its node. Those nodes still point at their page (a solution's node at its
parent, an exercise's copy at its document), so pickling the environment
pickled every page with an exercise again: 3.5 of the environment's 4.5 MB.
Each process of a parallel read sends its environment back pickled, and every
rebuild starts by loading it.

What sphinx-exercise later reads from a recorded node is its class, its
attributes (label, ids, docname, number) and its first child, the title. So
once a page is read, each of its entries keeps a copy of just that, attached
to no page. The page's own doctree keeps the full nodes.
"""
from __future__ import annotations

from .metadata import PARALLEL_SAFE


def _detached(node):
    """The node's class, attributes and title, pointing at no document or parent."""
    slim = node.__class__(node.rawsource, **node.attributes)
    slim.source, slim.line = node.source, node.line
    if node.children:
        slim += node.children[0].deepcopy()
    for part in slim.findall():
        if hasattr(part, "_document"):
            part._document = None
    return slim


def _slim_registry(app, doctree) -> None:
    registry = getattr(app.env, "sphinx_exercise_registry", None)
    if not registry:
        return
    for entry in registry.values():
        if entry.get("docname") == app.env.docname and entry.get("node") is not None:
            entry["node"] = _detached(entry["node"])


def setup(app) -> dict:
    app.connect("doctree-read", _slim_registry)
    return dict(PARALLEL_SAFE)
