"""Altair output that draws with no network, in HTML and (later) in LaTeX.

Altair's stock HTML loads vega, vega-lite and vega-embed from a CDN. This
renderer instead emits, for every chart:

* text/html: a container plus a call to ``vegaEmbed`` from the bundle that the
  ``booktables.sphinx.vega`` extension ships once in ``_static`` (pinned by the
  vl-convert-python wheel), so charts stay interactive (tooltips) offline;
* image/svg+xml and application/pdf: static vector renderings made by
  vl-convert, for builders that cannot run JavaScript (myst-nb's LaTeX
  builder takes the PDF first);
* text/plain: the chart's description, for readers of the raw notebook.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
from importlib.metadata import version
from pathlib import Path

import altair as alt
import vl_convert as vlc

from ..cache import CACHE_VARIABLE, user_cache_dir  # noqa: F401 (CACHE_VARIABLE: the tests set it)
from ..contracts import CHART_CLASS, CHART_SPEC_SUFFIX, CHART_SPECS, RENDERER_VARIABLE
from .theme import PHONE_ONLY

# "6.4.1" -> "6.4": the Vega-Lite version Altair writes, which the bundle must match.
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
STATIC_WIDTH = 640  # "container" width has no meaning without a page


def bundle_cache_file() -> Path:
    """Where the made bundle is kept for the next build or kernel on this machine
    (booktables.cache). The name holds what the bundle is made from, so a new
    vl-convert or Vega-Lite, or a change to this module, makes a new one."""
    base = user_cache_dir()
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return Path(base) / f"vega-bundle-{version('vl-convert-python')}-vl{VL_VERSION}-{code}.js"


@functools.lru_cache(maxsize=1)
def javascript_bundle() -> str:
    """vega + vega-lite + vega-embed, assigning window.vegaEmbed and friends.

    Wrapped in a function scope: the bundle's top-level ``const`` names would
    otherwise collide with other scripts' globals on the same page. Making it
    takes vl-convert about 4 s, so it is made once per machine and version
    (``bundle_cache_file``) and once per process.
    """
    cache = bundle_cache_file()
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    header = (f"/* vega {vlc.get_vega_version()}, vega-lite {VL_VERSION}, "
              f"vega-embed {vlc.get_vega_embed_version()}: bundled by vl-convert-python */\n")
    bundle = header + "(function () {\n" + vlc.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(bundle, encoding="utf-8")
        partial.replace(cache)  # whole or not at all, if two builds make it at once
    except OSError:
        pass  # a read-only home: made again next time
    return bundle


def _script_safe_json(spec: dict) -> str:
    # Escape <, > and & so no text in the data can close the <script> element.
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _static_spec(spec: dict) -> dict:
    """The same chart with fixed widths, as needed for a static image, no
    links (an image in the PDF, the EPUB or a notebook cannot follow them), and
    none of the layers drawn only on a phone."""
    def fix(node):
        if isinstance(node, dict) and isinstance(node.get("layer"), list):
            node = {**node, "layer": [layer for layer in node["layer"] if not _phone_only(layer)]}
        if isinstance(node, dict):
            return {k: (STATIC_WIDTH if k == "width" and v == "container" else fix(v)) for k, v in node.items()
                    if not (k == "href" and isinstance(v, dict))}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node
    return fix(spec)


def _phone_only(layer) -> bool:
    mark = layer.get("mark") if isinstance(layer, dict) else None
    return isinstance(mark, dict) and mark.get("opacity") == PHONE_ONLY


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def prune_datasets(spec: dict) -> dict:
    """Keep only the columns the chart's encodings use, so pages stay small.

    Charts with transforms or parameters may refer to any column in an
    expression, so their data are left whole.
    """
    nodes = list(_walk(spec))
    if any("transform" in n or "params" in n for n in nodes) or not spec.get("datasets"):
        return spec
    used = {n["field"] for n in nodes if isinstance(n.get("field"), str)}
    used |= {n["sort"]["field"] for n in nodes if isinstance(n.get("sort"), dict) and "field" in n["sort"]}
    # Map features (rows with a geometry) are drawn whole, whatever the encodings name.
    pruned = {name: rows if rows and isinstance(rows[0], dict) and "geometry" in rows[0]
              else [{k: v for k, v in row.items() if k in used} for row in rows]
              for name, rows in spec["datasets"].items()}
    return {**spec, "datasets": pruned}


def hoist_shared_encoding(spec: dict) -> dict:
    """Move the encoding channels that every layer repeats word for word up to
    the layered chart, which its layers inherit: the chart draws the same, and
    the page does not carry the same axes, scales and tooltips once per layer."""
    layers = spec.get("layer")
    if not isinstance(layers, list) or len(layers) < 2 or "encoding" in spec:
        return spec
    encodings = [layer.get("encoding") for layer in layers]
    if not all(isinstance(e, dict) for e in encodings):
        return spec
    shared = {k: v for k, v in encodings[0].items() if all(e.get(k) == v for e in encodings[1:])}
    if not shared:
        return spec
    hoisted = [{**layer, "encoding": {k: v for k, v in layer["encoding"].items() if k not in shared}}
               for layer in layers]
    return {**spec, "encoding": shared, "layer": hoisted}


def _tooltip_fields(node, data: str | None = None) -> tuple[list[tuple[str, str]], str | None]:
    """(field, title) pairs of the first layer's tooltip, in order, and the name
    of the dataset that layer draws (its own, or the one it inherits)."""
    if isinstance(node, dict):
        data = node.get("data", {}).get("name", data) if isinstance(node.get("data"), dict) else data
        tooltip = node.get("encoding", {}).get("tooltip")
        if isinstance(tooltip, list):
            return [(t["field"], t.get("title", t["field"])) for t in tooltip if "field" in t], data
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                found, name = _tooltip_fields(child, data)
                if found:
                    return found, name
    return [], None


def data_table(spec: dict, full: bool = False) -> str:
    """The chart's data as an HTML table in a <details>, every value escaped:
    a text alternative for readers who cannot see or hover the chart.

    A chart may name, in ``usermeta["book_table"]``, tooltip fields its page
    table leaves out (``omit``) and a page that carries the full table
    (``href``, ``where``); with ``elsewhere`` the page keeps only the link.
    Long quotes then live once in the book, not on every page that charts
    them. ``full=True`` gives the whole table."""
    fields, name = _tooltip_fields(spec)
    meta = {} if full else (spec.get("usermeta") or {}).get("book_table", {})
    if meta.get("elsewhere") and meta.get("href"):
        note = html.escape(meta.get("note", "This chart\u2019s data table is"))
        link = f'<a href="{html.escape(meta["href"], quote=True)}">{html.escape(meta.get("where", "the data page"))}</a>'
        return f'<p class="chart-data">{note} in {link}.</p>'
    fields = [(f, t) for f, t in fields if f not in meta.get("omit", [])]
    datasets = spec.get("datasets", {})
    if not fields or not datasets or (len(datasets) != 1 and name not in datasets):
        return ""
    rows = datasets[name] if name in datasets else next(iter(datasets.values()))
    head = "".join(f"<th>{html.escape(str(title))}</th>" for _, title in fields)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row.get(field, '') or ''))}</td>" for field, _ in fields) + "</tr>"
        for row in rows)
    note = ""
    if meta.get("href"):
        note = (f'<p>{html.escape(meta.get("note", "The full table, with every quote, is on"))} '
                f'<a href="{html.escape(meta["href"], quote=True)}">{html.escape(meta.get("where", "the data page"))}</a>.</p>')
    return (f'<details class="chart-data"><summary>Data table ({len(rows)} rows)</summary>{note}'
            f'<div class="chart-data-scroll" tabindex="0"><table class="table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></details>")


def labelled_svg(svg: str, description: str) -> str:
    """The static image named by the chart's description, for readers that show
    it as an image (an EPUB's alt text, a notebook's SVG, a screen reader)."""
    label = html.escape(description, quote=True)
    return re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}"', svg, count=1).replace(
        ">", f"><title>{html.escape(description)}</title>", 1) if svg.startswith("<svg") else svg


class HtmlBlock:
    """Ready HTML that a notebook shows as it is (through ``_repr_html_``), for a
    chart's table shown apart from its chart. ``elsewhere`` (MyST) is what the
    editions that show no HTML (the PDF, the EPUB) print instead."""

    def __init__(self, text: str, elsewhere: str | None = None):
        self.text = text
        self.elsewhere = elsewhere

    def _repr_html_(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str | None:
        return self.elsewhere

    def __repr__(self) -> str:  # a notebook's text/plain: the same in every build (no memory address)
        return "<a table of the chart's data>"


# Concatenated views have fixed widths; a chart that carries usermeta.book_fit is narrowed
# to its container (less each view's gutter, never under "min") before it is drawn;
# a view marked in "keep_shape" (a map) keeps its proportions. A single map that
# gives its "aspect" takes the height its width calls for, up to "max_height".
FIT_VIEWS_JS = (
    "    var fit = (spec.usermeta || {}).book_fit, room = document.getElementById(id).clientWidth;\n"
    "    if (fit && room > 0) {\n"
    "      spec = JSON.parse(JSON.stringify(spec));\n"
    "      if (fit.aspect) { spec.height = Math.min(fit.max_height, Math.round((room - 10) * fit.aspect)); }\n"
    "      (spec.vconcat || spec.concat || []).forEach(function (view, i) {\n"
    "        var want = room - (fit.gutters[i] || 0);\n"
    "        if (typeof view.width !== \"number\" || want >= view.width) { return; }\n"
    "        var width = Math.max(fit.min, want);\n"
    "        if ((fit.keep_shape || [])[i]) { view.height = Math.round(view.height * width / view.width); }\n"
    "        view.width = width;\n"
    "      });\n"
    "    }\n")


def mimebundle(spec: dict, inline_bundle: bool = False) -> dict:
    spec = hoist_shared_encoding(prune_datasets(spec))
    description = spec.get("description") or spec.get("title") or "Chart"
    if isinstance(description, dict):
        description = description.get("text", "Chart")
    digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]
    chart_id = f"chart-{digest}"
    label = html.escape(str(description), quote=True)
    # A map as wide as its column scales down on a phone instead of scrolling (book.css).
    # So does a concatenated map that says how to narrow its views (usermeta "book_fit").
    fits = bool((spec.get("usermeta") or {}).get("book_fit"))
    extra = " data-map" if fits or (spec.get("projection") and spec.get("width") == "container") else ""
    # Outside the book (JupyterLab) no page script provides vegaEmbed: carry it.
    bundle = ("<script>" + javascript_bundle().replace("</script", "<\\/script") + "</script>\n") if inline_bundle else ""
    html_out = bundle + (
        f'<div class="{CHART_CLASS}" id="{chart_id}"{extra} role="figure" aria-label="{label}"></div>\n'
        f'<script type="application/json" id="{chart_id}{CHART_SPEC_SUFFIX}">{_script_safe_json(spec)}</script>\n'
        "<script>(function () {\n"
        f'  var id = "{chart_id}";\n'
        "  function draw() {\n"
        "    // In the book the page files its specs (sphinx/vega.py); elsewhere the spec is inline.\n"
        f'    var spec = (window.{CHART_SPECS} || {{}})[id]\n'
        f'      || JSON.parse(document.getElementById(id + "{CHART_SPEC_SUFFIX}").textContent);\n'
        + (FIT_VIEWS_JS if fits else "") +
        '    vegaEmbed("#" + id, spec, {actions: false, renderer: "svg"}).then(function (result) {\n'
        "      (window.bookViews = window.bookViews || {})[id] = result.view;\n"
        "      // A brush's rectangles are controls, not data: hidden from screen readers (axe: svg-img-alt).\n"
        "      document.querySelectorAll(\"#\" + id + \" g[class$='_brush'], #\" + id + \" g[class$='_brush_bg']\")"
        ".forEach(function (p) {\n"
        '        p.setAttribute("aria-hidden", "true");\n'
        "      });\n"
        '    }).catch(function (err) {\n'
        '      document.getElementById(id).textContent = "This chart could not be drawn: " + err;\n'
        "    });\n"
        "  }\n"
        '  if (window.vegaEmbed) { draw(); } else { window.addEventListener("DOMContentLoaded", draw); }\n'
        "})();</script>\n"
        + data_table(spec)
    )
    static = _static_spec(spec)
    svg = labelled_svg(vlc.vegalite_to_svg(static, vl_version=VL_VERSION), str(description))
    pdf = base64.b64encode(vlc.vegalite_to_pdf(static, vl_version=VL_VERSION)).decode("ascii")
    return {"text/html": html_out, "image/svg+xml": svg, "application/pdf": pdf,
            "text/plain": f"Chart: {description}"}


def enable() -> None:
    """Make every Altair chart displayed in this kernel draw with no network.

    In the book build (booktables.build sets BOOK_RENDERER=page) the page loads
    the bundle once, so each chart carries only its spec. Anywhere else (plain
    JupyterLab or Jupyter Notebook, the runnable bundle, `make lab`) no page
    script provides it, so each chart inlines the same bundle.
    """
    inline = os.environ.get(RENDERER_VARIABLE, "inline") != "page"
    alt.renderers.register("book", lambda spec: mimebundle(spec, inline_bundle=inline))
    alt.renderers.enable("book")
