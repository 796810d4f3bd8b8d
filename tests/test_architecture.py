"""The package's layout draws its architecture: imports point one way (doors → pipeline → wings →
core), no module imports another that imports it back, and only the doors import MkDocs.

Imports made only for type checking (``if TYPE_CHECKING:``) are not edges: they do not run."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO

PACKAGE = REPO / "generator"

ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "site": {"core", "site"},
    "search": {"core", "search"},
    "handouts": {"core", "site", "handouts"},
    "sheets": {"core", "sheets"},
    "pipeline": {"core", "site", "handouts", "sheets"},
    "serve": {"core", "site", "handouts", "sheets", "pipeline", "serve"},
    "publish": {"core", "pipeline", "publish"},
    "options": {"core", "publish"},
    "config": {"core"},
    "plugin": {"core", "site", "pipeline", "serve", "options", "config"},
    "cli": {"core", "publish", "serve", "options", "sheets", "handouts"},  # hongling exam writes an exam's Word documents
    "__init__": {"core", "plugin"},
    "__main__": {"cli"},
}
"""Which rooms each room may import from. The doors (plugin, cli) sit on top; the core imports
nothing but itself."""

MKDOCS_ALLOWED = {"plugin", "config", "search", "serve", "publish"}
"""Rooms that adapt MkDocs (the core, site, handouts and pipeline must run without it)."""


def module_name(path: Path, root: Path = REPO) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """``generator.core.link`` → core; ``generator.plugin`` → plugin; ``generator`` → __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def runtime_imports(path: Path, root: Path = REPO) -> list[tuple[str, int]]:
    """(imported module, line) for every import that runs, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(child) for stmt in node.body for child in ast.walk(stmt)}
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.module is None or node.level and not node.module:
                found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
            else:
                found.append((target, node.lineno))
    return found


def graph() -> dict[str, list[tuple[str, int]]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, list[tuple[str, int]]] = {}
    for name, path in modules.items():
        edges[name] = [(target if target in modules else target.rsplit(".", 1)[0], line)
                       for target, line in runtime_imports(path)
                       if target.startswith("generator") and (target in modules or target.rsplit(".", 1)[0] in modules)]
    return edges


def test_imports_point_one_way():
    edges = graph()
    assert "generator.core.check" in {t for t, _ in edges["generator.pipeline"]}, "the graph reads relative imports"
    upward = [f"{source} → {target} (line {line})"
              for source, targets in edges.items() for target, line in targets
              if room(target) not in ALLOWED[room(source)] and target != "generator"]
    assert upward == []


def test_no_import_cycles():
    edges = {source: {target for target, _ in targets} for source, targets in graph().items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" → ".join(trail[trail.index(target):] + [node, target]))
            elif target not in state:
                visit(target, trail + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_only_the_adapters_import_mkdocs():
    offenders = [f"{module_name(path)} (line {line})" for path in PACKAGE.rglob("*.py")
                 for target, line in runtime_imports(path)
                 if target.split(".")[0] == "mkdocs" and room(module_name(path)) not in MKDOCS_ALLOWED]
    assert offenders == []


def test_the_checks_see_a_wrong_import(tmp_path):
    """A relative upward import is resolved and counted; one made for type checking only is not."""
    sample = tmp_path / "generator" / "core" / "sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("from typing import TYPE_CHECKING\nfrom ..site.resolver import Resolver\n"
                      "if TYPE_CHECKING:\n    from ..plugin import HonglingPlugin\n")
    imports = runtime_imports(sample, tmp_path)
    assert imports == [("typing", 1), ("generator.site.resolver", 2)]
    assert room("generator.site.resolver") not in ALLOWED[room(module_name(sample, tmp_path))]
