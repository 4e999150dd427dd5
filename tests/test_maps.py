"""The maps' committed geodata, the gazetteer behind them, and the vendored
DataTables the explorer page loads."""
import json
import re

from booktables import chapter as bk
from booktables.charts import render
from booktables.charts.maps import GEO_FILE, geodata
from conftest import ROOT

STATIC = ROOT / "booktables" / "sphinx" / "static" / "datatables"


def test_the_geodata_is_small_and_holds_every_layer_in_every_frame():
    assert GEO_FILE.stat().st_size < 100_000
    data = geodata()
    layers = {(f["properties"]["frame"], f["properties"]["layer"]) for f in data["features"]}
    for frame, (west, south, east, north) in data["frames"].items():
        assert {(frame, layer) for layer in ("country", "breakaway_1994", "nkao_1991", "ceasefire_1994")} <= layers
        for feature in (f for f in data["features"] if f["properties"]["frame"] == frame):
            text = json.dumps(feature["geometry"]["coordinates"])
            numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", text)]
            lons, lats = numbers[0::2], numbers[1::2]
            assert west - 1e-6 <= min(lons) and max(lons) <= east + 1e-6, feature["properties"]
            assert south - 1e-6 <= min(lats) and max(lats) <= north + 1e-6, feature["properties"]


def test_every_place_with_coordinates_names_their_source_and_every_event_place_exists():
    places = bk.load("places")
    located = places[places["lat"].notna()]
    assert located["coordinate_source"].notna().all()
    events = bk.load("events")
    used = {p for ids in events["place_ids"] for p in ids or []}
    assert used <= set(places["id"])


def test_the_maps_render_as_vector_images_with_a_data_table():
    events, places, sources = bk.load("events"), bk.load("places"), bk.load("sources")
    charts = [bk.charts.locator_map(places, ["baku", "yerevan"]),
              bk.charts.war_2020_map(events, places, ["ev_2020_shusha"], ["ev_2020_aghdam_handover"],
                                     ("stepanakert", "lachin"), ("ev_2021_jmc_opening", "aghdam")),
              bk.charts.war_moving_map(events, places, sources)]
    for chart in charts:
        out = render.mimebundle(chart.to_dict())
        assert out["image/svg+xml"].count("<path") > 10
        assert out["application/pdf"]
        assert 'class="chart-data"' in out["text/html"]
    assert '"brush"' in render.mimebundle(charts[2].to_dict())["text/html"]


def test_the_vendored_datatables_is_the_pinned_one():
    pins = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    assert pins["datatables.net"] == pins["datatables.net-dt"]
    script = (STATIC / "dataTables.min.js").read_text(encoding="utf-8")
    assert script.startswith(f"/*! DataTables {pins['datatables.net']}")
    installed = ROOT / "node_modules" / "datatables.net" / "js" / "dataTables.min.js"
    if installed.is_file():
        assert installed.read_bytes() == (STATIC / "dataTables.min.js").read_bytes()
        css = ROOT / "node_modules" / "datatables.net-dt" / "css" / "dataTables.dataTables.min.css"
        assert css.read_bytes() == (STATIC / "dataTables.dataTables.min.css").read_bytes()
    assert (STATIC / "LICENSE.txt").is_file()


def test_an_agreements_place_is_the_one_its_title_or_short_name_gives():
    agreements = bk.load("agreements").set_index("id")
    places = bk.load("places").set_index("id")
    links = bk.load("agreement_places")
    assert len(links) >= 20
    for link in links.itertuples():
        text = agreements.loc[link.agreement_id, link.basis]
        word = re.split(r"[ ,(]", places.loc[link.place_id, "name_en"].replace("St ", "St_"))[0].replace("_", " ")
        assert word in text, (link.agreement_id, word, text)
