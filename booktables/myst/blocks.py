"""The MyST blocks every table and comparison is made of: the ``{table}``
directive, pipe tables, two-column list tables, the web-and-PDF switch and
the dropdown. Cells handed to these functions are already escaped."""
from __future__ import annotations

import re

from IPython.display import Markdown

from .text import escape

_SAFE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def table_directive(lines: list[str], caption: str | None = None, name: str | None = None,
                    widths: list[int] | None = None) -> str:
    """Pipe-table lines inside a ``{table}`` directive, numbered when captioned.

    ``widths`` are the columns' relative widths: LaTeX needs them, since left to
    itself it squeezes short columns (dates, names, counts) to a few letters.
    The ``longtable`` class lets a long table break across PDF pages.
    """
    columns = lines[1].count("---") if len(lines) > 1 else 0  # the rule row has no escaped pipes
    if widths is not None and len(widths) != columns:
        raise ValueError(f"{len(widths)} widths for {columns} columns")
    if name is not None and not _SAFE_NAME.match(name):
        raise ValueError(f"table name {name!r} must be lower-case letters, digits and hyphens")
    head = [":::{table}" + (" " + escape(caption) if caption else ""), ":class: longtable"]
    if name:
        head.append(f":name: {name}")
    if widths:
        head.append(":widths: " + " ".join(str(int(w)) for w in widths))
    return "\n".join(head + ["", *lines, ":::"])


def pipe_table(rows: list[list[str]], headers: list[str], caption: str | None = None,
               name: str | None = None, note: str = "", widths: list[int] | None = None) -> Markdown:
    """A pipe table of already escaped cells in a ``{table}`` directive;
    ``note`` (already MyST) is a paragraph under it."""
    lines = ["| " + " | ".join(escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    tail = ["", note] if note else []
    return Markdown("\n".join([table_directive(lines, caption, name, widths)] + tail))


def two_column_table(rows: list[tuple[str, str]], headers: tuple[str, str]) -> str:
    """A MyST list-table of already-escaped cells: the form a side-by-side
    comparison takes where grids cannot (the LaTeX/PDF edition). ``longtable``
    lets it break between rows across PDF pages instead of running off one."""
    out = ["```{list-table}", ":header-rows: 1", ":widths: 30 70", ":class: longtable", "",
           f"* - {headers[0]}", f"  - {headers[1]}"]
    for left, right in rows:
        for marker, cell in (("* - ", left), ("  - ", right)):
            lines = cell.split("\n")
            out.append(marker + lines[0])
            out += [f"    {line}" if line else "" for line in lines[1:]]
    out.append("```")
    return "\n".join(out)


def web_and_pdf(web: str, pdf: str, epub_takes_pdf: bool = False) -> str:
    """One block for the web page and another for the PDF. The ``only`` fences
    are one colon longer than any fence inside the web block. The EPUB is an
    HTML build and takes the web block, unless ``epub_takes_pdf``: a table made
    for a wide, scrolling screen reads better on an e-reader in its print form."""
    fence = ":" * (max((len(m) for m in re.findall(r"(?m)^:{3,}", web)), default=3) + 1)
    web_only, print_too = ("html and not epub", "latex or epub") if epub_takes_pdf else ("html", "latex")
    return "\n".join([f"{fence}{{only}} {web_only}", web, fence, "", f"{fence}{{only}} {print_too}", pdf, fence])


def cards_or_table(grid: str, rows: list[tuple[str, str]], headers: tuple[str, str]) -> Markdown:
    """Cards (a sphinx-design grid) on the web; the same rows as a two-column
    table in the PDF, where grids cannot be drawn."""
    return Markdown(web_and_pdf(grid, two_column_table(rows, headers)))


def dropdown_or_heading(title: str, body: list[str]) -> Markdown:
    """Already-escaped lines in a closed dropdown on the web, under a plain
    bold heading in the PDF."""
    web = ["::::{only} html", ":::{dropdown} " + escape(title), "", *body, ":::", "::::"]
    pdf = ["::::{only} latex", f"**{escape(title)}**", "", *body, "::::"]
    return Markdown("\n".join(web + [""] + pdf))
