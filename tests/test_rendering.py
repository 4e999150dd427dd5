"""Offline chart output and escaping of text from the data, without a build."""
import re

import altair as alt
import pandas as pd

from booktables import load
from booktables.charts import render
from booktables.charts import timelines as charts
from booktables.myst import text as compare


def test_chart_output_has_no_cdn_and_carries_a_static_svg():
    bundle = render.mimebundle(charts.events_timeline(load("events"), chapter="background").to_dict())
    html = bundle["text/html"]
    assert "cdn.jsdelivr" not in html and "http" not in html.split("<script type")[0]
    assert "vegaEmbed(" in html and 'role="figure"' in html and "aria-label=" in html
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    assert "<text" in bundle["image/svg+xml"]


def test_bundle_defines_vega_embed_globally_without_leaking_names():
    js = render.javascript_bundle()
    assert "window.vegaEmbed=" in js.replace(" ", "")
    assert js.split("\n", 2)[1] == "(function () {"


def test_the_bundle_is_made_once_per_machine_and_version(tmp_path, monkeypatch):
    made = []
    monkeypatch.setenv(render.CACHE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(render.vlc, "javascript_bundle", lambda vl_version: made.append(vl_version) or "var vega;")
    render.javascript_bundle.cache_clear()
    try:
        first = render.javascript_bundle()
        render.javascript_bundle.cache_clear()  # a new build or kernel on the same machine
        assert render.javascript_bundle() == first and made == [render.VL_VERSION]
        assert render.bundle_cache_file().parent == tmp_path and render.bundle_cache_file().read_text() == first
        assert render.VL_VERSION in render.bundle_cache_file().name
    finally:
        render.javascript_bundle.cache_clear()


def test_script_payload_in_data_cannot_close_the_script_element():
    frame = pd.DataFrame({"x": [1], "label": ["</script><script>alert(1)</script>"]})
    chart = alt.Chart(frame, description="payload").mark_point().encode(x="x:Q", tooltip="label:N")
    html = render.mimebundle(chart.to_dict())["text/html"]
    spec_json = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "<" not in spec_json and "alert(1)" in spec_json


def test_markdown_escape_makes_markup_literal():
    text = compare.escape("<img src=x onerror=alert(1)> {cite}`x` $1$ :::{note}")
    assert "<" not in text.replace("\\<", "")
    assert "{" not in text.replace("\\{", "")
    assert "$" not in text.replace("\\$", "")


def test_charts_fit_the_column():
    spec = charts.agreements_over_time(load("agreements")).to_dict()
    assert spec["width"] == "container"
    assert spec["description"]


def test_chart_data_are_pruned_to_the_fields_the_chart_uses():
    spec = charts.agreements_over_time(load("agreements")).to_dict()
    pruned = render.prune_datasets(spec)
    full_cols = set(next(iter(spec["datasets"].values()))[0])
    kept = set(next(iter(pruned["datasets"].values()))[0])
    assert kept < full_cols and {"date_signed", "stage_label", "name", "pax"} <= kept
    with_transform = {**spec, "transform": [{"filter": "datum.kind == 'ceasefire'"}]}
    assert render.prune_datasets(with_transform) == with_transform


def test_layers_share_their_common_encoding_once():
    spec = {"layer": [{"mark": "point", "encoding": {"x": {"field": "a"}, "y": {"field": "b"}}},
                      {"mark": "text", "encoding": {"x": {"field": "a"}, "text": {"field": "c"}}}]}
    hoisted = render.hoist_shared_encoding(spec)
    assert hoisted["encoding"] == {"x": {"field": "a"}}
    assert [layer["encoding"] for layer in hoisted["layer"]] == [{"y": {"field": "b"}}, {"text": {"field": "c"}}]
    assert render.hoist_shared_encoding({"mark": "point"}) == {"mark": "point"}


def test_a_chart_can_leave_its_quotes_to_the_data_page():
    args = [load(name) for name in ("claims", "sources", "stances", "topics")]
    from booktables.charts.claims import claims_matrix

    page = render.data_table(claims_matrix(*args, quotes_at="../data.html#claims-quotes").to_dict())
    full = render.data_table(claims_matrix(*args).to_dict())
    assert "Quotes (where)" in full and "Quotes (where)" not in page and "<table" not in page
    spec = claims_matrix(*args, quotes_at="x").to_dict()
    assert "quotes" not in {t["field"] for t in spec["encoding"]["tooltip"]}
    assert 'href="../data.html#claims-quotes"' in page and len(page) < len(full) * 0.7


def test_corpus_table_names_each_seed_author_or_says_there_is_none():
    from booktables.myst.tables import corpus_table

    sources = load("sources")
    rows = [line for line in corpus_table(sources, load("claims")).data.splitlines()
            if line.startswith("| ") and not line.startswith("| Named in this book")]
    seeds = sources.dropna(subset=["seed_file"])
    assert len(rows) == len(seeds)
    # The key to the short names that the chapters use, given once here.
    assert [line.split(" | ")[0].lstrip("| ") for line in rows][2] == compare.escape("Jafarov & Aslanli 2021")
    authors = [line.split(" | ")[2] for line in rows]
    assert all(authors), authors
    assert authors.count("no author named") == sum(1 for names in seeds["authors"] if not names)
    assert any("Kuzio" in a for a in authors)


def test_a_locator_holding_parentheses_is_bracketed_not_nested():
    assert compare.parenthetical(compare.escape("Paragraph 3")) == "(Paragraph 3)"
    text = compare.parenthetical(compare.escape("Abstract (repeated in section 'Keywords')"))
    assert text.startswith("\\[") and text.endswith("\\]")
