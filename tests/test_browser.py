"""The built book in a real browser (Debian's Chromium, driven by Playwright):
charts draw from the book's own files with every outside request blocked."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import chapter_pages, toc_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHART_PAGES = [f"{p}.html" for p in chapter_pages()]
ALL_PAGES = [f"{p}.html" for p in toc_pages()]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def site(built_book):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it from apt.txt")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_offline(browser, url, width=1280):
    """A page whose every request to a host other than 127.0.0.1 is blocked and recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    record = {"outside": [], "errors": [], "chart_warnings": []}

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            record["outside"].append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("pageerror", lambda exc: record["errors"].append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and record["errors"].append(msg.text))
    # Vega and Vega-Lite log a spec's inconsistencies as warnings ("WARN Conflicting scale ...").
    page.on("console", lambda msg: msg.type == "warning" and msg.text.startswith("WARN")
            and record["chart_warnings"].append(msg.text))
    page.goto(url, wait_until="load")
    return page, record


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_draws_with_no_network(browser, site, path):
    page, record = open_offline(browser, f"{site}/{path}")
    count = page.locator(".book-chart").count()
    assert count >= 2
    page.wait_for_function(
        "() => [...document.querySelectorAll('.book-chart')].every("
        "c => c.querySelector('svg.marks') && c.querySelectorAll('svg.marks path, svg.marks rect').length > 3)",
        timeout=15000)
    widths = page.evaluate("[...document.querySelectorAll('.book-chart svg.marks')].map(s => s.getBoundingClientRect().width)")
    column = page.evaluate("document.querySelector('article, main').getBoundingClientRect().width")
    assert all(100 < w <= column + 1 for w in widths), (widths, column)
    assert record["outside"] == [], record["outside"]
    assert record["errors"] == [], record["errors"]
    page.close()


def test_chart_tooltips_work(browser, site):
    page, _ = open_offline(browser, f"{site}/chapters/background.html")
    # The first chart that is not the locator map (whose tooltips name places, not events).
    points = ".book-chart:not([aria-label^='Map']) svg.marks g.mark-symbol path"
    page.wait_for_selector(points, timeout=15000)
    point = page.locator(points).first
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Event" in tooltip.inner_text()
    page.close()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_pages_have_no_console_errors_and_stay_local(browser, site, path):
    page, record = open_offline(browser, f"{site}/{path}")
    page.wait_for_timeout(500)
    assert record["outside"] == [], record["outside"]
    assert record["errors"] == [], record["errors"]
    assert record["chart_warnings"] == [], record["chart_warnings"]
    page.close()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_serious_or_critical_accessibility_violations(browser, site, path):
    if not AXE.is_file():
        pytest.fail("axe-core missing: `make test` installs it with npm ci")
    page, _ = open_offline(browser, f"{site}/{path}")
    page.wait_for_timeout(800)  # let the charts draw: they are checked too
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    page.close()


def test_every_chart_has_a_text_description_and_a_data_table(browser, site):
    page, _ = open_offline(browser, f"{site}/chapters/background.html")
    charts = page.locator(".book-chart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert len(chart.get_attribute("aria-label") or "") > 40
        table = chart.locator("xpath=following-sibling::details[contains(@class, 'chart-data')][1]")
        assert table.count() == 1 and table.locator("tbody tr").count() >= 2
    page.close()


def test_headings_are_ordered(browser, site):
    for path in ALL_PAGES:
        page, _ = open_offline(browser, f"{site}/{path}")
        levels = page.evaluate("[...document.querySelectorAll('article h1, article h2, article h3, article h4')]"
                               ".map(h => +h.tagName[1])")
        assert levels and levels[0] == 1, (path, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        page.close()


def test_search_finds_a_term(browser, site):
    page, record = open_offline(browser, f"{site}/search.html?q=Zheleznovodsk")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    results = page.locator("#search-results ul.search li a").all_inner_texts()
    assert any("Background" in r for r in results), results
    assert record["outside"] == []
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_one_way_to_search_on_each_screen(browser, site, width):
    """The theme's header bar once repeated the sidebar's search field on wide screens."""
    page, _ = open_offline(browser, f"{site}/intro.html", width=width)
    visible = page.evaluate(
        "[...document.querySelectorAll('.search-button__button')]"
        ".filter(b => b.offsetParent !== null && b.getBoundingClientRect().width > 0).length")
    assert visible == 1, visible
    header = page.evaluate("(() => { const h = document.querySelector('#pst-header');"
                           " return h ? h.getBoundingClientRect().height : 0; })()")
    assert header == 0, header
    page.close()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_page_is_wider_than_a_phone(browser, site, path):
    """Wide tables and charts scroll inside their own boxes; the page itself never does."""
    page, _ = open_offline(browser, f"{site}/{path}", width=375)
    page.wait_for_timeout(300)
    # Open every dropdown, so that what a reader can unfold is measured too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    wide = page.evaluate("""(() => { const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return [];
        return [...document.querySelectorAll('.bd-article p, .bd-article li, .bd-article dd')]
          .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
          .slice(0, 3).map(e => e.textContent.slice(0, 80)); })()""")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], (width, wide)
    page.close()


@pytest.mark.parametrize("path", ["chapters/ceasefires.html", "glossary.html", "explorer.html"])
def test_a_wide_tables_caption_stays_on_a_phones_screen(browser, site, path):
    page, _ = open_offline(browser, f"{site}/{path}", width=375)
    page.wait_for_timeout(500)
    boxes = page.evaluate("""[...document.querySelectorAll('table > caption')].map(c => {
        const box = c.closest('.pst-scrollable-table-container, .explorer-wrap');
        if (!box || box.scrollWidth <= box.clientWidth) return null;
        box.scrollLeft = box.scrollWidth;  // scrolled to the table's far end
        const r = c.getBoundingClientRect();
        return [c.textContent.slice(0, 40), r.left, r.right, document.documentElement.clientWidth]; })
        .filter(Boolean)""")
    assert boxes, "no wide table with a caption on the page"
    assert all(left >= 0 and right <= width + 1 for _, left, right, width in boxes), boxes
    page.close()


@pytest.mark.parametrize("path", ["chapters/war.html", "chapters/conclusion.html"])
def test_the_links_to_the_next_and_previous_chapters_fit_a_phone(browser, site, path):
    page, _ = open_offline(browser, f"{site}/{path}", width=375)
    links = page.evaluate("""[...document.querySelectorAll('.prev-next-area a')].map(a => {
        const box = a.getBoundingClientRect(), arrow = a.querySelector('i').getBoundingClientRect();
        return [a.className, a.scrollWidth - a.clientWidth, arrow.left >= box.left - 1 && arrow.right <= box.right + 1,
                box.right <= document.documentElement.clientWidth]; })""")
    assert links and all(overflow <= 1 and arrow_inside and on_screen
                         for _, overflow, arrow_inside, on_screen in links), links
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_side_by_side_cards_are_readable(browser, site, width):
    page, _ = open_offline(browser, f"{site}/chapters/background.html", width=width)
    cards = page.locator(".source-card")
    assert cards.count() >= 2
    doc_width = page.evaluate("document.documentElement.clientWidth")
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= doc_width + 1, (i, box, doc_width)
        overflow = cards.nth(i).evaluate("c => c.scrollWidth - c.clientWidth")
        assert overflow <= 1, (i, overflow)
    page.close()


MAP_PAGES = {"chapters/background.html": 1, "chapters/war.html": 2}


def _maps(page):
    return page.locator(".book-chart[aria-label^='Map']")


@pytest.mark.parametrize("path", sorted(MAP_PAGES))
def test_every_map_draws(browser, site, path):
    page, record = open_offline(browser, f"{site}/{path}")
    maps = _maps(page)
    assert maps.count() == MAP_PAGES[path]
    page.wait_for_function(
        "() => [...document.querySelectorAll(\".book-chart[aria-label^='Map']\")]"
        ".every(c => c.querySelectorAll('svg.marks g.mark-shape path').length >= 4"
        " && c.querySelectorAll('svg.marks g.mark-symbol path').length >= 5)", timeout=15000)
    for i in range(maps.count()):
        box = maps.nth(i).locator("svg.marks").bounding_box()
        assert box["width"] > 300 and box["height"] > 250, box
    assert record["outside"] == [] and record["errors"] == [], record
    page.close()


def test_the_war_map_draws_the_seven_districts_and_the_corridor_band(browser, site):
    page, record = open_offline(browser, f"{site}/chapters/war.html")
    chart = page.locator("#fig-war-2020-map .book-chart[aria-label^='Map']")
    page.wait_for_function("() => document.querySelector('#fig-war-2020-map svg.marks g.mark-text text')",
                           timeout=15000)
    # A two-line label is one <text> with a <tspan> a line.
    words = " | ".join(chart.locator("svg.marks g.mark-text text tspan, svg.marks g.mark-text text")
                       .all_text_contents())
    for name in ("Aghdam", "Fuzuli", "Jabrayil", "Zangilan", "Gubadli", "Lachin", "Kalbajar"):
        assert f"{name} district" in words, (name, words)
    assert "handed over 25 Nov" in words and "town taken 17 Oct" in words
    # Seven district outlines, the corridor band and Natural Earth's shapes are geoshapes.
    assert chart.locator("svg.marks g.mark-shape path").count() >= 7 + 1 + 3
    assert record["outside"] == [] and record["errors"] == [], record
    page.close()


# A label's white halo (maps._halos) lies under the label itself: not a second label.
VISIBLE_LABELS = """(selector) => [...document.querySelectorAll(selector + ' svg.marks g.mark-text text')]
  .filter(t => t.textContent.trim() && Number(getComputedStyle(t).opacity) > 0 && !t.closest("g[class*='_halo_']"))
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path, figure, named", [
    ("chapters/war.html", "fig-war-2020-map", ("Fuzuli", "Shusha", "Hadrut")),
    ("chapters/background.html", "fig-background-locator", ("Baku", "Yerevan", "Tbilisi"))])
def test_a_maps_labels_do_not_overlap(browser, site, width, path, figure, named):
    """On a phone a map writes fewer or shorter labels where the full ones would collide."""
    page, record = open_offline(browser, f"{site}/{path}", width=width)
    page.wait_for_function(f"() => document.querySelector('#{figure} svg.marks g.mark-text text')", timeout=15000)
    labels = page.evaluate(VISIBLE_LABELS, f"#{figure}")
    texts = " | ".join(label["text"] for label in labels)
    assert all(name in texts for name in named), texts
    if figure == "fig-war-2020-map":
        assert ("Fuzuli district" in texts) == (width > 600), texts
    clash = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
             if min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
             and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1]
    assert clash == [], clash
    assert record["errors"] == [], record
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_timeline_brush_filters_the_map(browser, site, width):
    page, record = open_offline(browser, f"{site}/chapters/war.html", width=width)
    dots = "g[class*='war_map_points'] path"
    page.wait_for_selector(dots, timeout=15000)
    # On a phone too the timeline and its map fit the column, at full size, with nothing to scroll.
    chart = page.locator(".book-chart:has(g[class*='war_map_points'])")
    drawn, room = chart.evaluate("c => [c.querySelector('svg.marks').getAttribute('width'), c.clientWidth]")
    assert int(drawn) <= room + 20 and chart.evaluate("c => c.scrollWidth <= c.clientWidth + 1"), (drawn, room)
    before = page.locator(dots).count()
    points = page.locator("g.war_timeline_marks path")
    points.first.scroll_into_view_if_needed()
    boxes = [points.nth(i).bounding_box() for i in range(points.count())]
    left, right = min(b["x"] for b in boxes), max(b["x"] + b["width"] for b in boxes)
    middle = sum(b["y"] for b in boxes) / len(boxes)
    # Brush the first fortnight or so: fewer of the war's located events remain on the map.
    page.mouse.move(left + (right - left) * 0.02, middle)
    page.mouse.down()
    page.mouse.move(left + (right - left) * 0.3, middle, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    after = page.locator(dots).count()
    assert 0 < after < before, (before, after)
    assert record["errors"] == [], record["errors"]
    page.close()


def test_typing_a_query_narrows_the_explorer(browser, site):
    page, record = open_offline(browser, f"{site}/explorer.html")
    page.wait_for_selector("#explorer-events_wrapper, .dt-container #explorer-events", timeout=15000)
    rows = page.locator("#explorer-events tbody tr")
    before = rows.count()
    search = page.locator(".dt-container:has(#explorer-events) input[type=search]")
    search.fill("Shusha")
    page.wait_for_timeout(300)
    after = rows.count()
    assert 0 < after < before, (before, after)
    assert all("Shusha" in text for text in rows.all_inner_texts())
    assert record["outside"] == [] and record["errors"] == [], record
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_row_keeps_its_id_in_view_while_the_table_scrolls_sideways(browser, site, width):
    page, _ = open_offline(browser, f"{site}/explorer.html", width=width)
    page.wait_for_selector(".dt-container #explorer-events", timeout=15000)
    wrap = page.locator(".explorer-wrap:has(#explorer-events)")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # wider than the page at both widths
    wrap.evaluate("w => { w.scrollLeft = 400; }")
    first = page.locator("#explorer-events tbody tr").first
    left = wrap.evaluate("w => w.getBoundingClientRect().left")
    id_cell, title = (first.locator(sel).evaluate("c => c.getBoundingClientRect().left")
                      for sel in (".col-id", ".col-title"))
    assert abs(id_cell - left) <= 1, (id_cell, left)   # the id stayed where it was
    assert title < left + 400                            # while the rest moved
    page.close()


@pytest.mark.parametrize("anchor", ["claim-cl_tsu_02", "event-ev_2020_shusha"])
def test_an_anchor_opens_the_right_row(browser, site, anchor):
    page, _ = open_offline(browser, f"{site}/explorer.html#{anchor}")
    row = page.locator(f"tr#{anchor}")
    page.wait_for_selector(f"tr#{anchor}.explorer-target", timeout=15000)
    assert row.is_visible()
    assert anchor.split("-", 1)[1] in row.inner_text()
    in_view = row.evaluate("r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }")
    assert in_view
    page.close()


def test_the_explorer_keeps_a_plain_table_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/explorer.html", wait_until="load")
    assert page.locator("#explorer-claims tbody tr").count() > 50
    assert page.locator("#explorer-events tbody tr").count() > 50
    context.close()


def test_a_map_point_opens_its_event_in_the_explorer(browser, site):
    page, _ = open_offline(browser, f"{site}/chapters/war.html")
    dot = page.locator("g[class*='war_map_points'] path").first
    dot.wait_for(timeout=15000)
    dot.scroll_into_view_if_needed()
    with page.expect_navigation():
        dot.click(force=True)
    assert "/explorer.html#event-ev_" in page.url
    anchor = page.url.split("#", 1)[1]
    page.wait_for_selector(f"tr#{anchor}.explorer-target", timeout=15000)
    page.close()
