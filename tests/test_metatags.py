"""booktables.sphinx.metatags: citation metadata in every page's <head>, on the tiny project tests/roots/test-metatags.

The project has a root page, one chapter (chapters/one) and one other page
whose title tries to close a script element. Its CITATION.cff, trimmed from
the book's, names a person and a group. Tests that need another configuration
build their own copy (``srcdir``). No test builds the book.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from booktables.sphinx import metatags
from booktables.sphinx.citation import book_meta
from booktables.sphinx.metadata import PARALLEL_SAFE
from conftest import ROOT

pytestmark = pytest.mark.extension

BOOK = "The Second Karabakh War and Turkish–Russian Relations: A Comparative Analysis of Sources"
ABSTRACT = ("An open, executable book that reads the Second Karabakh War (27 September – 10 November 2020) "
            "in the context of Turkish–Russian relations.")
CHAPTER = "The First Chapter"
NASTY = 'Notes </script><b>bold</b> & "quoted"'
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
AUTHORS = [{"@type": "Person", "name": "Leyla Aliyeva", "givenName": "Leyla", "familyName": "Aliyeva"},
           {"@type": "Organization", "name": "The book's editors and contributors"}]
PUBLIC = {"html_baseurl": "https://example.org/book/", "book_pdf_path": "_static/book.pdf"}
URL_KEYS = {"citation_public_url", "citation_pdf_url", "og:url"}


def soup_of(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def highwire(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(m["name"], m["content"]) for m in soup.head.find_all("meta", attrs={"name": re.compile("^citation_")})]


def opengraph(soup: BeautifulSoup) -> dict[str, str]:
    tags = soup.head.find_all("meta", attrs={"property": re.compile("^og:")})
    assert len(tags) == len({m["property"] for m in tags}), "an OpenGraph property given twice"
    return {m["property"]: m["content"] for m in tags}


def json_ld(soup: BeautifulSoup) -> dict:
    scripts = soup.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1 and scripts[0].parent.name == "head"
    return json.loads(scripts[0].string)


def keys_of(data) -> set[str]:
    """Every key in a JSON value, at any depth."""
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in keys_of(v)}
    if isinstance(data, list):
        return {k for v in data for k in keys_of(v)}
    return set()


def book_record(url: str | None = None) -> dict:
    book = {"@type": "Book", "name": BOOK, "version": "0.1.0", "license": CC_BY, "author": AUTHORS,
            "datePublished": "2026-11-22", "inLanguage": "en", "description": ABSTRACT,
            "keywords": ["Nagorno-Karabakh", "Turkey", "Russia"]}
    return {**book, "url": url} if url else book


def expected_highwire(title: str, url: str | None = None, pdf: str | None = None) -> list[tuple[str, str]]:
    tags = [("citation_title", title), ("citation_inbook_title", BOOK),
            ("citation_author", "Aliyeva, Leyla"), ("citation_author", "The book's editors and contributors"),
            ("citation_publication_date", "2026/11/22"), ("citation_language", "en"),
            ("citation_keywords", "Nagorno-Karabakh; Turkey; Russia")]
    return tags + ([("citation_public_url", url)] if url else []) + ([("citation_pdf_url", pdf)] if pdf else [])


# --- the default project: no public address ----------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="metatags")
def test_metatags_a_chapter_is_a_section_of_the_book(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert book_meta(Path(app.srcdir) / "CITATION.cff").authors == ["Aliyeva, Leyla", "The book's editors and contributors"]
    soup = soup_of(app, "chapters/one.html")
    # Every field, in order, once each: one citation_author per author (the group as one, as written),
    # no citation_publisher (CITATION.cff names none), no address (html_baseurl is empty).
    assert highwire(soup) == expected_highwire(CHAPTER)
    assert opengraph(soup) == {"og:title": CHAPTER, "og:type": "article", "og:site_name": BOOK, "og:description": ABSTRACT}
    assert json_ld(soup) == {"@context": "https://schema.org", "@type": "Chapter", "name": CHAPTER,
                             "isPartOf": book_record(), "inLanguage": "en", "author": AUTHORS,
                             "datePublished": "2026-11-22"}


@pytest.mark.sphinx("html", testroot="metatags")
def test_metatags_the_other_pages_are_parts_of_the_book_too(app):
    app.build()
    for name, title, og_type in (("index.html", "The Front Page", "book"), ("other.html", NASTY, "article")):
        soup = soup_of(app, name)
        assert highwire(soup) == expected_highwire(title), name
        assert opengraph(soup) == {"og:title": title, "og:type": og_type, "og:site_name": BOOK,
                                   "og:description": ABSTRACT}, name
        record = json_ld(soup)
        assert record["@type"] == "WebPage" and record["name"] == title, name
        assert record["isPartOf"] == book_record(), name


@pytest.mark.sphinx("html", testroot="metatags")
def test_metatags_no_absolute_address_without_html_baseurl(app):
    app.build()
    for name in ("index.html", "chapters/one.html", "other.html"):
        soup = soup_of(app, name)
        assert not URL_KEYS & ({k for k, _ in highwire(soup)} | set(opengraph(soup))), name
        assert "url" not in keys_of(json_ld(soup)), name
        # The only addresses in the tags are the vocabulary's and the licence's: none of the site's.
        ours = [m["content"] for m in soup.head.find_all("meta", attrs={"name": re.compile("^citation_")})]
        ours += list(opengraph(soup).values())
        ours.append(soup.head.find("script", attrs={"type": "application/ld+json"}).string)
        addresses = {a for text in ours for a in re.findall(r"[a-z]+://[^\s\"'<>]+", text)}
        assert addresses <= {"https://schema.org", CC_BY}, (name, addresses)
        assert soup.head.find("link", rel="canonical") is None


@pytest.mark.sphinx("html", testroot="metatags")
def test_metatags_a_title_cannot_break_out_of_the_script_element(app):
    app.build()
    markup = (Path(app.outdir) / "other.html").read_text(encoding="utf-8")
    start = markup.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    raw = markup[start:markup.index("</script>", start)]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["name"] == NASTY

    soup = soup_of(app, "other.html")
    # The title reaches every field as text, and no markup of it becomes an element.
    assert dict(highwire(soup))["citation_title"] == NASTY and opengraph(soup)["og:title"] == NASTY
    assert soup.find_all("b") == []
    assert "</script><b>" not in markup
    # Attribute values escape quotes too, so none can end its attribute early.
    assert 'content="Notes &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"' in markup
    # The head's elements are the theme's plus ours: the script element closed where ours ends.
    script = soup.head.find("script", attrs={"type": "application/ld+json"})
    assert script.string == raw


@pytest.mark.sphinx("html", testroot="metatags")
def test_metatags_pages_without_a_document_get_none(app):
    app.build()
    for name in ("search.html", "genindex.html"):
        soup = soup_of(app, name)
        assert highwire(soup) == [] and opengraph(soup) == {}, name
        assert soup.find("script", attrs={"type": "application/ld+json"}) is None, name


# --- with a public address ---------------------------------------------------------------------------------------

@pytest.mark.sphinx("html", testroot="metatags", srcdir="metatags-public", confoverrides=PUBLIC)
def test_metatags_public_and_pdf_addresses_from_html_baseurl(app, warning):
    app.build()
    assert warning.getvalue() == ""
    pdf = "https://example.org/book/_static/book.pdf"
    home = "https://example.org/book/index.html"
    for name, title in (("chapters/one.html", CHAPTER), ("index.html", "The Front Page"), ("other.html", NASTY)):
        soup = soup_of(app, name)
        url = f"https://example.org/book/{name}"
        assert highwire(soup) == expected_highwire(title, url, pdf), name
        assert opengraph(soup)["og:url"] == url, name
        record = json_ld(soup)
        assert record["url"] == url and record["isPartOf"] == book_record(home), name
        # The same address as Sphinx's own canonical link.
        assert soup.head.find("link", rel="canonical")["href"] == url, name


@pytest.mark.sphinx("html", testroot="metatags", srcdir="metatags-no-pdf",
                    confoverrides={"html_baseurl": "https://example.org/book"})
def test_metatags_no_pdf_address_without_book_pdf_path(app):
    app.build()
    soup = soup_of(app, "chapters/one.html")
    url = "https://example.org/book/chapters/one.html"
    assert highwire(soup) == expected_highwire(CHAPTER, url)
    assert opengraph(soup)["og:url"] == json_ld(soup)["url"] == url


@pytest.mark.sphinx("html", testroot="metatags", srcdir="metatags-relative",
                    confoverrides={"html_baseurl": "/book/", "book_pdf_path": "_static/book.pdf"})
def test_metatags_a_relative_html_baseurl_is_not_an_address(app, warning):
    app.build()
    assert "html_baseurl '/book/' is not an absolute http(s) address" in warning.getvalue()
    soup = soup_of(app, "chapters/one.html")
    assert highwire(soup) == expected_highwire(CHAPTER)
    assert "og:url" not in opengraph(soup) and "url" not in keys_of(json_ld(soup))


# Sphinx writes three pages in parallel (it reads in parallel only from six); the tags are made at write time.
@pytest.mark.sphinx("html", testroot="metatags", srcdir="metatags-parallel", parallel=2, confoverrides=PUBLIC)
def test_metatags_in_a_parallel_write(app, warning):
    app.build()
    assert warning.getvalue() == ""
    extension = app.extensions["booktables.sphinx.metatags"]
    assert (extension.version, extension.parallel_read_safe, extension.parallel_write_safe) == (
        PARALLEL_SAFE["version"], True, True)
    for name in ("index.html", "chapters/one.html", "other.html"):
        assert dict(highwire(soup_of(app, name)))["citation_public_url"] == f"https://example.org/book/{name}"


@pytest.mark.sphinx("html", testroot="metatags", srcdir="metatags-book-theme",
                    confoverrides={**PUBLIC, "html_theme": "sphinx_book_theme"})
def test_metatags_the_books_theme_prints_them(app):
    app.build()
    soup = soup_of(app, "chapters/one.html")
    url = "https://example.org/book/chapters/one.html"
    assert highwire(soup) == expected_highwire(CHAPTER, url, "https://example.org/book/_static/book.pdf")
    assert opengraph(soup)["og:url"] == json_ld(soup)["url"] == url


def test_metatags_an_edited_citation_cff_rewrites_every_page_without_reading_any(make_app, sphinx_test_tempdir, rootdir):
    srcdir = Path(sphinx_test_tempdir) / "metatags-edited"
    shutil.copytree(rootdir / "test-metatags", srcdir)
    make_app("html", srcdir=srcdir).build()
    cff = srcdir / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("  - Russia\n", "  - Russia\n  - South Caucasus\n"),
                   encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    read = []
    app.connect("source-read", lambda _app, docname, _source: read.append(docname))
    app.build()
    assert read == []
    for name in ("index.html", "chapters/one.html", "other.html"):
        assert dict(highwire(soup_of(app, name)))["citation_keywords"] == "Nagorno-Karabakh; Turkey; Russia; South Caucasus"


# --- CITATION.cff's other fields, and the part's cost ------------------------------------------------------------

def test_metatags_reads_publisher_and_licences_from_citation_cff(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text((Path(__file__).parent / "roots" / "test-metatags" / "CITATION.cff").read_text(encoding="utf-8")
                   .replace("license: CC-BY-4.0\n", "license: [CC0-1.0, MIT]\n")
                   + "preferred-citation:\n  type: book\n  title: A book\n  authors:\n    - name: Someone\n"
                     "  publisher:\n    name: An Open Press\n", encoding="utf-8")
    extras = metatags.book_extras(cff)
    assert extras.publisher == "An Open Press"
    assert extras.licence_urls == ["https://creativecommons.org/publicdomain/zero/1.0/", "https://spdx.org/licenses/MIT.html"]
    page = metatags.Page(title=CHAPTER, chapter=True, root=False)
    tags = metatags.highwire(book_meta(cff), extras, page)
    assert tags[tags.index(("citation_publication_date", "2026/11/22")) + 1] == ("citation_publisher", "An Open Press")
    record = metatags.json_ld(book_meta(cff), extras, page)
    assert record["isPartOf"]["publisher"] == {"@type": "Organization", "name": "An Open Press"}
    assert record["isPartOf"]["license"] == extras.licence_urls

    assert metatags.licence_url("CC-BY-SA-4.0") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert metatags.licence_url("CC-BY-NC-ND-4.0") == "https://creativecommons.org/licenses/by-nc-nd/4.0/"


def test_metatags_the_books_own_citation_cff():
    extras = metatags.book_extras(ROOT / "CITATION.cff")
    assert extras.licence_urls == [CC_BY] and extras.publisher == ""
    assert extras.authors == [{"@type": "Organization", "name": "The book's editors and contributors"}]
    assert extras.abstract and "\n" not in extras.abstract and "  " not in extras.abstract
    assert extras.keywords and all(extras.keywords)
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", metatags.scholar_date(book_meta(ROOT / "CITATION.cff").date))


def test_metatags_imports_neither_pandas_nor_frictionless():
    code = "import booktables.sphinx.metatags, sys; print('\\n'.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.split())
    assert "booktables.sphinx.metatags" in loaded and not {"pandas", "frictionless"} & loaded
