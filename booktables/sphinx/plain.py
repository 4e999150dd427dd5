"""A chapter's MyST Markdown as plain Markdown, for notebooks read outside the book.

Plain Jupyter shows MyST roles and directives as raw text (``{term}`…```,
``{cite:p}`…```, ``:::{admonition}``). The notebook download and the runnable
bundle carry this plain form instead: roles become their text (a glued value,
"Figure 3.1", a chapter's title, "(Kuzio, 2021)"), admonitions and exercises
become quoted blocks with a bold title, web-only blocks are kept and
print-only blocks dropped. What a role points to comes from the build
(``Resolver``), so the text says what the web page says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ROLE = re.compile(r"\{(?P<name>[a-z][\w:-]*)\}`(?P<body>[^`]*)`")
TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<args>.*)$")
OPTION = re.compile(r"^:[\w-]+:.*$")
LABEL_LINE = re.compile(r"^\([\w-]+\)=\s*$")
# Directives whose body is shown as a quoted block with a bold title.
BOXES = {"admonition": "", "note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
         "seealso": "See also", "topic": "", "dropdown": "", "exercise": "Exercise", "solution": "Solution"}


@dataclass
class Resolver:
    """What the build knows about the targets of a page's roles."""
    glue: dict[str, str] = field(default_factory=dict)      # glue name -> its text
    numbers: dict[str, str] = field(default_factory=dict)   # figure label -> "Figure 3.1"
    titles: dict[str, str] = field(default_factory=dict)    # label or document -> its title
    citations: dict[str, tuple[str, str]] = field(default_factory=dict)  # bib key -> (short author, year)

    def cite(self, keys: str, textual: bool) -> str:
        parts = []
        for key in (k.strip() for k in keys.split(",") if k.strip()):
            author, year = self.citations.get(key, (key, ""))
            parts.append(f"{author} ({year})" if textual else f"{author}, {year}".rstrip(", "))
        return "; ".join(parts) if textual else "(" + "; ".join(parts) + ")"


def _split_target(body: str) -> tuple[str | None, str]:
    match = TARGET.match(body.strip())
    return (match["text"], match["target"].strip()) if match else (None, body.strip())


def _document_key(target: str) -> str:
    return target.strip().lstrip("/").removesuffix(".md").split("/")[-1]


def role_text(name: str, body: str, resolver: Resolver) -> str:
    text, target = _split_target(body)
    if name == "glue:text" or name == "glue":
        return resolver.glue.get(target.split(":")[0], target)
    if name == "numref":
        number = resolver.numbers.get(target, "the figure")
        return text.replace("%s", number.split()[-1]) if text else number
    if name in ("ref", "doc"):
        key = _document_key(target) if name == "doc" else target
        return text or resolver.titles.get(key, key)
    if name in ("cite:p", "cite:ps", "cite"):
        return resolver.cite(target, textual=False)
    if name in ("cite:t", "cite:ts"):
        return resolver.cite(target, textual=True)
    return text or target  # term, abbr and the rest: the words on the page


def roles(text: str, resolver: Resolver) -> str:
    return ROLE.sub(lambda m: role_text(m["name"], m["body"], resolver), text)


def _quoted(title: str, body: list[str]) -> list[str]:
    lines = [f"> **{title}**", ">"] if title else []
    lines += [f"> {line}".rstrip() for line in body]
    return lines


def directives(lines: list[str]) -> list[str]:
    """Fenced directives unwrapped, innermost first (a fence closes on the same marker)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        fence, name, args = match["fence"], match["name"], match["args"].strip()
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            j += 1
        body = lines[i + 1:j]
        while body and (OPTION.match(body[0]) or (not body[0].strip() and len(body) > 1 and OPTION.match(body[1]))):
            body = body[1:]
        body = directives(body)
        while body and not body[0].strip():
            body = body[1:]
        if name == "only":
            out += body if "html" in args else []
        elif name in BOXES:
            title = BOXES[name] or args
            if name in ("exercise", "solution") and args and not re.fullmatch(r"[\w-]+", args):
                title = f"{BOXES[name]}: {args}"
            out += _quoted(title, body)
        elif name in ("glue:figure", "glue", "figure", "image", "bibliography", "toctree"):
            pass  # a glued figure is the output of a code cell the notebook already has
        else:
            out += body
        i = j + 1
    return out


def plain_markdown(source: str, resolver: Resolver) -> str:
    lines = [line for line in source.splitlines() if not LABEL_LINE.match(line)]
    text = "\n".join(directives(lines))
    text = re.sub(r"\n{3,}", "\n\n", roles(text, resolver))
    return text.strip("\n")
