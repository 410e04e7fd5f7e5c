"""The layer rule of DESIGN.md §3, checked on the source (as qutebrowser's misc_checks)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
QT_FREE_LAYERS = ("domain", "models", "services", "reports")


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, at any depth (function-level imports included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            names.add("app.<relative>")
    return names


def domain_violations(source: str) -> set[str]:
    """Imports the pure domain may not make: anything but the standard library and itself."""
    bad = set()
    for name in imported_modules(source):
        top = name.split(".")[0]
        if name.startswith("app.domain") or (top in sys.stdlib_module_names and top != "app"):
            continue
        bad.add(name)
    return bad


def qt_violations(source: str) -> set[str]:
    return {n for n in imported_modules(source) if n.split(".")[0] in ("PySide6", "shiboken6")}


def sources(layer: str) -> list[Path]:
    return sorted((APP / layer).rglob("*.py"))


@pytest.mark.parametrize("path", sources("domain"), ids=lambda p: str(p.relative_to(APP)))
def test_domain_imports_only_stdlib_and_itself(path: Path) -> None:
    assert domain_violations(path.read_text(encoding="utf-8")) == set()


def formats_violations(source: str) -> set[str]:
    """Imports a pure file format may not make: anything but the stdlib, app.domain, itself."""
    return {n for n in domain_violations(source) if not n.startswith("app.formats")}


@pytest.mark.parametrize("path", sources("formats"), ids=lambda p: str(p.relative_to(APP)))
def test_formats_import_only_stdlib_domain_and_themselves(path: Path) -> None:
    assert formats_violations(path.read_text(encoding="utf-8")) == set()


def test_the_formats_check_catches_violations() -> None:
    assert formats_violations("import sqlalchemy\nfrom app.formats import atomic\n") == {
        "sqlalchemy"
    }
    assert formats_violations("from app.services import base\n") == {"app.services"}
    assert formats_violations("from app.domain.translation import N_\n") == set()


@pytest.mark.parametrize(
    "path",
    [p for layer in QT_FREE_LAYERS for p in sources(layer)],
    ids=lambda p: str(p.relative_to(APP)),
)
def test_lower_layers_do_not_import_qt(path: Path) -> None:
    assert qt_violations(path.read_text(encoding="utf-8")) == set()


def test_services_and_models_never_import_views() -> None:
    for layer in ("domain", "models", "services", "reports"):
        for path in sources(layer):
            views = {n for n in imported_modules(path.read_text()) if n.startswith("app.views")}
            assert views == set(), path


def test_the_checks_catch_violations() -> None:
    """The rule is not vacuous: known-bad sources are caught."""
    assert domain_violations("import sqlalchemy\n") == {"sqlalchemy"}
    assert domain_violations("def f():\n    from app.models import base\n") == {"app.models"}
    assert domain_violations("from babel.dates import format_date\n") == {"babel.dates"}
    assert domain_violations("import gettext\nfrom app.domain import errors\n") == set()
    assert qt_violations("from PySide6.QtCore import QObject\n") == {"PySide6.QtCore"}
    assert qt_violations("import shiboken6\n") == {"shiboken6"}


def test_every_layer_exists() -> None:
    for layer in (*QT_FREE_LAYERS, "views"):
        assert (APP / layer / "__init__.py").is_file(), layer
