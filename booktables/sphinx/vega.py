"""Ship the pinned vega bundle once, as a static file.

Every chart page loads ``_static/vega-bundle.js`` (cached by the browser once)
instead of a CDN, so the HTML book draws its charts with no network. Pages
without a chart do not load it (300 KB gzipped).

A page's chart specs (with their data and map shapes) go to a script beside
it, ``_charts/<page>.js``, loaded in its head, rather than inline: the page
itself stays light (no HTML page over 250 KB, `make bench`) and a returning
reader's browser keeps the specs until they change (the address carries their
checksum). The EPUB runs no scripts and has no such file.
"""
from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript

from ..contracts import BUNDLE_NAME, CHART_CLASS, CHART_SPEC_SUFFIX, CHART_SPECS
from . import assets
from .metadata import PARALLEL_SAFE, builds_website

RENDER_MODULE = Path(__file__).resolve().parents[1] / "charts" / "render.py"


def bundle_id() -> str:
    """What the bundle is made from: vl-convert's and Altair's versions (Altair
    fixes the Vega-Lite version) and the code that wraps it. Read without
    importing Altair, which would cost every build, a no-op included, 0.3 s."""
    code = hashlib.sha256(RENDER_MODULE.read_bytes()).hexdigest()[:16]
    return f"vl-convert-python {version('vl-convert-python')}, altair {version('altair')}, render.py {code}"


def javascript_bundle() -> str:
    from ..charts.render import javascript_bundle as make  # Altair and vl-convert, only when remade

    return make()


def _write_bundle(app) -> None:
    if not builds_website(app.builder):  # the EPUB runs no scripts
        return
    static_dir = Path(app.outdir).parent / ".vega_static"
    static_dir.mkdir(parents=True, exist_ok=True)
    target = static_dir / BUNDLE_NAME
    # Making the bundle takes vl-convert about 4 s: it is copied again only when
    # vl-convert or the code that wraps it changes, and made once per machine
    # and version (charts/render.py keeps it in the user's cache).
    stamp = static_dir.parent / (BUNDLE_NAME + ".id")
    ident = bundle_id()
    if not (target.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == ident):
        target.write_text(javascript_bundle(), encoding="utf-8")
        stamp.write_text(ident, encoding="utf-8")
    app.config.html_static_path += [str(static_dir), str(assets.static_dir())]
    app.add_js_file(BUNDLE_NAME)
    app.add_css_file("book.css")


def _page_scripts(app, pagename, templatename, context, doctree) -> None:
    """The chart library only where a chart is drawn; sphinx-thebe nowhere.

    Jupyter Book always loads sphinx-thebe, twice, even with thebe off: the
    duplicate ``const THEBE_JS_URL`` is a console error and points at a CDN.
    The book runs no live code, so its scripts and style sheet are dropped."""
    has_chart = f'class="{CHART_CLASS}"' in context.get("body", "")

    def keep(asset) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" not in name and "THEBE_JS_URL" not in body and (has_chart or name.rsplit("/", 1)[-1] != BUNDLE_NAME)

    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key] = [asset for asset in context[key] if keep(asset)]
    if has_chart and app.builder.name != "epub":
        _specs_beside_the_page(app, pagename, context)


SPECS_DIR = "_charts"
INLINE_SPEC = re.compile(
    rf'<script type="application/json" id="(?P<id>[\w-]+){re.escape(CHART_SPEC_SUFFIX)}">(?P<json>.*?)</script>\n?', re.S)


def _specs_beside_the_page(app, pagename, context) -> None:
    body = context.get("body", "")
    specs = [(m["id"], m["json"]) for m in INLINE_SPEC.finditer(body)]
    if not specs:
        return
    # JSON is JavaScript; the specs keep their escaping of "</".
    script = "".join(f'(window.{CHART_SPECS} = window.{CHART_SPECS} || {{}})["{chart_id}"] = {spec};\n'
                     for chart_id, spec in specs)
    relative = f"{SPECS_DIR}/{pagename}.js"
    target = Path(app.outdir) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    context["body"] = INLINE_SPEC.sub("", body)
    # Written before the page is rendered, so Sphinx gives its address the file's checksum.
    context["script_files"] = [*context.get("script_files", []), _JavaScript(relative)]


def setup(app) -> dict:
    app.connect("builder-inited", _write_bundle)
    app.connect("html-page-context", _page_scripts)
    return dict(PARALLEL_SAFE)
