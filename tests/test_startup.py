"""What every build and every notebook kernel pays before any work is done.

Timings belong to `make bench`; these tests pin the causes of the slow start-ups
that were found and removed, so that they cannot come back unnoticed.
"""
import subprocess
import sys
from types import SimpleNamespace

from booktables.sphinx import vega as sphinx_vega
from conftest import ROOT


def _modules_after(statement: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_sphinx_extensions_import_neither_pandas_nor_frictionless():
    # The book's extensions start with every build, even a no-op one.
    loaded = _modules_after("import booktables.sphinx")
    assert not {"pandas", "frictionless"} & loaded


def test_the_package_still_offers_its_loaders_by_name():
    import booktables
    from booktables import DataError, load, load_all, validate  # noqa: F401

    assert callable(load) and callable(validate) and issubclass(DataError, Exception)
    assert booktables.load is load


def test_a_chapter_kernel_does_not_compile_iri_grammars():
    # jsonschema >= 4.25 with rfc3987-syntax installed compiles ~40 Lark
    # grammars on import (about 3 s), and altair imports jsonschema.
    assert "rfc3987_syntax" not in _modules_after("from booktables import chapter")


def test_the_chart_library_is_made_once_per_version(tmp_path, monkeypatch):
    made = []
    monkeypatch.setattr(sphinx_vega, "javascript_bundle", lambda: made.append(1) or "/* js */")
    app = SimpleNamespace(builder=SimpleNamespace(format="html", name="html"), outdir=str(tmp_path / "html"),
                          config=SimpleNamespace(html_static_path=[]),
                          add_js_file=lambda *a, **k: None, add_css_file=lambda *a, **k: None)
    sphinx_vega._write_bundle(app)
    sphinx_vega._write_bundle(app)
    assert len(made) == 1
    assert (tmp_path / ".vega_static" / "vega-bundle.js").read_text() == "/* js */"

    monkeypatch.setattr(sphinx_vega, "bundle_id", lambda: "vl-convert-python 99")
    sphinx_vega._write_bundle(app)
    assert len(made) == 2


def test_a_kernel_loads_validated_data_without_validating_it_again(data_copy):
    # The first load validates and keeps the typed frames; a later kernel, with
    # the same data and code, loads them without importing frictionless.
    load = f"from booktables import load; load('events', {str(data_copy)!r})"
    subprocess.run([sys.executable, "-c", load], cwd=ROOT, check=True)
    assert "frictionless" not in _modules_after(load)


def test_an_edited_table_is_validated_again_after_a_cached_load(data_copy):
    from booktables import DataError, load
    from conftest import set_cell

    load("events", data_copy)
    set_cell(data_copy / "events.csv", 2, "date_start", "2020-02-30")
    import pytest
    with pytest.raises(DataError, match="events.csv, line 2, column date_start"):
        load("events", data_copy)
