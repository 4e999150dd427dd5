"""Where the book's files live, so no module hard-codes a relative path."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_VARIABLE = "BOOK_DATA_DIR"
DESCRIPTOR = "datapackage.json"


def find_data_dir() -> Path:
    """The data package: BOOK_DATA_DIR if set; else data/ beside the package (the
    repository, the runnable bundle); else data/ in the current folder, that
    is, beside a notebook run from its own folder. Otherwise, a plain message."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE])
    for candidate in (ROOT / "data", Path.cwd() / "data", Path.cwd().parent / "data"):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    raise FileNotFoundError(
        f"The book's data were not found: no {DESCRIPTOR} in {ROOT / 'data'} or in a data/ folder beside this "
        f"notebook ({Path.cwd() / 'data'}). Put the book's data/ folder there, or set {DATA_VARIABLE} to its path.")


DATA_DIR = find_data_dir()
# The seed texts sit beside the repository (shared/seeds) in the editors'
# workspace and in CI; a reader's clone does not have them.
SEEDS_DIR = Path(os.environ.get("BOOK_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
