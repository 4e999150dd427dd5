"""Where the book's files live, so no module hard-codes a relative path."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("BOOK_DATA_DIR", ROOT / "data"))
DESCRIPTOR = "datapackage.json"
# The seed texts sit beside the repository (shared/seeds) in the editors'
# workspace and in CI; a reader's clone does not have them.
SEEDS_DIR = Path(os.environ.get("BOOK_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
