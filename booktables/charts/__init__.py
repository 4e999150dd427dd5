"""The book's Altair charts, one module per subject; chapters reach them as
``bk.charts.<name>`` (see ``booktables.chapter``).

* ``timelines``: events and agreements over time, Turkish–Russian relations coded
* ``agreements``: how long agreements held, who mediated, the Turkish–Russian arrangements
* ``war``: the 2020 war day by day, the statement's deadlines
* ``claims``: the claims × sources matrix, voices, expectations against the record
* ``maps``: the South Caucasus, what changed in 2020, the war as it moved (Natural Earth)
* ``theme`` (palette, colours) and ``render`` (the offline renderer) serve them all.
"""
from importlib import import_module

_HOMES = {
    "agreement_durations": "agreements", "agreement_spans": "agreements", "arrangement_spans": "agreements",
    "mediation_chart": "agreements",
    "agreement_view": "claims", "claims_matrix": "claims", "claims_quotes_table": "claims", "verdicts_by_source": "claims",
    "expectations_and_aftermath": "claims", "voices_by_source": "claims",
    "agreements_over_time": "timelines", "cooperation_over_time": "timelines", "events_timeline": "timelines",
    "relations_by_theatre": "timelines",
    "statement_deadlines": "war", "war_timeline": "war",
    "locator_map": "maps", "war_2020_map": "maps", "war_moving_map": "maps",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    # Imported on first use: the Sphinx extension imports ``charts.render`` for
    # the bundle, and must not pull pandas in with the chart modules.
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return __all__
