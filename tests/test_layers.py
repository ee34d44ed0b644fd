"""The package's shape, read from its imports with ``ast``: data flows one way (docs/architecture.md).

A module may import from its own layer's package and from layers below it, never from one
above; peers on one layer (ingest, extract, report) do not import each other; checks read the
ledger alone, so nothing in check/ imports extract/; and no module imports a private name
(leading underscore) from another package. SQL lives in store/: elsewhere SQLAlchemy is only
named (a Connection passed through, an exception caught). Imports inside functions count as much as those at
the top: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimledger"

# Lower numbers sit lower. Each key is a top-level module or package of claimledger.
LAYERS: dict[str, float] = {
    "model": 0, "errors": 0,  # the ledger contract and the coded errors: everything may use them
    "datafiles": 0,  # the one reader of data/*.json: extract and check both read lexicons
    "minilm": 0.5,  # the sentence-embedding loader, shared by extract, check and corpus
    "ingest": 1, "extract": 1, "report": 1,  # peers: each reads or writes the model only
    "nlp": 1.5,  # assembles the extract components into one pipeline
    "check": 2,
    "pipeline": 2.5,  # ingest → extract → check for one article or a stream of them
    "store": 3,
    "corpus": 4, "scale": 4, "watch": 4,  # the corpus API, where analysis runs, the feeds it reads
    "web": 5,
    "cli": 6, "__main__": 6,
}
PEERS = {"ingest", "extract", "report"}
# The package root only re-exports (its pipeline import is lazy, see claimledger/__init__.py).
ROOT_EXPORTS = {"__version__", "Article", "Ledger", "analyze", "analyze_many"}


def _part(module: str) -> str:
    """The top-level part of ``claimledger.a.b`` (``a``), or '' for the package root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(parts), path))
    return found


# Outside store/ SQLAlchemy is only named (a Connection passed through, an exception caught), never queried.
SQL_NAMES_OUTSIDE_STORE = {"sqlalchemy": {"Connection", "Engine"}, "sqlalchemy.exc": None}


def _sql_outside_store(path: Path) -> list[tuple[str, int]]:
    """(what, line) for each SQLAlchemy import beyond the names allowed outside store/."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.split(".")[0] == "sqlalchemy"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sqlalchemy":
            allowed = SQL_NAMES_OUTSIDE_STORE.get(node.module, set())
            if allowed is not None:
                found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names if a.name not in allowed]
    return found


def _imports(module: str, path: Path) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every claimledger import in the file."""
    found: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names if alias.name.startswith("claimledger")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claimledger"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                # `from claimledger.store import schema` imports a module: judge the module, not the package
                target = name if _is_module(name) else node.module
                found.append((target, None if target == name else alias.name, node.lineno))
    return found


def _is_module(dotted: str) -> bool:
    relative = Path(*dotted.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


def violations(modules: list[tuple[str, Path]] | None = None) -> list[str]:
    problems = []
    for module, path in modules if modules is not None else _modules():
        here = _part(module)
        for target, name, line in _imports(module, path):
            there = _part(target)
            where = f"{module} (line {line}) imports {target}{f'.{name}' if name else ''}"
            if there == "":
                if name not in ROOT_EXPORTS:
                    problems.append(f"{where}: the package root only re-exports")
                continue
            if here == "" or here == there:
                continue
            if here not in LAYERS or there not in LAYERS:
                problems.append(f"{where}: place {here or there} in LAYERS and in docs/architecture.md")
            elif LAYERS[there] > LAYERS[here]:
                problems.append(f"{where}: {there} sits above {here}")
            elif here in PEERS and there in PEERS:
                problems.append(f"{where}: {here} and {there} are peers and must not depend on each other")
            elif here == "check" and there == "extract":
                problems.append(f"{where}: checks read the ledger alone, not the extraction")
            if name is not None and name.startswith("_") and not name.startswith("__"):
                problems.append(f"{where}: a private name of another package")
        if _part(module) != "store":
            problems += [f"{module} (line {line}) imports {what}: SQL lives in store/" for what, line in _sql_outside_store(path)]
    return problems


def test_the_package_has_a_layer_for_every_top_level_module() -> None:
    tops = {_part(module) for module, _ in _modules()} - {""}
    assert tops - LAYERS.keys() == set()


def test_no_layer_imports_one_above_it_or_a_private_name_of_another_package() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("module", "source", "problem"),
    [
        ("check/x.py", "from claimledger.store import schema", "store sits above check"),
        ("check/x.py", "def f():\n    from claimledger.corpus import Corpus", "corpus sits above check"),
        ("report/x.py", "from claimledger.extract.figures import parse", "peers"),
        ("check/x.py", "from claimledger.extract import sources", "checks read the ledger alone"),
        ("report/x.py", "from claimledger.model import _number", "a private name"),
        ("model.py", "import claimledger.pipeline", "pipeline sits above model"),
        ("corpus.py", "from sqlalchemy import select", "SQL lives in store/"),
        ("check/x.py", "import sqlalchemy", "SQL lives in store/"),
    ],
)
def test_each_rule_catches_its_violation(tmp_path: Path, module: str, source: str, problem: str) -> None:
    """The rules fire on a planted file that claims to be ``module`` of the package."""
    planted = tmp_path / "planted.py"
    planted.write_text(source + "\n", encoding="utf-8")
    found = violations([("claimledger." + module[:-3].replace("/", "."), planted)])
    assert any(problem in p for p in found), found


def test_allowed_imports_pass(tmp_path: Path) -> None:
    """The near-miss: downward imports, a module of one's own package, a dunder name."""
    planted = tmp_path / "x.py"
    planted.write_text(
        "from claimledger.model import Claim\nfrom claimledger.check import intervals\n"
        "from claimledger.check.within import compare_pair\nfrom claimledger import __version__\n"
        "from sqlalchemy import select\n",  # store/ runs SQL
        encoding="utf-8",
    )
    assert violations([("claimledger.store.x", planted)]) == []
