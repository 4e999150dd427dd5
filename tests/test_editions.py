"""The editions a reader takes away: every link on every page leads to a real
file of the right kind, the EPUB passes epubcheck, the data package passes
frictionless, and the runnable bundle runs in a fresh virtual environment."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from booktables import editions
from booktables.contracts import CHART_CLASS, EDITIONS, EDITIONS_DIR
from conftest import DATA, ROOT, toc_pages

MAGIC = {"pdf": b"%PDF-", "epub": b"PK\x03\x04", "notebooks": b"PK\x03\x04", "data": b"PK\x03\x04"}


# --- fast: what the editions hold --------------------------------------------------------------------------------

def test_the_data_package_zip_holds_the_descriptor_and_every_table_it_names(tmp_path):
    files = editions.data_package_files(DATA)
    descriptor = json.loads(files["datapackage.json"])
    assert set(files) == {"datapackage.json", *(r["path"] for r in descriptor["resources"])}
    first = editions._write_zip(tmp_path / "a.zip", files).read_bytes()
    assert editions._write_zip(tmp_path / "b.zip", files).read_bytes() == first  # reproducible


def test_the_bundle_needs_the_built_notebooks_and_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="make html"):
        editions.bundle_files(tmp_path, DATA)


def test_the_bundle_holds_notebooks_data_package_requirements_and_readme(tmp_path):
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "war.ipynb").write_text("{}", encoding="utf-8")
    files = editions.bundle_files(tmp_path, DATA)
    top = editions.BUNDLE_FOLDER
    assert {f"{top}/war.ipynb", f"{top}/requirements.txt", f"{top}/README.md", f"{top}/data/datapackage.json",
            f"{top}/booktables/chapter.py", f"{top}/booktables/data/paths.py"} <= set(files)
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in files)
    assert files[f"{top}/requirements.txt"] == (ROOT / "requirements.txt").read_bytes()
    assert "pip install -r requirements.txt" in files[f"{top}/README.md"].decode()


def test_publish_names_the_command_for_a_missing_edition(tmp_path):
    with pytest.raises(FileNotFoundError, match="make pdf"):
        editions.publish(tmp_path, DATA, need=("pdf",))


def test_the_pdf_address_in_the_metadata_is_the_pdf_edition():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["book_pdf_path"] == f"{EDITIONS_DIR}/{EDITIONS['pdf']}"


# --- the whole publication (make book) ---------------------------------------------------------------------------

def test_every_page_links_every_edition_and_each_file_is_the_right_kind(publication):
    html_dir = publication / "html"
    for key, name in EDITIONS.items():
        assert (html_dir / EDITIONS_DIR / name).read_bytes().startswith(MAGIC[key]), name
    for name in toc_pages():
        page = html_dir / f"{name}.html"
        markup = page.read_text(encoding="utf-8")
        links = dict(re.findall(r'<a href="([^"]*/?editions/[^"]+)" download="([^"]+)"', markup))
        assert set(links.values()) == set(EDITIONS.values()), name
        for href in links:
            assert (page.parent / href).resolve().is_file(), (name, href)
    epub = zipfile.ZipFile(html_dir / EDITIONS_DIR / EDITIONS["epub"])
    assert epub.read("mimetype") == b"application/epub+zip"


def test_the_epub_passes_epubcheck_with_no_scripts_and_charts_as_described_svg(publication):
    path = publication / "html" / EDITIONS_DIR / EDITIONS["epub"]
    result = subprocess.run(["java", "-jar", "/usr/share/java/epubcheck.jar", str(path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "0 fatals / 0 errors" in result.stdout + result.stderr, result.stdout[-3000:]
    with zipfile.ZipFile(path) as epub:
        pages = {n: epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml")}
        assert not [n for n in epub.namelist() if n.endswith(".js")]
    assert not [n for n, text in pages.items() if "<script" in text.replace('<script type="application/ld+json"', "")]
    war = next(text for name, text in pages.items() if name.endswith("chapters/war.xhtml"))
    images = re.findall(r'<img alt="([^"]+)" src="[^"]+\.svg"', war)
    assert len(images) >= 2 and all(len(alt) > 40 for alt in images)
    assert not [alt for alt in images if "&amp;#" in alt]  # an apostrophe is read as one, not as "&#x27;"
    # As in the PDF, the exercises' solutions are left to the web.
    assert "Solution to" not in war and "solutions to these exercises are in the web edition" in war
    # The e-reader's contents reach every chapter, and the package says what the book is.
    with zipfile.ZipFile(path) as epub:
        nav = epub.read("nav.xhtml").decode("utf-8")
        package = epub.read("content.opf").decode("utf-8")
    chapters = re.findall(r'<a href="chapters/(\w+)\.xhtml">', nav)
    assert set(chapters) >= {"background", "ceasefires", "war", "cooperation", "interpretations", "conclusion"}
    assert re.search(r'<dc:identifier id="(book-[0-9a-f-]{36})">\1<', package)
    assert ">unknown<" not in package and "CC BY 4.0" in package
    data_page = next(text for name, text in pages.items() if name.endswith("data.xhtml"))
    assert "table of the chart" not in data_page and 'href="explorer.xhtml#explorer"' in data_page


def test_the_data_package_passes_frictionless_as_it_is(publication, tmp_path):
    with zipfile.ZipFile(publication / "html" / EDITIONS_DIR / EDITIONS["data"]) as archive:
        archive.extractall(tmp_path)
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_runnable_bundle_runs_every_notebook_in_a_fresh_environment(publication, tmp_path):
    with zipfile.ZipFile(publication / "html" / EDITIONS_DIR / EDITIONS["notebooks"]) as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / editions.BUNDLE_FOLDER
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              "-r", "requirements.txt"], cwd=bundle, capture_output=True, text=True, timeout=1500)
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    notebooks = sorted(bundle.glob("*.ipynb"))
    assert len(notebooks) == 6
    runner = (
        "import sys, nbformat\n"
        "from nbclient import NotebookClient\n"
        "for path in sys.argv[1:]:\n"
        "    nb = nbformat.read(path, as_version=4)\n"
        "    NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': '.'}}).execute()\n"
        "    nbformat.write(nb, path)\n"
    )
    # A plain Jupyter run: nothing of the book's build in the environment.
    env = {"PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run([str(python), "-c", runner, *map(str, notebooks)], cwd=bundle, env=env,
                         capture_output=True, text=True, timeout=3000)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        charts = [o["data"] for c in nb["cells"] for o in c.get("outputs", [])
                  if CHART_CLASS in "".join(o.get("data", {}).get("text/html", ""))]
        assert len(charts) >= 2, path.name
        for data in charts:
            markup = "".join(data["text/html"])
            assert "vegaEmbed" in markup and "image/svg+xml" in data  # the library travels with the chart
            assert not re.search(r'<script[^>]+src="https?:', markup)
        markdown = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert not re.search(r"\{(term|cite:p|cite:t|numref|glue:text|doc|ref)\}`", markdown), path.name
        assert ":::{" not in markdown and "```{" not in markdown, path.name
