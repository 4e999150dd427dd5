"""Typed pandas frames of the book's tables, loaded only after validation."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from pathlib import Path

import pandas as pd

from . import paths
from .cells import split_list

# Validated, typed frames are kept here between processes: every chapter's
# kernel loads the same data, and validating it (frictionless) cost each about
# 0.7 s. The key is the data's own bytes and the code that validates and types
# them, so an edited file or rule is always validated again.
CACHE_DIR = paths.ROOT / "_build" / ".data-cache"
_LOADER_CODE = [Path(__file__).with_name(name) for name in ("loading.py", "validation.py", "rules.py", "cells.py")]


class DataError(ValueError):
    """The data in data/ break a rule; the message lists every problem."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the book's data:\n{lines}")


def _stamp(data_dir: Path) -> tuple:
    """Changes whenever a file in data/ changes, so the cache never goes stale."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.iterdir()))


def _typed(frame: pd.DataFrame, resource: dict) -> pd.DataFrame:
    lists = set(resource.get("x-rules", {}).get("lists", []))
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field["type"]
        column = frame[name]
        if name in lists:
            frame[name] = column.map(split_list)
        elif kind == "date":
            frame[name] = pd.to_datetime(column.replace("", None), format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(column.replace("", None)).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column.replace("", None)).astype("Float64")
        elif kind == "boolean":
            frame[name] = column.map({"true": True, "false": False, "": pd.NA}).astype("boolean")
        else:
            frame[name] = column.replace("", None).astype("string")
    return frame


def _digest(data_dir: Path) -> str:
    """What the frames are made from: every file in data/, the loader's code, pandas."""
    h = hashlib.sha256(pd.__version__.encode())
    for path in sorted(p for p in data_dir.iterdir() if p.is_file()) + _LOADER_CODE:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _validated(data_dir: Path) -> dict[str, pd.DataFrame]:
    from .validation import validate  # frictionless: imported only when something must be validated

    problems = validate(data_dir)
    if problems:
        raise DataError(problems)
    descriptor = json.loads((data_dir / paths.DESCRIPTOR).read_text(encoding="utf-8"))
    frames = {}
    for res in descriptor["resources"]:
        raw = pd.read_csv(data_dir / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
        frames[res["name"]] = _typed(raw, res)
    return frames


@functools.lru_cache(maxsize=4)
def _load_all(data_dir: str, stamp: tuple) -> dict[str, pd.DataFrame]:
    cached = CACHE_DIR / f"{_digest(Path(data_dir))}.pickle"
    try:
        with cached.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError):
        pass
    frames = _validated(Path(data_dir))
    try:  # written whole, then moved in place: kernels load in parallel
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as f:
            pickle.dump(frames, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cached)
    except OSError:
        pass  # a read-only checkout still loads, validating each time
    return frames


def load_all(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every table, validated and typed, as {name: DataFrame} (copies)."""
    data_dir = Path(data_dir or paths.DATA_DIR)
    return {name: frame.copy() for name, frame in _load_all(str(data_dir), _stamp(data_dir)).items()}


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """One table by its name in datapackage.json, e.g. load("events")."""
    data_dir = Path(data_dir or paths.DATA_DIR)
    frames = _load_all(str(data_dir), _stamp(data_dir))
    if name not in frames:
        raise KeyError(f"no table {name!r} in {data_dir / paths.DESCRIPTOR}; tables: {', '.join(frames)}")
    return frames[name].copy()
