"""`make lab`: the chapters open as notebooks (jupytext) and, run top to
bottom in a fresh kernel, draw the same charts with no network."""

import jupytext
import pytest
from nbclient import NotebookClient

from conftest import ROOT


def test_jupyterlab_and_jupytext_are_installed():
    import jupyterlab  # noqa: F401
    settings = ROOT / ".jupyter/lab/user-settings/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
    assert "Jupytext Notebook" in settings.read_text()


@pytest.mark.build
@pytest.mark.parametrize("chapter", ["background"])
def test_running_a_chapter_in_jupyter_draws_its_charts_offline(chapter, monkeypatch):
    monkeypatch.setenv("BOOK_RENDERER", "inline")
    nb = jupytext.read(ROOT / "chapters" / f"{chapter}.md")
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "chapters")}}).execute()
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
            for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    charts = [h for h in html if "vegaEmbed" in h]
    assert len(charts) >= 2
    for h in charts:
        assert "cdn.jsdelivr" not in h and "https://" not in h.split("<script", 1)[0]
        assert "window.vegaEmbed" in h or "vegaEmbed=" in h.replace(" ", "")  # the bundle is inlined
