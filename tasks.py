#!/usr/bin/env python3
"""Set up and run Kenes with nothing but Python 3.11 and pip on the machine.

    python3 tasks.py run        # set up (first time), then open Kenes
    python3 tasks.py test       # set up (first time), then run the whole test suite headless
    python3 tasks.py catalogs   # extract messages and update the kk/ru/en catalogs
    python3 tasks.py installer  # build the installed Kenes into dist/ (Linux: .deb; Windows: setup)

The set-up creates ``.venv`` in the project folder, installs Kenes with its
test tools from ``pyproject.toml`` (again whenever that file changes),
compiles the gettext catalogs and byte-compiles Kenes.  Extra arguments are passed on, e.g.
``python3 tasks.py run --db other.sqlite3`` or ``python3 tasks.py test -k quorum``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".kenes-setup"
TRANSLATIONS = ROOT / "translations"
DOMAIN = "kenes"
LANGUAGES = ("kk", "ru", "en")


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def sh(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env)


def ensure_environment() -> None:
    """Create the virtual environment and install Kenes when pyproject.toml changed."""
    if not venv_python().exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        sh(
            venv_python(),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "--upgrade",
            "pip",
        )
        sh(
            venv_python(),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-e",
            ".[test]",
        )
        STAMP.write_text(wanted)
    compile_catalogs()
    compile_bytecode()


def compile_bytecode() -> None:
    """Byte-compile Kenes itself, as an installer does for installed packages.

    Python writes the bytecode on first import, except where PYTHONDONTWRITEBYTECODE is
    set (it is on some machines): then every start compiled each module again, about
    40 ms of the 0.3 s it takes to show the main window.  Only changed files are compiled.
    """
    subprocess.run([str(venv_python()), "-m", "compileall", "-q", "app"], check=True, cwd=ROOT)


def compile_catalogs() -> None:
    """Build the .mo files from the .po catalogs (they are never committed)."""
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            sh(
                venv_python(),
                "-m",
                "babel.messages.frontend",
                "-q",
                "compile",
                "-d",
                TRANSLATIONS,
                "-D",
                DOMAIN,
                "-l",
                lang,
            )


def update_catalogs() -> None:
    """Extract every marked message and merge it into the kk, ru and en catalogs."""
    pot = TRANSLATIONS / f"{DOMAIN}.pot"
    sh(
        venv_python(),
        "-m",
        "babel.messages.frontend",
        "-q",
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "N_",
        "-k",
        "ngettext:1,2",
        "-k",
        "NP_:1c,2",
        "-k",
        "GN_",
        "--no-location",
        "--sort-output",
        "--project",
        "Kenes",
        "--copyright-holder",
        "Kenes developers",
        "--msgid-bugs-address",
        "kenes@example.invalid",
        "-o",
        pot,
        "app",
    )
    # A GN_ message (it agrees with a person's gender) also gets its "male" and
    # "female" context entries; see app/domain/translation.py.
    sh(venv_python(), ROOT / "tools" / "gendered_pot.py", pot)
    for lang in LANGUAGES:
        po = TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        verb = "update" if po.exists() else "init"
        sh(
            venv_python(),
            "-m",
            "babel.messages.frontend",
            "-q",
            verb,
            "-i",
            pot,
            "-d",
            TRANSLATIONS,
            "-D",
            DOMAIN,
            "-l",
            lang,
            *(("--no-fuzzy-matching",) if verb == "update" else ()),
        )


def check_qt_libraries() -> int:
    """On Linux, name the system packages Qt's windows need (app/qt_platform_check.py).

    Prints the ``apt install`` line on Debian and Ubuntu; never runs sudo itself.
    """
    if not sys.platform.startswith("linux"):
        return 0
    return subprocess.call([str(venv_python()), "-m", "app.qt_platform_check"], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "catalogs", "setup", "installer"):
        print(__doc__)
        return 2
    task, rest = argv[0], argv[1:]
    ensure_environment()
    # The set-up only says what is missing (a headless build machine needs no windows).
    if task in ("run", "setup") and check_qt_libraries() != 0 and task == "run":
        return 2
    if task == "run":
        return subprocess.call([str(venv_python()), "-m", "app", *rest], cwd=ROOT)
    if task == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([str(venv_python()), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if task == "catalogs":
        update_catalogs()
        compile_catalogs()
    if task == "installer":  # installer/build.py: the bundle, then the platform's package
        return subprocess.call([str(venv_python()), "-m", "installer.build", *rest], cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
