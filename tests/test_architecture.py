"""The package's layout holds: one way in for chapters, layers that import only
downwards, small modules, and the string contracts between modules still real."""
import ast
import re
from pathlib import Path

import pytest

from booktables import chapter as bk
from booktables import contracts
from conftest import ROOT

PACKAGE = ROOT / "booktables"
MODULES = sorted(PACKAGE.rglob("*.py"))
PAGES = sorted((ROOT / "chapters").glob("*.md")) + [ROOT / "intro.md", ROOT / "data.md"]
# What each layer may not import: rows shape data only, charts draw only,
# MyST writes text only, and the extension starts without pandas.
FORBIDDEN = {
    "data": {"altair", "IPython", "booktables.rows", "booktables.charts", "booktables.myst", "booktables.sphinx"},
    "rows": {"altair", "IPython", "booktables.charts", "booktables.myst", "booktables.sphinx"},
    "charts": {"IPython", "booktables.myst", "booktables.sphinx"},
    "myst": {"altair", "booktables.charts", "booktables.sphinx"},
    "sphinx": {"pandas", "frictionless", "altair", "booktables.rows", "booktables.myst"},
}


def imports_of(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            names.add(module)
            names |= {f"{module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_it_may(layer):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        found = {name for name in imports_of(path)
                 for banned in FORBIDDEN[layer] if name == banned or name.startswith(banned + ".")}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_reach_the_package_one_way(page):
    code = "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", page.read_text(encoding="utf-8"), re.S))
    imports = re.findall(r"^\s*(?:from|import)\s+(booktables\S*)(.*)$", code, re.M)
    assert all(module == "booktables" and rest.strip() == "import chapter as bk" for module, rest in imports), imports
    # Every call into the package goes through bk.load, bk.charts, bk.tables or bk.cards, and names something real.
    for namespace, name in re.findall(r"\bbk\.(\w+)\.(\w+)\(", code):
        assert namespace in {"charts", "tables", "cards"} and callable(getattr(getattr(bk, namespace), name))
    assert set(re.findall(r"\bbk\.(\w+)\(", code)) <= {"load", "load_all", "glue"}


def test_the_string_contracts_name_real_things():
    # READS_ALL: the calls that read every table are real functions of the chapter API.
    api = {"load_all": bk.load_all, "data_package_table": bk.tables.data_package_table}
    assert set(contracts.READS_ALL) == set(api) and all(callable(f) for f in api.values())
    # CHART_CLASS: the renderer writes it, and the notebook download looks for it.
    from booktables.charts import render
    from booktables.sphinx import notebooks
    html = render.mimebundle(bk.charts.events_timeline(bk.load("events")).to_dict())["text/html"]
    assert f'class="{contracts.CHART_CLASS}"' in html and notebooks.CHART_MARKER in html
    # CODING_FLAG: the coding tables carry it, and they are the tables labels.py reads.
    import json
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    coding = {r["name"] for r in descriptor["resources"] if r.get(contracts.CODING_FLAG)}
    assert {"event_types", "end_types", "voices", "third_party_rules", "later_record", "periods"} <= coding


def test_the_extension_is_one_entry_in_the_config():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert re.findall(r"^\s*- (booktables\S*)$", config, re.M) == ["booktables.sphinx"]


def test_the_lock_satisfies_the_declared_dependencies():
    """pyproject.toml declares ranges; requirements.txt pins one tested version of each."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["book"]]
    pins = {canonicalize_name(name): version for name, version in
            re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)}
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is declared but not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (requirement, pins[name])
