"""booktables.sphinx.downloads and the plain notebooks: every edition on every
page's menu, links that save their file, and MyST written out for plain Jupyter."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from booktables.contracts import EDITIONS
from booktables.sphinx.downloads import save_not_open
from booktables.sphinx.plain import Resolver, plain_markdown


def _page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="downloads")
def test_every_page_offers_every_edition_and_its_links_save_the_file(app):
    app.build()
    for name, prefix in (("index.html", ""), ("sub/page.html", "../")):
        markup = _page(app, name)
        for filename in EDITIONS.values():
            assert f'<a href="{prefix}editions/{filename}" download="{filename}"' in markup, (name, filename)
        assert "window.print()" not in markup  # the browser's "print to PDF" gives way to the PDF edition
        assert re.search(rf'href="{prefix}downloads\.html"', markup)
    listing = _page(app, "downloads.html")
    assert listing.count('class="reference download book-edition"') == len(EDITIONS) + 1
    assert 'href="editions/karabakh-2020-data.zip" download="karabakh-2020-data.zip"' in listing


@pytest.mark.sphinx("latex", testroot="downloads", srcdir="downloads-latex")
def test_the_pdf_names_the_files_it_cannot_link(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxcode{karabakh-2020-data.zip}" in tex.replace(r"\sphinxhyphen{}", "-")
    assert "editions/" not in tex


@pytest.mark.sphinx("html", testroot="downloads", srcdir="downloads-unknown")
def test_an_unknown_edition_is_an_error(make_app, app_params):
    app = make_app(*app_params.args, **app_params.kwargs)
    (Path(app.srcdir) / "downloads.rst").write_text("Downloads\n=========\n\n.. book-editions:: poster\n", encoding="utf-8")
    app.build()
    assert "unknown edition(s) ['poster']" in app.warning.getvalue()


def test_download_links_name_their_file_and_open_no_tab():
    theme = ('<a href="../_sources/chapters/war.ipynb" target="_blank"\n'
             '   class="btn btn-sm btn-download-notebook-button dropdown-item"')
    assert save_not_open(theme) == ('<a href="../_sources/chapters/war.ipynb" download="war.ipynb"\n'
                                    '   class="btn btn-sm btn-download-notebook-button dropdown-item"')
    other = '<a href="https://example.org" target="_blank"\n   class="btn btn-sm btn-source-repository-button"'
    assert save_not_open(other) == other


RESOLVER = Resolver(glue={"truces": "3", "name": "Shusha"}, numbers={"fig-war": "Fig. 6"},
                    titles={"ceasefires": "The 1991–94 ceasefires", "corpus-balance": "The sources and their imbalance"},
                    citations={"Kuzio_2021": ("Kuzio", "2021"), "EDM_2020": ("Eurasia Daily Monitor", "2020")})


@pytest.mark.parametrize("myst, plain", [
    ("{glue:text}`truces` truces", "3 truces"),
    ("the {term}`line of contact <Line of contact>`", "the line of contact"),
    ("see {numref}`fig-war`", "see Fig. 6"),
    ("see {doc}`ceasefires` and {ref}`corpus-balance`", "see The 1991–94 ceasefires and The sources and their imbalance"),
    ("{ref}`the note <corpus-balance>`", "the note"),
    ("as argued {cite:p}`Kuzio_2021,EDM_2020`", "as argued (Kuzio, 2021; Eurasia Daily Monitor, 2020)"),
    ("{cite:t}`Kuzio_2021` says", "Kuzio (2021) says"),
    ("(war)=\n# The war", "# The war"),
])
def test_roles_become_the_words_the_web_page_shows(myst, plain):
    assert plain_markdown(myst, RESOLVER) == plain


def test_directives_become_quoted_blocks_and_print_only_text_goes():
    myst = "\n".join([
        ":::{admonition} Questions and objectives", ":class: objectives", "", "What happened?", ":::", "",
        "```{only} latex", "The solutions are on the web.", "```", "",
        "::::{only} html", ":::{solution} ex-war-1", ":class: dropdown", "", "Three truces.", ":::", "::::", "",
        ":::{exercise} Redraw the timeline", ":label: ex-1", "", "Redraw it.", ":::",
    ])
    assert plain_markdown(myst, RESOLVER) == "\n".join([
        "> **Questions and objectives**", ">", "> What happened?", "",
        "> **Solution**", ">", "> Three truces.", "",
        "> **Exercise: Redraw the timeline**", ">", "> Redraw it.",
    ])
