"""Citation metadata in every page's <head>, for reference managers, search engines and link previews.

Everything comes from CITATION.cff (title, authors, version and date through
``citation.book_meta``; the abstract, keywords, licence and publisher read
here) and the page's own title, so no metadata is typed by hand:

* Highwire Press ``citation_*`` tags, as Zotero's "Embedded Metadata"
  translator and Google Scholar read them. Every page is a section of the book
  (``citation_inbook_title``), which Zotero saves as a book section;
* a schema.org JSON-LD record: a ``Chapter`` (pages under chapters/) or a
  ``WebPage`` (the others), each part of the ``Book``;
* OpenGraph tags: ``og:type`` "book" on the root page, "article" elsewhere.

Absolute addresses (``citation_public_url``, ``citation_pdf_url``, ``og:url``,
the JSON-LD "url") come only from ``html_baseurl``, the site's public address.
When it is empty no page carries one: an address is never guessed. The PDF
edition's address is ``book_pdf_path`` (a path under the site root, added here)
joined to it. Pages with no document (search, the general index) get nothing.

The tags depend on CITATION.cff, which Sphinx does not track: its digest is a
config value of the HTML output (``book_citation_digest``, set here, never by
hand), so an edited CITATION.cff rewrites every page, and re-reads none.
"""
from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from sphinx.util import logging

from ..contracts import CHAPTER_PREFIX
from .citation import BookMeta, book_meta
from .metadata import PARALLEL_SAFE

DEFAULT_LANGUAGE = "en"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookExtras:
    """What ``book_meta`` does not read from CITATION.cff."""
    abstract: str  # folded to one line; "" when CITATION.cff has none
    keywords: list[str]
    licence_urls: list[str]
    publisher: str  # "" when CITATION.cff names none
    authors: list[dict]  # schema.org Person or Organization, in CITATION.cff's order


@dataclass(frozen=True)
class Page:
    title: str
    chapter: bool  # under chapters/
    root: bool  # the book's first page
    url: str | None = None  # absolute, only when the public address is known
    pdf_url: str | None = None
    book_url: str | None = None  # the root page's absolute address


def licence_url(spdx: str) -> str:
    """The licence's own page for an SPDX identifier (Creative Commons' deed, else SPDX's page)."""
    spdx = spdx.strip()
    cc = re.fullmatch(r"CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)", spdx, flags=re.IGNORECASE)
    if cc:
        return f"https://creativecommons.org/licenses/{cc[1].lower()}/{cc[2]}/"
    zero = re.fullmatch(r"CC0-(\d\.\d)", spdx, flags=re.IGNORECASE)
    if zero:
        return f"https://creativecommons.org/publicdomain/zero/{zero[1]}/"
    return f"https://spdx.org/licenses/{spdx}.html"


def _schema_author(entry: dict) -> dict:
    if entry.get("name"):  # a CFF entity: a group, an institution
        return {"@type": "Organization", "name": str(entry["name"])}
    given = str(entry.get("given-names", "")).strip()
    family = " ".join(str(entry[k]) for k in ("name-particle", "family-names") if entry.get(k)).strip()
    person = {"@type": "Person", "name": " ".join(p for p in (given, family) if p)}
    if given:
        person["givenName"] = given
    if family:
        person["familyName"] = family
    return person


def book_extras(cff_path: Path) -> BookExtras:
    data = yaml.safe_load(Path(cff_path).read_text(encoding="utf-8"))
    licences = data.get("license") or []
    licences = [licences] if isinstance(licences, str) else list(licences)
    urls = [str(data["license-url"])] if data.get("license-url") else [licence_url(str(x)) for x in licences]
    # CFF has no top-level publisher: a publisher is named in the preferred citation.
    publisher = (data.get("preferred-citation") or {}).get("publisher") or {}
    publisher = publisher.get("name", "") if isinstance(publisher, dict) else str(publisher)
    return BookExtras(abstract=" ".join(str(data.get("abstract") or "").split()),
                      keywords=[str(k) for k in data.get("keywords") or []],
                      licence_urls=urls, publisher=str(publisher).strip(),
                      authors=[_schema_author(a) for a in data["authors"]])


def scholar_date(iso: str) -> str:
    """2026-11-22 as Google Scholar asks for it: 2026/11/22 (a bare year stays as it is)."""
    return iso.replace("-", "/") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) else iso


def highwire(meta: BookMeta, extras: BookExtras, page: Page, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    tags = [("citation_title", page.title), ("citation_inbook_title", meta.title)]
    # One tag per author, each written as CITATION.cff gives it ("Family, Given" or a group's name).
    tags += [("citation_author", author) for author in meta.authors]
    tags.append(("citation_publication_date", scholar_date(meta.date)))
    if extras.publisher:
        tags.append(("citation_publisher", extras.publisher))
    tags.append(("citation_language", language))
    if extras.keywords:
        tags.append(("citation_keywords", "; ".join(extras.keywords)))
    if page.url:
        tags.append(("citation_public_url", page.url))
    if page.pdf_url:
        tags.append(("citation_pdf_url", page.pdf_url))
    return tags


def opengraph(meta: BookMeta, extras: BookExtras, page: Page) -> list[tuple[str, str]]:
    tags = [("og:title", page.title), ("og:type", "book" if page.root else "article"), ("og:site_name", meta.title)]
    if extras.abstract:
        tags.append(("og:description", extras.abstract))
    if page.url:
        tags.append(("og:url", page.url))
    return tags


def json_ld(meta: BookMeta, extras: BookExtras, page: Page, language: str = DEFAULT_LANGUAGE) -> dict:
    book = {"@type": "Book", "name": meta.title, "version": meta.version}
    if extras.licence_urls:
        book["license"] = extras.licence_urls[0] if len(extras.licence_urls) == 1 else extras.licence_urls
    book["author"] = extras.authors
    book["datePublished"] = meta.date
    book["inLanguage"] = language
    if extras.abstract:
        book["description"] = extras.abstract
    if extras.keywords:
        book["keywords"] = extras.keywords
    if extras.publisher:
        book["publisher"] = {"@type": "Organization", "name": extras.publisher}
    if page.book_url:
        book["url"] = page.book_url
    record = {"@context": "https://schema.org", "@type": "Chapter" if page.chapter else "WebPage",
              "name": page.title, "isPartOf": book, "inLanguage": language,
              "author": extras.authors, "datePublished": meta.date}
    if page.url:
        record["url"] = page.url
    return record


def script_json(data: dict) -> str:
    """JSON for a <script> element: no "<" (so no "</script>" or "<!--"), no ">" or "&" either."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_markup(meta: BookMeta, extras: BookExtras, page: Page, language: str = DEFAULT_LANGUAGE) -> str:
    def tag(attribute: str, key: str, value: str) -> str:
        return f'<meta {attribute}="{html.escape(key, quote=True)}" content="{html.escape(value, quote=True)}" />'

    lines = [tag("name", k, v) for k, v in highwire(meta, extras, page, language)]
    lines += [tag("property", k, v) for k, v in opengraph(meta, extras, page)]
    lines.append(f'<script type="application/ld+json">{script_json(json_ld(meta, extras, page, language))}</script>')
    return "\n".join(lines) + "\n"


def public_base(config) -> str | None:
    """``html_baseurl`` when it is an absolute http(s) address, else None (then no page names one)."""
    base = (config.html_baseurl or "").strip()
    parts = urlsplit(base)
    return base if parts.scheme in ("http", "https") and parts.netloc else None


def _pdf_path(config) -> str:
    return (config.book_pdf_path or "").strip().lstrip("/")


def _read_config(app, config) -> None:
    cff = Path(app.confdir) / "CITATION.cff"
    config.book_citation_digest = hashlib.sha256(cff.read_bytes()).hexdigest() if cff.is_file() else ""
    if (config.html_baseurl or "").strip() and public_base(config) is None:
        logger.warning("html_baseurl %r is not an absolute http(s) address: pages carry no absolute URLs",
                       config.html_baseurl, type="booktables", subtype="metatags")
    if "://" in _pdf_path(config):
        logger.warning("book_pdf_path %r must be a path under the site root, not an address: no citation_pdf_url",
                       config.book_pdf_path, type="booktables", subtype="metatags")


def _page_title(app, pagename: str, context: dict) -> str:
    node = app.env.titles.get(pagename)
    if node is not None:
        return node.astext()
    # Sphinx's context title is HTML: drop its tags, then resolve its entities.
    return html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))


def page_of(app, pagename: str, title: str) -> Page:
    base = public_base(app.config)
    url = pdf_url = book_url = None
    if base:
        url = posixpath.join(base, app.builder.get_target_uri(pagename))
        book_url = posixpath.join(base, app.builder.get_target_uri(app.config.root_doc))
        pdf = _pdf_path(app.config)
        if pdf and "://" not in pdf:
            pdf_url = posixpath.join(base, pdf)
    return Page(title=title, chapter=pagename.startswith(CHAPTER_PREFIX), root=pagename == app.config.root_doc,
                url=url, pdf_url=pdf_url, book_url=book_url)


def _add_metatags(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or app.builder.name == "epub":  # search, genindex: not parts of the book; the
        return                                          # EPUB's own metadata is in its package file
    cff = Path(app.confdir) / "CITATION.cff"
    meta, extras = book_meta(cff), book_extras(cff)
    page = page_of(app, pagename, _page_title(app, pagename, context))
    language = app.config.language or DEFAULT_LANGUAGE
    context["metatags"] = (context.get("metatags") or "") + head_markup(meta, extras, page, language)


def setup(app) -> dict:
    app.add_config_value("book_pdf_path", "", "html", types=[str])
    app.add_config_value("book_citation_digest", "", "html", types=[str])
    app.connect("config-inited", _read_config)
    app.connect("html-page-context", _add_metatags)
    return dict(PARALLEL_SAFE)
