"""The maps' committed geodata, the gazetteer behind them, and the vendored
DataTables the explorer page loads."""
import json
import math
import re

from booktables import chapter as bk
from booktables.charts import map_layers, render
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


SEVEN = {"aghdam", "fuzuli", "jabrayil", "zangilan", "gubadli", "lachin", "kalbajar"}
TAKEN = ["ev_2020_jabrayil", "ev_2020_hadrut", "ev_2020_fuzuli", "ev_2020_zangilan", "ev_2020_gubadli", "ev_2020_shusha"]
HANDED = ["ev_2020_kalbajar_handover", "ev_2020_aghdam_handover", "ev_2020_lachin_handover"]


def test_the_districts_file_holds_the_seven_districts_inside_the_war_frame_with_its_licence():
    assert map_layers.DISTRICTS_FILE.stat().st_size < 20_000
    data = map_layers.districts()
    assert data["licence"] == "CC-BY-SA-3.0" and "geoBoundaries" in data["note"]
    towns = {f["properties"]["town"] for f in data["features"]}
    assert towns == SEVEN and {f["properties"]["layer"] for f in data["features"]} == {"district"}
    places = bk.load("places").set_index("id")
    west, south, east, north = geodata()["frames"]["karabakh"]
    for feature in data["features"]:
        town = feature["properties"]["town"]
        assert feature["properties"]["name"] == f"{places.loc[town, 'name_en']} district"
        rings = [poly[0] for poly in feature["geometry"]["coordinates"]]
        lons = [x for ring in rings for x, _ in ring]
        lats = [y for ring in rings for _, y in ring]
        assert west <= min(lons) and max(lons) <= east and south <= min(lats) and max(lats) <= north
        # The district's main town lies inside the district's bounding box.
        assert min(lons) < places.loc[town, "lon"] < max(lons) and min(lats) < places.loc[town, "lat"] < max(lats)


def test_each_district_is_labelled_with_what_the_events_record():
    status = map_layers.district_status(bk.load("events"), TAKEN, HANDED)
    labels = map_layers.district_labels(status).set_index("town")["label"]
    assert labels["aghdam"] == "Aghdam district\nhanded over 20 Nov"
    assert labels["kalbajar"] == "Kalbajar district\nhanded over 25 Nov"
    assert labels["lachin"] == "Lachin district\nhanded over 1 Dec"
    assert labels["fuzuli"] == "Fuzuli district\ntown taken 17 Oct"
    assert set(labels.index) == SEVEN
    # A phone's label: the name and the day, the mark at the town saying which event.
    short = map_layers.district_labels(status).set_index("town")["short"]
    assert short["fuzuli"] == "Fuzuli\n17 Oct" and short["lachin"] == "Lachin\n1 Dec"


def test_the_corridor_band_is_five_km_wide_clockwise_and_ends_at_the_border():
    square = [[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]]
    line = map_layers.cut_at_border([(-1.0, 0.5), (0.5, 0.5)], square)
    assert line == [(-1.0, 0.5), (0.0, 0.5)]
    ring = map_layers.band([(46.7, 39.8), (46.55, 39.64), (46.45, 39.58)], 5)["coordinates"][0]
    assert ring[0] == ring[-1] and map_layers._area(ring) < 0
    # The two sides at the first end are 5 km apart (to a few metres).
    (x1, y1), (x2, y2) = ring[0], ring[-2]
    km = ((x1 - x2) * 111.32 * math.cos(math.radians(39.673))) ** 2 + ((y1 - y2) * 110.57) ** 2
    assert abs(km ** 0.5 - 5) < 0.05


def test_the_war_map_spec_draws_the_districts_and_the_corridor_and_its_description_names_them():
    chart = bk.charts.war_2020_map(bk.load("events"), bk.load("places"), TAKEN, HANDED,
                                   ("stepanakert", "lachin", "goris"), ("ev_2021_jmc_opening", "aghdam"))
    spec = json.dumps(chart.to_dict(), ensure_ascii=False)
    for name in ("Aghdam", "Fuzuli", "Jabrayil", "Zangilan", "Gubadli", "Lachin", "Kalbajar"):
        assert f'"name": "{name} district"' in spec
        assert f"{name} district" in chart.description
    assert "Lachin corridor (schematic, not the road), 5 km wide" in spec and '"type": "Polygon"' in spec
    assert "handed over 25 Nov" in chart.description and "Lachin corridor" in chart.description
    assert "Russian contingent" in chart.description


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
                                     ("stepanakert", "lachin", "goris"), ("ev_2021_jmc_opening", "aghdam")),
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


def test_a_static_map_leaves_out_the_labels_drawn_only_on_a_phone():
    """The web spec carries both sets of labels; the PDF's and EPUB's image only the full ones."""
    chart = bk.charts.war_2020_map(bk.load("events"), bk.load("places"), TAKEN, HANDED,
                                   ("stepanakert", "lachin", "goris"), ("ev_2021_jmc_opening", "aghdam"))
    spec = chart.to_dict()
    texts = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text"]
    static = render._static_spec(spec)
    assert any(render._phone_only(layer) for layer in texts)
    assert not any(render._phone_only(layer) for layer in static["layer"])
    assert len(static["layer"]) == len(spec["layer"]) - sum(render._phone_only(layer) for layer in texts)
    svg = render.mimebundle(spec)["image/svg+xml"]
    assert "Fuzuli district" in svg and ">Fuzuli<" not in svg


def test_the_pdf_appendix_of_events_gives_what_its_caption_promises():
    """The PDF form of the explorer: each event's anchor, parties, places, chapters and sources."""
    events, places, sources = bk.load("events"), bk.load("places"), bk.load("sources")
    markdown = bk.tables.events_explorer(events, places, sources, caption="Every event").data
    pdf = markdown.split("{only} latex or epub", 1)[1]
    entry = next(line for line in pdf.split("\n\n") if "ev_2020_wartime_displacement" in line.split(" · ")[0]
                 or "wartime-displacement" in line.split(" · ")[0])
    entry = entry.replace("\\", "")  # MyST escapes
    assert "Parties: Armenia; Azerbaijan; Nagorno-Karabakh Armenian population" in entry
    assert "Chapters: war" in entry and entry.endswith("Sources: ACAPS 2020.")
