"""No import cycles in app/, checked on the source.

A cycle hidden behind a function-level import still ties two modules
together: neither can be understood, tested or moved without the other, and
the import order decides whether the program starts.  So the graph counts
module-level and function-level imports alike; only imports under
``if TYPE_CHECKING:`` are left out (they never run).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def module_name(path: Path, root: Path) -> str:
    """``app/services/people.py`` -> ``app.services.people``; a package is its ``__init__``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _import_nodes(child)


def _within(name: str, modules: Mapping[str, object]) -> str | None:
    """The module of ours that importing ``name`` runs last (its longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(
    module: str, source: str, is_package: bool, modules: Mapping[str, object]
) -> set[str]:
    """The modules of ours that ``module`` imports.

    Importing ``a.b.c`` runs the packages ``a.b`` and ``a`` too, so they count,
    except the packages ``module`` itself is in: they have run already.
    """
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in _import_nodes(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            known = _within(target, modules)
            while known is not None:
                if not module.startswith(known + "."):
                    found.add(known)
                known = _within(known.rpartition(".")[0], modules) if "." in known else None
    found.discard(module)
    return found


def import_graph(sources: Mapping[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """``{module: (source, is_package)}`` -> ``{module: modules it imports}``."""
    return {
        name: imports_of(name, source, is_package, sources)
        for name, (source, is_package) in sources.items()
    }


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle (``a -> b -> ... -> a``) per strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(start: str) -> None:  # iterative: the graph is deep enough to matter
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return [_one_cycle(graph, group) for group in groups]


def _one_cycle(graph: Mapping[str, set[str]], group: set[str]) -> list[str]:
    """A shortest way round the group from its first module back to it."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    raise AssertionError(f"no way round {sorted(group)}")


def app_sources() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path, APP): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(APP.rglob("*.py"))
    }


def test_app_has_no_import_cycles() -> None:
    found = cycles(import_graph(app_sources()))
    assert found == [], "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_cycle_check_catches_cycles() -> None:
    """The check is not vacuous: function-level and relative imports count, TYPE_CHECKING not."""
    sources = {
        "app": ("", True),
        "app.a": ("import os\nfrom app import b\n", False),
        "app.b": ("def f():\n    from .c import thing\n", False),
        "app.c": ("from app.a import x\n", False),
        "app.d": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import app.e\n", False),
        "app.e": ("import app.d\n", False),
        "app.pkg": ("from app.pkg import inner\n", True),
        "app.pkg.inner": ("from app.pkg.other import Y\n", False),
        "app.pkg.other": ("Y = 1\n", False),
        "app.f": ("import app.pkg.other\n", False),
    }
    graph = import_graph(sources)
    assert graph["app.b"] == {"app.c"}
    assert graph["app.d"] == set()
    assert graph["app.pkg.inner"] == {"app.pkg.other"}  # its own package has run already
    assert graph["app.f"] == {"app.pkg", "app.pkg.other"}
    assert cycles(graph) == [["app.a", "app.b", "app.c", "app.a"]]
    assert cycles({"x": {"y"}, "y": {"x"}, "z": {"x"}}) == [["x", "y", "x"]]
    assert cycles({"x": {"y"}, "y": set()}) == []
