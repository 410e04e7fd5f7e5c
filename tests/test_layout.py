"""Tests mirror ``app/`` (STYLE.md §13, issue 19): a module's tests are found at its path.

For every module ``app/<dir>/<name>.py`` (packages' ``__init__.py`` and
``app/models/migrations`` aside) there is ``tests/<dir>/test_<name>.py`` or
``tests/<dir>/test_<name>_<aspect>.py``; ``app/__main__.py`` is mirrored by ``tests/test_main.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
TESTS = ROOT / "tests"

# Modules that had no mirrored test file when the rule was switched on (issue 19).
# This set may only shrink: a module listed here that gets its test file, or no longer
# exists, fails test_unmirrored_list_is_not_stale until its line is removed.
UNMIRRORED: frozenset[str] = frozenset()  # every module has its tests


def app_modules() -> list[str]:
    """Every module the rule covers, as a path relative to the root (``app/domain/quorum.py``)."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in APP.rglob("*.py")
        if path.name != "__init__.py"
        and "migrations" not in path.relative_to(APP).parts  # app/models/migrations
        and "__pycache__" not in path.parts
    )


def mirrored_tests(module: str) -> list[Path]:
    """The test files that mirror ``module`` (``app/a/b.py``: ``tests/a/test_b[_*].py``)."""
    path = Path(module)
    folder = TESTS.joinpath(*path.parent.parts[1:])
    name = path.stem.strip("_")  # __main__ -> test_main.py
    if not folder.is_dir():
        return []
    return sorted(
        [*folder.glob(f"test_{name}.py"), *folder.glob(f"test_{name}_*.py")],
        key=lambda p: p.name,
    )


def test_mirror_finds_the_test_of_a_module() -> None:
    assert TESTS / "domain" / "test_quorum.py" in mirrored_tests("app/domain/quorum.py")
    assert TESTS / "test_main.py" not in mirrored_tests("app/domain/main.py")
    assert mirrored_tests("app/nowhere/nothing.py") == []


def test_every_module_has_its_mirrored_test_file() -> None:
    missing = [m for m in app_modules() if m not in UNMIRRORED and not mirrored_tests(m)]
    assert not missing, (
        "These modules have no test file at their mirrored path "
        "(tests/<dir>/test_<name>.py or tests/<dir>/test_<name>_<aspect>.py):\n"
        + "\n".join(missing)
    )


def test_unmirrored_list_is_not_stale() -> None:
    modules = set(app_modules())
    gone = sorted(m for m in UNMIRRORED if m not in modules)
    mirrored = sorted(m for m in UNMIRRORED if m in modules and mirrored_tests(m))
    assert not gone, "Listed in UNMIRRORED but no longer exist; remove them:\n" + "\n".join(gone)
    assert not mirrored, "Listed in UNMIRRORED but now tested; remove them:\n" + "\n".join(mirrored)
