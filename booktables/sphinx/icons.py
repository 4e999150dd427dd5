"""The theme's few icons as a small style sheet, instead of Font Awesome's script.

pydata-sphinx-theme loads all of Font Awesome (1.45 MB of JavaScript, 530 KB
gzipped) on every page to draw about fifteen icons. This part:

* drops that ``<script>`` from the pages this build wrote (the theme writes it
  from its own template, which takes no option for it);
* writes ``book-icons.css``: each icon the pages use, taken from the same Font
  Awesome build the theme ships (so the shapes are the theme's own), drawn as
  a CSS mask in the text colour;
* strips the Font Awesome glyph rules (``.fa-x:before{content:"\\f..."}``, for a
  web font the book never loads) from the theme's copied style sheet;
* fails the build if a page this build wrote uses an icon not in ``ICONS``.

Font Awesome Free's icons are licensed CC BY 4.0 (see the data page).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from sphinx.errors import ExtensionError

from . import pages
from .metadata import PARALLEL_SAFE, builds_website

# Every icon the theme, sphinx-book-theme and the book's pages draw (class "fa-<name>").
ICONS = (
    "angle-left", "angle-right", "arrow-up", "bars", "circle-half-stroke", "code", "download", "expand",
    "file", "file-pdf", "list", "magnifying-glass", "moon", "outdent", "sun", "book", "file-zipper",
)
# Classes that style icons rather than name one.
MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-2x"}
FA_SCRIPT = re.compile(r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?')
GLYPH_RULE = re.compile(r'(?:\.fa-[\w-]+:(?:before|after),?)+\{content:"[^"]*"\}')
ICON_ENTRY = r'(?:"{name}"|{name}):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]'


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"


def _solid_pack(script: str) -> str:
    """The source of Font Awesome's solid pack inside the theme's bundle."""
    end = script.find('d("fas",p)')
    start = script.rfind("var p={", 0, end)
    if end < 0 or start < 0:
        raise ExtensionError("booktables.sphinx.icons: Font Awesome's solid pack not found in the theme's fontawesome.js")
    return script[start:end]


def icon_css(script: str, names=ICONS) -> str:
    pack = _solid_pack(script)
    rules = ["/* Icons from Font Awesome Free (CC BY 4.0, fontawesome.com), as the theme ships them. */",
             '.fa-solid::before,.fas::before{content:"";display:inline-block;height:1em;vertical-align:-.125em;'
             "background-color:currentColor;-webkit-mask:var(--book-icon) no-repeat center/contain;"
             "mask:var(--book-icon) no-repeat center/contain}"]
    for name in names:
        match = re.search(ICON_ENTRY.format(name=re.escape(name)), pack)
        if not match:
            raise ExtensionError(f"booktables.sphinx.icons: icon {name!r} not found in the theme's Font Awesome")
        width, height, path = match.groups()
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><path d="{path}"/></svg>'
        rules.append(f'.fa-{name}::before{{width:{int(width) / int(height):.4g}em;'
                     f'--book-icon:url("data:image/svg+xml,{quote(svg)}")}}')
    return "\n".join(rules) + "\n"


def _write_icons(app) -> None:
    if not builds_website(app.builder):  # the EPUB's theme draws no icons
        return
    folder = Path(app.outdir).parent / ".icons_static"
    folder.mkdir(parents=True, exist_ok=True)
    css = icon_css((_theme_static() / "scripts" / "fontawesome.js").read_text(encoding="utf-8"))
    target = folder / "book-icons.css"
    if not target.exists() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")
    app.config.html_static_path += [str(folder)]
    app.add_css_file("book-icons.css")


ICON_CLASSES = re.compile(r'class="([^"]*\bfa(?:s|b|r|-solid|-regular|-brands)\b[^"]*)"')


def icons_used(html: str) -> set[str]:
    return {c.removeprefix("fa-") for m in ICON_CLASSES.finditer(html) for c in m.group(1).split()
            if c.startswith("fa-") and c not in MODIFIERS}


def _collect(app):
    found: dict[str, set[str]] = {}
    app.book_icons_used = found

    def collect(name: str, html: str) -> str:
        for icon in icons_used(html):
            found.setdefault(icon, set()).add(name)
        return FA_SCRIPT.sub("", html)
    return collect


def _register(app) -> None:
    if app.builder.format == "html" and app.builder.name != "epub":
        pages.register(app, _collect(app))


def _finish(app, exception) -> None:
    if exception or not builds_website(app.builder):
        return
    outdir = Path(app.outdir)
    missing = {name: used for name, used in getattr(app, "book_icons_used", {}).items() if name not in ICONS}
    if missing:
        raise ExtensionError("booktables.sphinx.icons: pages use icons not in ICONS: "
                             + "; ".join(f"{n} ({', '.join(sorted(p)[:3])})" for n, p in sorted(missing.items())))
    sheet = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    if sheet.is_file():
        css = sheet.read_text(encoding="utf-8")
        stripped = GLYPH_RULE.sub("", css)
        if stripped != css:
            sheet.write_text(stripped, encoding="utf-8")


def setup(app) -> dict:
    app.setup_extension(pages.__name__)
    app.connect("builder-inited", _write_icons)
    app.connect("builder-inited", _register)
    app.connect("build-finished", _finish, priority=600)  # after the pages pass (400) has read the pages
    return dict(PARALLEL_SAFE)
