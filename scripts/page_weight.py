"""What a reader's first visit to one page of the built site fetches.

The page's HTML and every local file it loads (scripts, style sheets, images,
preloads), counted raw and gzipped as a static host serves them (level 6, the
common default). ``make bench`` prints these figures; run it alone on a built
site with ``python scripts/page_weight.py _build/html``.
"""
from __future__ import annotations

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

TARGETS_KB = {"page with charts": 500, "page without charts": 200}
CHART_MARKER = 'class="book-chart"'


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "img" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and ({"stylesheet", "preload", "icon"} & set((a.get("rel") or "").split())):
            self.urls.append(a["href"])


def local_resources(page: Path, html_dir: Path) -> list[Path]:
    """The site's own files the page loads, each once (links elsewhere are not fetched offline)."""
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    files: list[Path] = []
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or parts.path.startswith("data:"):
            continue
        path = (page.parent / parts.path).resolve()
        if path.is_file() and path.is_relative_to(html_dir.resolve()) and path not in files:
            files.append(path)
    return files


def weight(page: Path, html_dir: Path) -> tuple[int, int]:
    """(raw bytes, gzipped bytes) of the page and everything it loads."""
    raw = zipped = 0
    for path in [page, *local_resources(page, html_dir)]:
        data = path.read_bytes()
        raw += len(data)
        zipped += len(gzip.compress(data, compresslevel=6, mtime=0))
    return raw, zipped


def heaviest(html_dir: Path) -> dict[str, tuple[str, int, int]]:
    """For pages with charts and pages without: the heaviest first visit (page, raw, gzipped)."""
    found: dict[str, tuple[str, int, int]] = {}
    for page in html_dir.rglob("*.html"):
        label = "page with charts" if CHART_MARKER in page.read_text(encoding="utf-8") else "page without charts"
        raw, zipped = weight(page, html_dir)
        if zipped > found.get(label, ("", 0, 0))[2]:
            found[label] = (page.relative_to(html_dir).as_posix(), raw, zipped)
    return found


def report(html_dir: Path) -> list[str]:
    return [f"{'first visit, heaviest ' + label:<40} {zipped / 1024:>6.0f} KB gzipped "
            f"({raw / 1024:.0f} KB raw; {name}; target <= {TARGETS_KB[label]} KB gzipped)"
            for label, (name, raw, zipped) in sorted(heaviest(html_dir).items())]


if __name__ == "__main__":
    print("\n".join(report(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html"))))
