"""The parts of the book's Sphinx extension (booktables/sphinx/), each on a tiny project.

Every project is a folder ``tests/roots/test-<name>/`` that ``sphinx.testing``
copies into the session's temporary directory; ``@pytest.mark.sphinx`` names it
(``testroot``). Tests of one project share its copy (and so its build) unless
they need their own read or another builder: then they name a copy (``srcdir``).
No test builds the book: these run in a few seconds.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from docutils.core import publish_parts
from pybtex.database import parse_file

from booktables.contracts import BUNDLE_NAME, CHART_CLASS, CHART_SPECS, CODING_FLAG
from booktables.data import paths
from booktables.sphinx import a11y, assets, icons, notebooks, parallel, vega
from booktables.sphinx.citation import book_meta

pytestmark = pytest.mark.extension

ROOTS = Path(__file__).resolve().parent / "roots"
TINY_BUNDLE = "/* a stand-in for vega, vega-lite and vega-embed */\n"


def page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """What a reader sees of some HTML: tags dropped, entities resolved, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def section(markup: str, section_id: str) -> str:
    """The HTML of one <section>, up to its own closing tag (nested sections included)."""
    start = markup.index(f'<section id="{section_id}">')
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)section\b", markup[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            position = start + tag.end()
            break
    return markup[start:position]


@pytest.fixture
def tiny_bundle(monkeypatch):
    """The vega part with a stand-in bundle: vl-convert takes 1.5 s to make the real one."""
    monkeypatch.setattr(vega, "javascript_bundle", lambda: TINY_BUNDLE)


@pytest.fixture
def patched_app(tiny_bundle, make_app, app_params):
    """Like sphinx.testing's ``app``, made after the bundle is patched (the bundle is
    written when the builder starts, inside the app's constructor)."""
    args, kwargs = app_params
    return make_app(*args, **kwargs)


# --- cite: "Cite this chapter" and _static/cite/<slug>.bib, from CITATION.cff ---------------------------------

@pytest.mark.sphinx("html", testroot="cite")
def test_cite_adds_a_section_to_chapters_from_citation_cff(app):
    app.build()
    meta = book_meta(Path(app.srcdir) / "CITATION.cff")
    assert (meta.title, meta.version, meta.date) == ("A Tiny Test Book", "3.2.1", "2024-05-06")
    # The release is the CITATION.cff version, for the whole project.
    assert app.config.release == app.config.version == "3.2.1"

    cite = text_of(section(page(app, "chapters/one.html"), "cite-this-chapter"))
    assert cite.startswith("Cite this chapter")
    assert "Version 3.2.1, released 2024-05-06." in cite
    assert ("APA: Aliyeva, Leyla & The Test Collective. (2024). The First Chapter. In A Tiny Test Book "
            "(Version 3.2.1). Open executable book.") in cite
    assert ("Chicago: Aliyeva, Leyla & The Test Collective. 2024. \u201cThe First Chapter.\u201d In A Tiny Test Book, "
            "version 3.2.1. Released 2024-05-06.") in cite
    # The book's title is set in italics in both styles.
    assert section(page(app, "chapters/one.html"), "cite-this-chapter").count("<em>A Tiny Test Book</em>") == 2
    assert 'href="../_static/cite/one.bib" download' in page(app, "chapters/one.html")

    # Added before the TOC collector ran, so the table of contents lists it.
    assert "chapters/one.html#cite-this-chapter" in page(app, "index.html")

    # Pages outside chapters/ get no section and no .bib file.
    for name in ("index.html", "other.html"):
        assert 'id="cite-this-chapter"' not in page(app, name)
    assert sorted(p.name for p in (Path(app.outdir) / "_static" / "cite").iterdir()) == ["one.bib"]
    assert set(app.env.book_bibtex) == {"chapters/one"}


@pytest.mark.sphinx("html", testroot="cite")
def test_cite_writes_a_bibtex_file_that_parses(app):
    app.build()
    entries = parse_file(str(Path(app.outdir) / "_static" / "cite" / "one.bib"), "bibtex").entries
    assert list(entries) == ["karabakh2020book_one"]
    entry = entries["karabakh2020book_one"]
    assert entry.type == "incollection"
    assert entry.fields["title"] == "The First Chapter"
    assert entry.fields["booktitle"] == "A Tiny Test Book"
    assert entry.fields["year"] == "2024"
    assert entry.fields["edition"] == "Version 3.2.1"
    # A person is split into names, a corporate author (in braces) stays one name.
    authors = entry.persons["author"]
    assert [str(p) for p in authors] == ["Aliyeva, Leyla", "{The Test Collective}"]
    # The entry shown on the page is the one in the file.
    assert "karabakh2020book_one" in page(app, "chapters/one.html")


@pytest.mark.sphinx("latex", testroot="cite", srcdir="cite-latex")
def test_cite_section_is_in_the_pdf_but_the_bib_files_are_html_only(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\release{3.2.1}" in tex
    assert tex.count(r"\section{Cite this chapter}") == 1 and "Version 3.2.1, released 2024" in tex
    assert "Download this chapter" not in tex  # the download link is raw HTML
    assert not (Path(app.outdir) / "_static").exists()


# --- vega: the chart library as one static file ------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="vega")
def test_vega_ships_the_bundle_and_only_chart_pages_load_it(patched_app):
    app = patched_app
    app.build()
    static = Path(app.outdir) / "_static"
    assert (static / BUNDLE_NAME).read_text(encoding="utf-8") == TINY_BUNDLE
    assert (static / "book.css").read_bytes() == (Path(vega.__file__).parent / "static" / "book.css").read_bytes()

    pages = sorted(Path(app.outdir).rglob("*.html"))
    assert {p.relative_to(app.outdir).as_posix() for p in pages} >= {"index.html", "sub/page.html", "search.html"}
    for path in pages:
        markup = path.read_text(encoding="utf-8")
        prefix = "../" * (len(path.relative_to(app.outdir).parts) - 1)
        name = path.relative_to(app.outdir).as_posix()
        loads_bundle = re.search(rf'<script src="{re.escape(prefix)}_static/{BUNDLE_NAME}(\?v=\w+)?"></script>', markup)
        assert bool(loads_bundle) == (f'class="{CHART_CLASS}"' in markup), name
        assert re.search(rf'href="{re.escape(prefix)}_static/book\.css(\?v=\w+)?"', markup), name
        # The thebe scripts that conf.py adds (as sphinx-thebe does) are dropped.
        assert "thebe" not in markup.lower(), name
    assert CHART_CLASS in page(app, "sub/page.html") and BUNDLE_NAME in page(app, "sub/page.html")
    assert BUNDLE_NAME not in page(app, "index.html")


@pytest.mark.sphinx("html", testroot="vega", srcdir="vega-specs")
def test_vega_moves_a_pages_chart_specs_into_a_script_beside_it(patched_app):
    app = patched_app
    app.build()
    markup = page(app, "sub/page.html")
    assert 'type="application/json"' not in markup and 'drawChart("chart-1")' in markup
    # Loaded in the head, before the chart's own script runs, with the file's checksum.
    head = markup.split("</head>")[0]
    assert re.search(r'<script src="\.\./_charts/sub/page\.js\?v=\w+"></script>', head)
    script = (Path(app.outdir) / "_charts" / "sub" / "page.js").read_text(encoding="utf-8")
    assert script == (f'(window.{CHART_SPECS} = window.{CHART_SPECS} || {{}})["chart-1"] = '
                      '{"mark": "bar", "description": "A chart <\\/script> safe"};\n')
    assert "_charts" not in page(app, "index.html")  # a page without a chart has no such script


@pytest.mark.sphinx("latex", testroot="vega", srcdir="vega-latex")
def test_vega_writes_no_bundle_for_latex(monkeypatch, make_app, app_params):
    def not_for_latex():
        raise AssertionError("the bundle was made for a LaTeX build")

    monkeypatch.setattr(vega, "javascript_bundle", not_for_latex)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    build_dir = Path(app.outdir).parent
    assert not (build_dir / ".vega_static").exists()
    assert not list(build_dir.rglob(BUNDLE_NAME))
    assert not any("vega" in str(p) for p in app.config.html_static_path)


# --- icons: the theme's icons as a small style sheet, without Font Awesome's script --------------------------------

def test_every_icon_is_found_in_the_themes_font_awesome():
    css = icons.icon_css((icons._theme_static() / "scripts" / "fontawesome.js").read_text(encoding="utf-8"))
    for name in icons.ICONS:
        rule = rf"\.fa-{re.escape(name)}::before\{{width:[\d.]+em;--book-icon:url\(\"data:image/svg\+xml,%3Csvg"
        assert re.search(rule, css), name
    assert len(css.encode()) < 30_000  # against 1.45 MB of script


def test_icons_used_reads_the_icon_names_not_the_modifiers():
    markup = '<i class="fa-solid fa-bars fa-lg"></i><span class="fa-solid fa-moon"></span><i class="fa-unrelated"></i>'
    assert icons.icons_used(markup) == {"bars", "moon"}


@pytest.mark.sphinx("html", testroot="icons")
def test_pages_load_no_font_awesome_and_draw_the_icons_from_css(app):
    app.build()
    markup = page(app, "index.html")
    assert "fontawesome" not in markup
    assert re.search(r'href="_static/book-icons\.css(\?v=\w+)?"', markup)
    assert 'class="fa-solid fa-bars"' in markup  # the theme's own icon markup is kept
    theme_css = (Path(app.outdir) / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert not icons.GLYPH_RULE.search(theme_css) and ".bd-header" in theme_css


@pytest.mark.sphinx("html", testroot="icons", srcdir="icons-search")
def test_only_the_search_page_loads_the_search_index(app):
    app.build()
    assert "searchindex.js" not in page(app, "index.html") and "searchtools.js" not in page(app, "index.html")
    assert "searchindex.js" in page(app, "search.html") and "searchtools.js" in page(app, "search.html")
    assert 'action="search.html"' in page(app, "index.html")  # the search box still sends the reader there


@pytest.mark.sphinx("html", testroot="icons", srcdir="icons-unknown")
def test_an_icon_with_no_css_fails_the_build(make_app, app_params):
    app = make_app(*app_params.args, **app_params.kwargs)
    (Path(app.srcdir) / "index.rst").write_text(
        "Icons\n=====\n\n.. raw:: html\n\n   <i class=\"fa-solid fa-dragon\"></i>\n", encoding="utf-8")
    with pytest.raises(Exception, match="dragon"):
        app.build()


# --- datadeps: a notebook page depends on the data files it reads ------------------------------------------------

DESCRIPTOR = json.loads((paths.DATA_DIR / paths.DESCRIPTOR).read_text(encoding="utf-8"))
CODING_FILES = {r["path"] for r in DESCRIPTOR["resources"] if r.get(CODING_FLAG)}
ALL_FILES = {r["path"] for r in DESCRIPTOR["resources"]}
FINGERPRINT = re.compile(r"# Data this page reads \(re-executed when they change\): (.*)\n# booktables code: ([0-9a-f]{16})")


def data_dependencies(app, docname: str, data_dir: Path = paths.DATA_DIR) -> set[str]:
    """The data files (by name) among a page's Sphinx dependencies."""
    found = {Path(d) for d in app.env.dependencies.get(docname, ())}
    return {p.name for p in found if p.parent == data_dir.resolve()}


@pytest.mark.sphinx("html", testroot="datadeps")
def test_datadeps_a_page_depends_on_the_tables_it_loads(app):
    app.build()
    assert CODING_FILES and "events.csv" not in CODING_FILES
    assert data_dependencies(app, "events") == {"events.csv", paths.DESCRIPTOR} | CODING_FILES
    assert data_dependencies(app, "everything") == ALL_FILES | {paths.DESCRIPTOR}

    # It also depends on the package's code, except the extension itself (it shapes no output).
    code = {Path(d) for d in app.env.dependencies["events"] if d.endswith(".py")}
    package = Path(paths.__file__).resolve().parents[1]
    assert package / "data" / "loading.py" in code and package / "chapter.py" in code
    assert not [p for p in code if (package / "sphinx") in p.parents]


@pytest.mark.sphinx("html", testroot="datadeps", srcdir="datadeps-none")
def test_datadeps_pages_that_read_no_data_have_no_dependencies(app):
    app.build()
    # index.md has no code cells (its text names booktables and load("events")),
    # plain_code.md has code that reads no data.
    for docname in ("index", "plain_code"):
        assert not app.env.dependencies.get(docname), docname
        assert "# Data this page reads" not in app.recorded_sources[docname]


@pytest.mark.sphinx("html", testroot="datadeps", srcdir="datadeps-cell")
def test_datadeps_appends_a_hidden_fingerprint_cell(app):
    app.build()
    source = app.recorded_sources["events"]
    cell = source[source.rindex("```{code-cell}"):]
    assert cell.startswith("```{code-cell} ipython3\n:tags: [remove-cell]\n")
    digests = dict(item.split(" ") for item in FINGERPRINT.search(cell).group(1).split(", "))
    assert set(digests) == {"events.csv", paths.DESCRIPTOR} | CODING_FILES
    assert all(re.fullmatch(r"[0-9a-f]{16}", d) for d in digests.values())
    # The cell is removed from the page.
    assert "Data this page reads" not in page(app, "events.html")
    assert "Text after the cell." in page(app, "events.html")


@pytest.mark.sphinx("html", testroot="datadeps", srcdir="datadeps-edit")
def test_datadeps_an_edited_table_rereads_exactly_the_pages_that_read_it(make_app, app_params, data_copy,
                                                                            monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", data_copy)
    app = make_app(*app_params.args, **app_params.kwargs)
    app.build()
    assert data_dependencies(app, "events", data_copy) >= {"events.csv"}
    before = FINGERPRINT.search(app.recorded_sources["events"]).group(1)

    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    later = time.time() + 10
    os.utime(events, (later, later))

    again = make_app(*app_params.args, **app_params.kwargs)
    again.build()
    assert set(again.recorded_sources) == {"events", "everything"}
    assert FINGERPRINT.search(again.recorded_sources["events"]).group(1) != before


# --- assets: the book's own static files ------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="assets")
def test_an_edited_style_sheet_is_copied_and_every_page_written_again(tiny_bundle, make_app, app_params,
                                                                      monkeypatch, tmp_path):
    static = tmp_path / "static"
    shutil.copytree(assets.STATIC, static)
    monkeypatch.setattr(assets, "STATIC", static)
    make_app(*app_params.args, **app_params.kwargs).build()
    index = Path(make_app(*app_params.args, **app_params.kwargs).outdir) / "index.html"
    first = index.stat().st_mtime_ns

    unchanged = make_app(*app_params.args, **app_params.kwargs)
    unchanged.build()
    assert index.stat().st_mtime_ns == first  # nothing changed: no page written

    sheet = static / "book.css"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n/* an edit */\n", encoding="utf-8")
    edited = make_app(*app_params.args, **app_params.kwargs)
    edited.build()
    assert "/* an edit */" in (Path(edited.outdir) / "_static" / "book.css").read_text(encoding="utf-8")
    assert index.stat().st_mtime_ns != first


# --- bibstyle: author-year labels, sorted as cited ---------------------------------------------------------------

def bibliography_labels(markup: str) -> list[str]:
    found = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">\]',
                       markup)
    return [text_of(label) for label in found]


@pytest.mark.sphinx("html", testroot="bibstyle")
def test_bibstyle_labels_and_sorts_by_author_and_year(app):
    app.build()
    markup = page(app, "index.html")
    # refs.bib and the text have these in other orders; the list is sorted by label.
    assert bibliography_labels(markup) == [
        "Abbasov et al., 2019",
        "Jafarov and Aslanli, 2021",
        "Jamestown Foundation, 2020",
        "Kuzio, 2021",
        "Z\u00fcrcher, 2007",
    ]
    # The text cites with the same words the list is labelled with.
    text = text_of(markup)
    assert "Jamestown Foundation [2020]" in text and "Jafarov and Aslanli [2021]" in text
    assert "[Abbasov et al., 2019, Kuzio, 2021, Z\u00fcrcher, 2007]" in text


@pytest.mark.sphinx("html", testroot="bibstyle")
def test_bibstyle_titles_keep_their_capitals(app):
    app.build()
    text = text_of(page(app, "index.html")).replace("\u2019", "'")
    for title in ("Russia and Turkey in the South Caucasus After the War",
                  "Russia's Policy During the 44-Day Karabakh War",
                  "Three Authors on the OSCE Minsk Group"):
        assert title in text
    assert "South caucasus" not in text and "Minsk group" not in text


@pytest.mark.sphinx("html", testroot="bibstyle", srcdir="bibstyle-cache")
def test_bibstyle_formats_an_entry_once_until_it_changes(make_app, app_params, monkeypatch, tmp_path):
    from pybtex.style.formatting.unsrt import Style as UnsrtStyle

    from booktables.cache import CACHE_VARIABLE
    from booktables.sphinx import bibstyle

    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))  # this test's own machine cache

    formatted = []
    original = UnsrtStyle.format_entry
    monkeypatch.setattr(UnsrtStyle, "format_entry", lambda self, label, entry, bib_data=None: formatted.append(
        entry.key) or original(self, label, entry, bib_data=bib_data))

    def build(fresh_memory: bool) -> str:
        if fresh_memory:  # as a new build process starts: only the cache file remains
            monkeypatch.setattr(bibstyle, "FORMAT_CACHE", {})
            monkeypatch.setattr(bibstyle, "PLAIN_CACHE", {})
        app = make_app(*app_params.args, freshenv=True, **app_params.kwargs)
        app.build()
        return page(app, "index.html")

    first = build(fresh_memory=True)
    assert len(formatted) == 5
    assert build(fresh_memory=True) == first and len(formatted) == 5  # every entry from the cache file
    # A clean build (no _build/) still finds every entry formatted in the machine's cache.
    shutil.rmtree(Path(app_params.kwargs["srcdir"]) / "_build")
    assert build(fresh_memory=True) == first and len(formatted) == 5
    bib = Path(app_params.kwargs["srcdir"]) / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("year      = {2007}", "year      = {2008}"), encoding="utf-8")
    assert "Z\u00fcrcher, 2008" in text_of(build(fresh_memory=True))
    assert formatted[5:] == ["postsoviet"]  # only the edited entry is formatted again


# --- a11y: the written HTML mended ------------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="a11y")
def test_a11y_rewrites_the_flagged_markup(app):
    app.build()
    source = (Path(app.srcdir) / "index.rst").read_text(encoding="utf-8")
    markup = page(app, "index.html")
    for old, new in a11y.FIXES:
        if "citation-list" in old:
            continue  # docutils writes this one, see below
        assert old in source, f"the test page lacks {old!r}"
        assert old not in markup and new in markup


@pytest.mark.sphinx("html", testroot="a11y")
def test_a11y_citation_list_loses_role_list(app):
    # docutils itself marks a citation list role="list" ...
    old, new = next(fix for fix in a11y.FIXES if "citation-list" in fix[0])
    assert old in publish_parts(".. [X] A source.\n\n[X]_\n", writer_name="html5")["body"]
    # ... and the page the build wrote has the list without it.
    app.build()
    markup = page(app, "index.html")
    assert 'id="smith2020"' in markup
    assert new in markup and 'role="list"' not in markup
    assert 'role="doc-biblioentry"' in markup


# --- parallel: the HTML build may read in parallel --------------------------------------------------------------

def parallel_flags(app, name: str) -> tuple:
    extension = app.extensions[name]
    return extension.parallel_read_safe, extension.parallel_write_safe


@pytest.mark.sphinx("html", testroot="parallel", parallel=2)
def test_parallel_declares_the_undeclared_extensions_safe_for_html(app):
    assert app.parallel == 2
    assert parallel_flags(app, "sphinx_multitoc_numbering") == (True, True)


@pytest.mark.sphinx("html", testroot="notebooks", srcdir="notebooks-rebuilds")
def test_notebooks_are_copied_again_only_for_pages_written_again(make_app, app_params, monkeypatch):
    copied = []
    original = notebooks.portable_notebook
    monkeypatch.setattr(notebooks, "portable_notebook", lambda path, resolver=None: copied.append(path.stem) or
                        original(path, resolver))

    def build() -> list[str]:
        copied.clear()
        make_app(*app_params.args, **app_params.kwargs).build()
        return sorted(copied)

    assert build() == ["chart", "markdown"]
    assert build() == []  # a no-op rebuild: every page and every copy as it was
    srcdir = Path(app_params.kwargs["srcdir"])
    (srcdir / "_build" / "html" / "_sources" / "chart.ipynb").unlink()
    assert build() == ["chart"]  # a missing copy is made again
    page = srcdir / "markdown.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert build() == ["markdown"]


@pytest.mark.sphinx("html", testroot="parallel", parallel=2, confoverrides={
    "extensions": ["sphinx_multitoc_numbering", "sphinx_jupyterbook_latex", "booktables.sphinx"]})
def test_parallel_the_whole_extension_allows_a_parallel_read(patched_app, warning):
    app = patched_app
    assert parallel_flags(app, "sphinx_jupyterbook_latex") == (True, True)
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert "parallel" not in warning.getvalue()


@pytest.mark.sphinx("html", testroot="parallel", parallel=2)
def test_parallel_the_part_on_its_own_allows_a_parallel_read(app):
    assert app.is_parallel_allowed("read")


@pytest.mark.sphinx("html", testroot="parallel", parallel=2, confoverrides={"extensions": ["sphinx_multitoc_numbering"]})
def test_parallel_without_the_part_the_read_is_serial(app, warning):
    assert parallel_flags(app, "sphinx_multitoc_numbering")[0] is None
    assert not app.is_parallel_allowed("read")
    assert "sphinx_multitoc_numbering extension does not declare" in warning.getvalue()


@pytest.mark.sphinx("latex", testroot="parallel", parallel=2, confoverrides={
    "extensions": ["sphinx_multitoc_numbering", "sphinx_jupyterbook_latex", "booktables.sphinx.parallel"]})
def test_parallel_leaves_the_latex_build_serial(app):
    assert parallel_flags(app, "sphinx_multitoc_numbering")[0] is None
    assert parallel_flags(app, "sphinx_jupyterbook_latex")[0] is None
    assert not app.is_parallel_allowed("read")


@pytest.mark.parametrize(("parallel", "created"), [(2, True), (0, False)])
def test_parallel_creates_the_cache_before_a_parallel_read(make_app, sphinx_test_tempdir, rootdir, parallel, created):
    srcdir = Path(sphinx_test_tempdir) / f"parallel-cache-{parallel}"
    shutil.copytree(rootdir / "test-parallel", srcdir)
    app = make_app("html", srcdir=srcdir, parallel=parallel, confoverrides={
        "extensions": ["myst_nb", "sphinx_multitoc_numbering", "booktables.sphinx.parallel"],
        "nb_execution_mode": "cache"})
    app.build()
    # No page is a notebook, so myst-nb itself never opens the cache.
    assert (Path(app.outdir).parent / ".jupyter_cache" / "global.db").exists() is created


def test_parallel_kernels_talk_over_their_own_ipc_sockets():
    """Two kernels never share an address: each is on Unix sockets named after itself."""
    from nbclient import NotebookClient

    parallel._kernels_on_their_own_sockets()
    parallel._kernels_on_their_own_sockets()  # idempotent: wrapped once
    assert not hasattr(NotebookClient.create_kernel_manager.on_tcp, "on_tcp")
    addresses = []
    for _ in range(2):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
        client = NotebookClient(nb, kernel_name="python3", timeout=60)
        manager = client.create_kernel_manager()
        assert manager.transport == "ipc"
        addresses.append(manager.ip)
        client.km = manager
        client.execute()
        assert nb.cells[0].outputs[0]["text"] == "42\n"
        assert not list(Path(manager.ip).parent.glob(Path(manager.ip).name + "-*"))  # sockets removed at shutdown
    assert addresses[0] != addresses[1]


# --- notebooks: the executed notebook offered as a portable .ipynb -----------------------------------------------

CHART_NOTEBOOK = ROOTS / "test-notebooks" / "chart.ipynb"


def test_portable_notebook_keeps_the_svg_of_a_chart_and_drops_its_html_and_pdf():
    original = nbformat.read(CHART_NOTEBOOK, as_version=4)
    chart_output = original.cells[1].outputs[0]["data"]
    assert f'class="{CHART_CLASS}"' in chart_output["text/html"]
    assert {"text/html", "image/svg+xml", "application/pdf"} <= set(chart_output)

    nb = notebooks.portable_notebook(CHART_NOTEBOOK)
    chart, table = nb.cells[1].outputs[0]["data"], nb.cells[2].outputs[0]["data"]
    assert set(chart) == {"image/svg+xml", "text/plain"}
    assert chart["image/svg+xml"] == chart_output["image/svg+xml"]
    # HTML that is no chart (a table) stays.
    assert table["text/html"].startswith('<table class="dataframe">')
    nbformat.validate(nb)


def test_portable_notebook_is_the_same_every_time():
    nb = notebooks.portable_notebook(CHART_NOTEBOOK)
    assert [c["id"] for c in nb.cells] == ["cell-1", "cell-2", "cell-3"]
    assert all("execution" not in c.get("metadata", {}) for c in nb.cells)
    assert nbformat.writes(nb) == nbformat.writes(notebooks.portable_notebook(CHART_NOTEBOOK))


def test_portable_notebook_leaves_out_the_data_fingerprint(tmp_path):
    from booktables.sphinx.datadeps import FINGERPRINT_HEADER, fingerprint_cell

    nb = nbformat.read(CHART_NOTEBOOK, as_version=4)
    cell_source = fingerprint_cell(paths.DATA_DIR, ["events.csv"]).split("\n\n", 2)[2].rsplit("```", 1)[0].strip()
    assert cell_source.startswith(FINGERPRINT_HEADER)
    nb.cells.append(nbformat.v4.new_code_cell(cell_source, metadata={"tags": ["remove-cell"]}))
    path = tmp_path / "with_fingerprint.ipynb"
    nbformat.write(nb, path)
    portable = notebooks.portable_notebook(path)
    assert len(portable.cells) == len(nb.cells) - 1
    assert not any(FINGERPRINT_HEADER in c.source for c in portable.cells)


def test_portable_notebook_keeps_a_chart_without_svg(tmp_path):
    # Without a static rendering the HTML is all there is: it stays.
    nb = nbformat.read(CHART_NOTEBOOK, as_version=4)
    del nb.cells[1].outputs[0]["data"]["image/svg+xml"]
    path = tmp_path / "no_svg.ipynb"
    nbformat.write(nb, path)
    assert "text/html" in notebooks.portable_notebook(path).cells[1].outputs[0]["data"]


@pytest.mark.sphinx("html", testroot="notebooks")
def test_notebooks_are_copied_to_sources_and_offered(app):
    app.build()
    sources = Path(app.outdir) / "_sources"
    chart = nbformat.read(sources / "chart.ipynb", as_version=4)
    assert "text/html" not in chart.cells[1].outputs[0]["data"]
    assert [c["id"] for c in chart.cells] == ["cell-1", "cell-2", "cell-3"]
    # A MyST notebook is offered as the notebook myst-nb made of it.
    markdown = nbformat.read(sources / "markdown.ipynb", as_version=4)
    assert [c.cell_type for c in markdown.cells] == ["markdown", "code"]
    assert "answer = 6 * 7" in markdown.cells[1].source
    # The executed notebooks themselves are left as they are.
    executed = nbformat.read(Path(app.outdir).parent / "jupyter_execute" / "chart.ipynb", as_version=4)
    assert "text/html" in executed.cells[1].outputs[0]["data"]
    # The theme is told of the .ipynb for notebook pages only.
    assert app.ipynb_sources["chart"] == "chart.ipynb"
    assert app.ipynb_sources["markdown"] == "markdown.ipynb"
    assert app.ipynb_sources["index"] is None


@pytest.mark.sphinx("html", testroot="parallel", parallel=2,
                    confoverrides={"extensions": ["sphinx_multitoc_numbering", "booktables.sphinx.parallel"]})
def test_parallel_reads_in_parallel_but_writes_serially(app):
    # Kernels may have run in this process by the time pages are written:
    # forked writers would inherit their live sockets.
    app.build()
    assert app.parallel == 1 and not app.builder.parallel_ok


def test_parallel_deals_the_pages_so_that_each_process_carries_about_the_same_work():
    costs = {"a": 4.0, "b": 3.0, "c": 3.0, "d": 2.0, "e": 1.0, "f": 0.0, "g": 0.0}
    order = parallel.balanced_order(sorted(costs), 3, costs.get)
    assert sorted(order) == sorted(costs)
    runs = [order[i:i + 2] for i in range(0, len(order), 2)]  # as Sphinx cuts 7 pages for 3 processes
    assert [len(run) for run in runs] == [2, 2, 2, 1]
    # Alphabetical runs would be a+b (7 s), c+d, e+f, g: one process with half the work.
    assert max(sum(costs[n] for n in run) for run in runs) <= 5.0
    assert runs[0][0] == "a"  # the heaviest run starts first
    assert parallel.expected_seconds("No code here.") == 0.0
    page = "```{code-cell} ipython3\nbk.charts.one()\nbk.charts.two()\n```"
    assert parallel.expected_seconds(page) == pytest.approx(parallel.KERNEL_SECONDS + 2 * parallel.CHART_SECONDS)


@pytest.mark.parametrize("failure", parallel.PASSING_FAILURES)
def test_parallel_executes_a_page_once_more_only_after_a_passing_failure(failure):
    calls = []
    page = SimpleNamespace(path="chapters/page.md")

    def run(client):
        calls.append(client)
        if len(calls) == 1:
            raise RuntimeError(f"... {failure} ...")
        return "executed"

    assert parallel._once_more_after_a_passing_failure(run)(page) == "executed" and calls == [page, page]

    def failing(client):
        calls.append(client)
        raise RuntimeError("a cell failed")

    calls.clear()
    with pytest.raises(RuntimeError, match="a cell failed"):
        parallel._once_more_after_a_passing_failure(failing)(page)
    assert calls == [page]  # any other error fails the build at once

    def always(client):
        calls.append(client)
        raise RuntimeError(failure)

    calls.clear()
    with pytest.raises(RuntimeError):
        parallel._once_more_after_a_passing_failure(always)(page)
    assert calls == [page, page]  # once more, and no more


def test_parallel_leaves_trimming_the_cache_to_the_main_process(monkeypatch):
    from jupyter_cache.cache.main import JupyterCacheBase

    parallel._trim_the_cache_after_the_read_only()
    truncate = JupyterCacheBase.truncate_caches
    trimmed = []
    monkeypatch.setattr(truncate, "trims", trimmed.append)
    cache = SimpleNamespace()
    monkeypatch.setattr(parallel, "MAIN_PROCESS", os.getpid() + 1)  # as in a reading process, forked
    truncate(cache)
    assert trimmed == []
    monkeypatch.setattr(parallel, "MAIN_PROCESS", os.getpid())
    truncate(cache)
    assert trimmed == [cache]


@pytest.mark.sphinx("html", testroot="cite")
def test_cite_names_the_project_from_citation_cff(app):
    assert app.config.project == book_meta(Path(app.confdir) / "CITATION.cff").title
    assert app.config.html_baseurl == ""


def test_cite_takes_the_public_address_from_the_environment(make_app, rootdir, sphinx_test_tempdir, monkeypatch):
    monkeypatch.setenv("BOOK_BASEURL", "https://example.org/book/")
    srcdir = sphinx_test_tempdir / "cite-baseurl"
    if not srcdir.exists():
        shutil.copytree(rootdir / "test-cite", srcdir)
    app = make_app("html", srcdir=srcdir)
    assert app.config.html_baseurl == "https://example.org/book/"


# --- resolve: each lookup once per build ------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="resolve")
def test_resolve_unpickles_each_numref_target_once_and_numbers_right(app, monkeypatch):
    from sphinx.environment import BuildEnvironment

    unpickled = []
    original = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree", lambda env, docname: unpickled.append(docname) or original(env, docname))
    app.build()
    text = text_of(page(app, "index.html"))
    assert "The first table is Table 1, the second Table 2; Table 1 again." in text
    # Once to write the page itself, once for the three references to it (Sphinx
    # alone unpickles it for each: four times).
    assert unpickled.count("tables") == 2
    assert "_booktables_numref_doctrees" not in app.env.__dict__  # dropped when the build ends


@pytest.mark.sphinx("html", testroot="resolve", srcdir="resolve-plugins")
def test_resolve_asks_pybtex_for_a_plugin_once_until_one_is_registered(app, monkeypatch):
    import pybtex.plugin

    from booktables.sphinx import resolve

    looked_up = []
    original = resolve._find_plugin
    monkeypatch.setattr(resolve, "_find_plugin", lambda *args: looked_up.append(args) or original(*args))
    resolve._remembered_plugin.cache_clear()
    app.build()
    text = text_of(page(app, "index.html")) + text_of(page(app, "tables.html"))
    assert text.count("Kuzio [2021]") == 3 and "[Kuzio, 2021]" in text  # four citations, each resolved
    assert looked_up.count(("pybtex.backends", "plaintext", None)) == 1
    plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    pybtex.plugin.register_plugin("pybtex.backends", "booktables-test", plaintext)
    pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    assert looked_up.count(("pybtex.backends", "plaintext", None)) == 2  # registering forgot the answers


@pytest.mark.sphinx("html", testroot="resolve", srcdir="resolve-numbering")
def test_numbering_runs_again_only_when_a_page_was_read(make_app, app_params, monkeypatch):
    from sphinx.environment import BuildEnvironment
    from sphinx.environment.collectors.toctree import TocTreeCollector

    numbered = []
    original = TocTreeCollector.assign_figure_numbers
    monkeypatch.setattr(TocTreeCollector, "assign_figure_numbers", lambda self, env: numbered.append(1) or original(self, env))

    def build() -> tuple[int, str]:
        numbered.clear()
        app = make_app(*app_params.args, **app_params.kwargs)
        app.build()
        return len(numbered), text_of(page(app, "index.html"))

    unpickled = []
    original_get = BuildEnvironment.get_doctree
    monkeypatch.setattr(BuildEnvironment, "get_doctree", lambda env, name: unpickled.append(name) or original_get(env, name))
    count, text = build()
    assert count == 1 and "The first table is Table 1, the second Table 2" in text
    # Numbering unpickled each page once, and the page's writer was handed that doctree.
    assert unpickled.count("index") == 1
    assert build()[0] == 0  # nothing read: the numbers stand
    tables = Path(app_params.kwargs["srcdir"]) / "tables.rst"
    first, second = ".. _table-one:", ".. _table-two:"
    source = tables.read_text(encoding="utf-8")
    tables.write_text(source.replace(first, "@@").replace(second, first).replace("@@", second), encoding="utf-8")
    count, text = build()
    assert count == 1 and "The first table is Table 2, the second Table 1" in text


# --- exercises: sphinx-exercise's record kept small --------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="exercises")
def test_exercises_record_titles_not_pages(app):
    import pickle

    app.build()
    text = text_of(page(app, "index.html"))
    assert "Solution to Exercise 1" in text and "What is six times seven?" in text
    registry = app.env.sphinx_exercise_registry
    assert set(registry) == {"ex-one", "sol-one"}
    recorded = pickle.dumps({label: entry for label, entry in registry.items() if label == "ex-one"})
    # The page's text stays in its doctree; the record keeps the node's class, attributes and title.
    assert b"A long page" not in recorded and b"six times seven" not in recorded
    assert registry["ex-one"]["node"].document is None and registry["ex-one"]["node"]["label"] == "ex-one"


def test_bibstyle_keeps_the_most_recently_used_entries_in_the_machine_cache(monkeypatch, tmp_path):
    import pickle

    from booktables.cache import CACHE_VARIABLE
    from booktables.sphinx import bibstyle

    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path))
    monkeypatch.setattr(bibstyle, "CACHE_ENTRIES", 2)
    monkeypatch.setattr(bibstyle, "FORMAT_CACHE", {"old": 1, "used": 2, "new": 3})
    monkeypatch.setattr(bibstyle, "PLAIN_CACHE", {})
    bibstyle.FORMAT_CACHE["used"] = bibstyle.FORMAT_CACHE.pop("used")  # as format_entry does on a hit
    bibstyle._save_cache(None, None)
    stamp, saved = pickle.loads((tmp_path / bibstyle.CACHE_FILE).read_bytes())
    assert stamp == bibstyle._cache_stamp() and saved["entries"] == {"new": 3, "used": 2}
    assert [p.name for p in tmp_path.iterdir()] == [bibstyle.CACHE_FILE]  # no partial file left
