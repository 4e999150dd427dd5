"""The build needs no network, and two clean builds give byte-identical HTML.

Files allowed to differ between two clean builds: none. (Sphinx's .buildinfo
and the notebooks' execution timestamps would; the first holds only config
hashes that match, the second are stripped from the downloadable notebooks.)
"""
import filecmp
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_command

ALLOWED_TO_DIFFER: set[str] = set()


def jb_build(out: Path, offline: bool) -> subprocess.CompletedProcess:
    command = shlex.join(build_command(ROOT, out))
    if offline:
        # A new network namespace has only a loopback, which the kernels need.
        command = f"unshare -n sh -c \"ip link set lo up && {command}\""
    return subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=900)


def can_unshare() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-n", "true"], capture_output=True).returncode == 0


def differing(a: Path, b: Path) -> list[str]:
    out = []
    for left in sorted(a.rglob("*")):
        rel = left.relative_to(a)
        right = b / rel
        if left.is_file() and (not right.is_file() or not filecmp.cmp(left, right, shallow=False)):
            out.append(str(rel))
    out += [str(p.relative_to(b)) for p in b.rglob("*") if p.is_file() and not (a / p.relative_to(b)).exists()]
    return out


@pytest.fixture(scope="module")
def two_clean_builds(tmp_path_factory):
    first, second = tmp_path_factory.mktemp("clean1"), tmp_path_factory.mktemp("clean2")
    offline = can_unshare()
    results = [jb_build(first, offline=offline), jb_build(second, offline=False)]
    for r in results:
        assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return first / "_build" / "html", second / "_build" / "html", offline


def test_the_build_passes_with_no_network(two_clean_builds):
    _, _, offline = two_clean_builds
    if not offline:
        pytest.skip("this kernel does not allow `unshare -n`; tests/test_browser.py shows no page fetches anything")


def test_two_clean_builds_are_byte_identical(two_clean_builds):
    first, second, _ = two_clean_builds
    diff = set(differing(first, second)) - ALLOWED_TO_DIFFER
    assert not diff, sorted(diff)[:20]
