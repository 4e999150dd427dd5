"""Every chapter teaches: it opens with its questions and objectives, closes with
a summary, and sets at least three exercises, one of them hands-on, each with a
solution that is hidden on the web page and left out of the PDF. The hands-on
solutions run against the book's own data."""
import re
from pathlib import Path

import pytest

from conftest import ROOT, chapter_pages

CHAPTERS = [ROOT / f"{page}.md" for page in chapter_pages()]
OBJECTIVES = re.compile(r":::\{admonition\} Questions and objectives\n:class: objectives\n(.*?)\n:::", re.S)
EXERCISE = re.compile(r"^:::\{exercise\}[^\n]*\n:label: (ex-[a-z0-9-]+)\n(.*?)^:::$", re.S | re.M)
SOLUTION = re.compile(r"^::::\{only\} html and not epub\n:::\{solution\} (ex-[a-z0-9-]+)\n:class: dropdown\n(.*?)^:::\n::::$",
                      re.S | re.M)
PYTHON = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def preamble(source: str) -> str:
    """The chapter's first code cell: what a reader's notebook has run before any exercise."""
    return re.search(r"```\{code-cell\} ipython3\n(?::tags:[^\n]*\n)?(.*?)```", source, re.S).group(1)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_opens_with_its_questions_and_objectives(path):
    source = text(path)
    found = OBJECTIVES.search(source)
    assert found, "no 'Questions and objectives' admonition"
    body = found.group(1)
    assert "By the end of this chapter you will be able to" in body
    assert len(re.findall(r"^- ", body, re.M)) >= 3, "fewer than three objectives"
    # It opens the chapter: before the first section.
    assert found.start() < source.index("\n## ")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_closes_with_a_summary_then_exercises(path):
    headings = [h for h in re.findall(r"^## (.+)$", text(path), re.M) if h != "References"]
    assert headings[-2:] == ["Summary", "Exercises"], headings[-3:]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_has_three_exercises_each_with_a_hidden_web_only_solution(path):
    source = text(path)
    exercises = dict(EXERCISE.findall(source))
    solutions = dict(SOLUTION.findall(source))
    assert len(exercises) >= 3, f"{len(exercises)} exercises"
    assert set(solutions) == set(exercises), "every exercise needs exactly one solution, and no solution is orphaned"
    assert all(label.startswith(f"ex-{path.stem}-") for label in exercises)
    # No solution outside the web-only block: a bare one would print in the PDF and the EPUB.
    assert source.count(":::{solution}") == len(solutions)
    assert all(len(body.split()) >= 25 for body in solutions.values()), "a model answer is too thin"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_has_a_hands_on_exercise_whose_solution_runs(path, monkeypatch):
    source = text(path)
    blocks = [code for body in dict(SOLUTION.findall(source)).values() for code in PYTHON.findall(body)]
    assert blocks, "no hands-on exercise (a solution with a python block)"
    monkeypatch.chdir(path.parent)
    namespace: dict = {}
    exec(compile(preamble(source), f"{path.stem} preamble", "exec"), namespace)
    for number, code in enumerate(blocks, start=1):
        exec(compile(code, f"{path.stem} solution block {number}", "exec"), namespace)
