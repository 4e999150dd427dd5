"""Resolve cross-references without repeating work per reference.

Resolving the references of a page runs in the main process, one page after
another, in every build; `make bench` showed two lookups that cost more than
writing the pages:

* sphinxcontrib-bibtex asks pybtex for its plain-text backend once per
  citation (about 400 in the book). pybtex answers by scanning every installed
  package's entry points, about 12 ms each time. The answer cannot change
  during a build, so it is remembered; registering a plugin forgets it.
* Sphinx's ``numref`` unpickles the whole doctree of the page a reference
  points to, once per reference (about 50, 60 ms each with the charts' output
  in them), to read the target node's type and number. Sphinx never changes a
  pickled doctree while it writes, so each is unpickled once per write phase
  and only read. The memo is dropped when reading starts and when the build
  ends, so a page read again is looked at afresh.
"""
from __future__ import annotations

import functools

import pybtex.plugin
from sphinx.domains.std import StandardDomain

from .metadata import PARALLEL_SAFE

_find_plugin = pybtex.plugin.find_plugin
_register_plugin = pybtex.plugin.register_plugin


@functools.lru_cache(maxsize=None)
def _remembered_plugin(plugin_group, name=None, filename=None):
    return _find_plugin(plugin_group, name, filename)


def find_plugin(plugin_group, name=None, filename=None):
    try:
        return _remembered_plugin(plugin_group, name, filename)
    except TypeError:  # an unhashable argument: ask pybtex itself
        return _find_plugin(plugin_group, name, filename)


def register_plugin(*args, **kwargs):
    _remembered_plugin.cache_clear()
    return _register_plugin(*args, **kwargs)


class StandardDomainReadingDoctreesOnce(StandardDomain):
    """Sphinx's standard domain, unpickling each target page once for ``numref``."""

    def _resolve_numref_xref(self, env, *args, **kwargs):
        memo = env.__dict__.setdefault("_booktables_numref_doctrees", {})

        def doctree(docname):
            if docname not in memo:
                memo[docname] = type(env).get_doctree(env, docname)
            return memo[docname]

        previous = env.__dict__.get("get_doctree")  # numbering may have set one for the writer
        env.get_doctree = doctree  # an instance attribute, for this call only
        try:
            return super()._resolve_numref_xref(env, *args, **kwargs)
        finally:
            if previous is None:
                del env.get_doctree
            else:
                env.get_doctree = previous


def _forget_doctrees(app, *args) -> None:
    app.env.__dict__.pop("_booktables_numref_doctrees", None)


def setup(app) -> dict:
    pybtex.plugin.find_plugin = find_plugin
    pybtex.plugin.register_plugin = register_plugin
    app.add_domain(StandardDomainReadingDoctreesOnce, override=True)
    app.connect("env-before-read-docs", _forget_doctrees)
    app.connect("build-finished", _forget_doctrees)
    return dict(PARALLEL_SAFE)
