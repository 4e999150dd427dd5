"""The editions a reader downloads, assembled after the builds (``make book``).

``python -m booktables.editions`` puts four files in ``_build/html/editions/``
(names in ``contracts.EDITIONS``), where every page's download menu and the
Download page link them:

* the PDF (``make pdf``) and the EPUB (``make epub``), copied as built;
* the data package: ``datapackage.json`` with every CSV it describes beside
  it, as ``frictionless validate`` reads it;
* the runnable bundle: the chapters as plain notebooks (the portable copies the
  HTML build writes to ``_build/notebooks``), ``data/``, the ``booktables``
  package, the pinned ``requirements.txt`` and a README. A notebook at the
  bundle's top finds the package (``import booktables``) and ``data/`` beside it.

Both zips are byte-for-byte reproducible: fixed timestamps, sorted entries.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import zipfile
from pathlib import Path

from .contracts import EDITIONS, EDITIONS_DIR, NOTEBOOKS_DIR
from .data.paths import DESCRIPTOR, ROOT

FIXED_TIME = (2020, 11, 10, 0, 0, 0)  # zip entries carry no build time
BUNDLE_FOLDER = "karabakh-2020-notebooks"
SKIP = {"__pycache__", ".ipynb_checkpoints"}


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _write_zip(target: Path, files: dict[str, bytes]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(files):
            _add(archive, name, files[name])
    return target


def data_package_files(data_dir: Path) -> dict[str, bytes]:
    """datapackage.json and every file its resources name, at their relative paths."""
    descriptor = json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8"))
    files = {DESCRIPTOR: (data_dir / DESCRIPTOR).read_bytes()}
    for resource in descriptor["resources"]:
        for path in [resource["path"]] if isinstance(resource["path"], str) else resource["path"]:
            files[path] = (data_dir / path).read_bytes()
    return files


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    return {f"{prefix}/{path.relative_to(folder).as_posix()}": path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not SKIP & set(path.relative_to(folder).parts) and path.suffix != ".pyc"}


def bundle_readme(notebooks: list[str]) -> str:
    listed = "\n".join(f"- `{name}`" for name in notebooks)
    return f"""# The Second Karabakh War and Turkish–Russian Relations: the chapters as notebooks

Each chapter of the book as a Jupyter notebook, with the data it reads and the
small package (`booktables`) that loads, validates and charts the data. It runs
offline: the charts carry their own copy of the chart library.

## Run it

1. Unzip this folder and open a terminal in it.
2. Create a virtual environment and install the pinned packages (Python 3.11):

   ```
   python3 -m venv .venv
   . .venv/bin/activate          # Windows: .venv\\Scripts\\activate
   pip install -r requirements.txt
   ```

3. Start Jupyter in this folder and open any chapter:

   ```
   jupyter lab                   # or: jupyter notebook
   ```

Run a notebook from this folder: it finds `booktables/` and `data/` beside it.
To use the data from elsewhere, set `BOOK_DATA_DIR` to the path of `data/`.

## What is here

{listed}
- `data/`: the tables, with their schema (`datapackage.json`, a Frictionless Data Package)
- `booktables/`: the package the notebooks call (`from booktables import chapter as bk`)
- `requirements.txt`: the exact versions the book was built and tested with

The text is licensed CC BY 4.0 and the code MIT; cite the book as its
"Cite this chapter" blocks say.
"""


def bundle_files(notebooks_dir: Path, data_dir: Path) -> dict[str, bytes]:
    chapters = sorted((notebooks_dir / "chapters").glob("*.ipynb"))
    if not chapters:
        raise FileNotFoundError(f"no notebooks in {notebooks_dir / 'chapters'}: build the HTML edition first (make html)")
    files = {f"{BUNDLE_FOLDER}/{path.name}": path.read_bytes() for path in chapters}
    # The whole data folder: the tables the package describes, and the files beside
    # them that the charts read (the maps' geodata).
    files |= _tree(data_dir, f"{BUNDLE_FOLDER}/data")
    files |= _tree(ROOT / "booktables", f"{BUNDLE_FOLDER}/booktables")
    files[f"{BUNDLE_FOLDER}/requirements.txt"] = (ROOT / "requirements.txt").read_bytes()
    files[f"{BUNDLE_FOLDER}/README.md"] = bundle_readme([p.name for p in chapters]).encode("utf-8")
    for name in ("LICENSE", "LICENSE-TEXT.md", "CITATION.cff"):
        if (ROOT / name).is_file():
            files[f"{BUNDLE_FOLDER}/{name}"] = (ROOT / name).read_bytes()
    return files


def publish(build_dir: Path, data_dir: Path, need: tuple[str, ...] = tuple(EDITIONS)) -> dict[str, Path]:
    """Assemble the editions into build_dir/html/editions; a missing one fails with what to run."""
    target = build_dir / "html" / EDITIONS_DIR
    made = {}
    if "data" in need:
        made["data"] = _write_zip(target / EDITIONS["data"], data_package_files(data_dir))
    if "notebooks" in need:
        made["notebooks"] = _write_zip(target / EDITIONS["notebooks"], bundle_files(build_dir / NOTEBOOKS_DIR, data_dir))
    built = {"pdf": (build_dir / "latex" / "book.pdf", "make pdf"),
             "epub": (build_dir / "epub" / EDITIONS["epub"], "make epub")}
    for key, (source, command) in built.items():
        if key in need:
            if not source.is_file():
                raise FileNotFoundError(f"{source} is missing: run `{command}` first")
            made[key] = target / EDITIONS[key]
            shutil.copyfile(source, made[key])
    return made


def main(argv: list[str] | None = None) -> int:
    from .data.paths import DATA_DIR

    parser = argparse.ArgumentParser(prog="python -m booktables.editions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "_build")
    parser.add_argument("--only", nargs="*", choices=sorted(EDITIONS), help="assemble only these editions")
    args = parser.parse_args(argv)
    try:
        made = publish(args.build_dir, DATA_DIR, tuple(args.only or EDITIONS))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    for key, path in made.items():
        print(f"{key:<10} {path.stat().st_size / 1024:>8.0f} KB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
