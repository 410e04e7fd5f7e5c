"""The installed Kenes: the .deb built from the bundle, unpacked and run without Python.

The bundle is built once per test session (about a minute) and reused for the
Debian package and for the Windows installer script.  The package is unpacked into a
throwaway root (``dpkg -x``) and its ``kenes`` runs with a fresh HOME, a PATH without
Python and the working folder outside the source tree: nothing it needs may come from
the checkout.  Then an older version's data is put in that HOME, the package is
installed over the tree again, and the first start after the upgrade backs up,
migrates, keeps the data and settings, and shows the release notes once.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from pypdf import PdfReader

from app import __version__
from app.models.database import alembic_config, open_database
from installer import build

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux package"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed"),
]

OLDER_REVISION = "0010_frozen_profiles"


@dataclass(frozen=True)
class Built:
    bundle: Path
    deb: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("installer")
    bundle = build.build_bundle(out)
    # Fast compression for the test; the release package is xz-compressed.
    deb = build.build_deb(bundle, out, compression=("-Zgzip", "-z1"))
    return Built(bundle, deb)


@dataclass
class Installed:
    root: Path
    home: Path
    deb: Path

    @property
    def program(self) -> Path:
        return self.root / "usr" / "bin" / "kenes"

    @property
    def data(self) -> Path:
        return self.home / ".local" / "share" / "Kenes"

    @property
    def settings_file(self) -> Path:
        return self.home / ".config" / "Kenes" / "kenes.ini"

    def install(self) -> None:
        """Unpack the package over the tree (a new install, or an upgrade's files)."""
        subprocess.run(["dpkg", "-x", str(self.deb), str(self.root)], check=True)

    def run(self, *args: str, gui: bool = False) -> subprocess.CompletedProcess[str]:
        env = {
            "HOME": str(self.home),
            "PATH": "/usr/bin:/bin",  # no virtual environment, no Python of the checkout
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        if gui:
            env["KENES_CLOSE_AFTER_START"] = "1"
        done = subprocess.run(
            [str(self.program), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.home,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done


@pytest.fixture
def installed(built: Built, tmp_path: Path) -> Iterator[Installed]:
    home = tmp_path / "home"
    home.mkdir()
    target = Installed(tmp_path / "root", home, built.deb)
    target.install()
    yield target


def package_field(deb: Path, field: str) -> str:
    done = subprocess.run(
        ["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_package_installs_kenes_under_opt_with_its_command_and_menu_entry(
    built: Built, installed: Installed
) -> None:
    assert package_field(built.deb, "Package") == "kenes"
    assert package_field(built.deb, "Version") == __version__ == build.version()
    depends = package_field(built.deb, "Depends")
    assert "libxcb-icccm4" in depends and "libegl1" in depends
    bundle = installed.root / "opt" / "kenes"
    assert installed.program.resolve() == (bundle / "kenes").resolve()
    assert os.readlink(installed.program) == "../../opt/kenes/kenes"
    entry = (installed.root / "usr/share/applications/kenes.desktop").read_text(encoding="utf-8")
    assert "Exec=kenes" in entry and "Icon=kenes" in entry
    assert (installed.root / "usr/share/icons/hicolor/256x256/apps/kenes.png").is_file()
    assert (installed.root / "usr/share/icons/hicolor/scalable/apps/kenes.svg").is_file()
    # No maintainer scripts: removing the package removes its files and nothing of the user's.
    control = subprocess.run(
        ["dpkg-deb", "--info", str(built.deb)], capture_output=True, text=True, check=True
    ).stdout
    assert not any(script in control for script in ("postrm", "prerm", "preinst", "postinst"))
    inside = bundle / "_internal"
    for needed in (
        "translations/kk/LC_MESSAGES/kenes.mo",
        "translations/ru/LC_MESSAGES/kenes.mo",
        "PySide6/Qt/translations/qtbase_kk.qm",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "resources/fonts/LiberationSerif-Regular.ttf",
        "resources/icons/kenes-256.png",
        f"resources/release-notes/{__version__}.json",
        "app/models/migrations/env.py",
        "app/models/migrations/versions/0001_baseline.py",
        "pypdfium2_raw/libpdfium.so",
    ):
        assert (inside / needed).is_file(), needed
    assert build.folder_size_kib(bundle) < 250 * 1024  # the goal: 250 MB installed


def test_the_installed_kenes_runs_headless_and_shows_its_window(installed: Installed) -> None:
    assert installed.run("--version").stdout.strip() == f"Kenes {__version__}"
    installed.run("--lang", "en", "demo")
    pdf = installed.home / "protocol.pdf"
    installed.run("protocol", "export", "--meeting", "1", "--lang", "ru", "--output", str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "ПРОТОКОЛ № 1" in text and "Попечительский совет" in text
    verified = installed.run("--lang", "en", "protocol", "verify", str(pdf))
    assert "issued" in verified.stdout
    # The same bytes as the checkout writes: fonts, hyphenation, catalogs all came along.
    from_checkout = installed.home / "from-checkout.pdf"
    database = installed.data / "kenes.sqlite3"
    export = ["protocol", "export", "--meeting", "1", "--lang", "ru", "--output", from_checkout]
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(database), "--lang", "en", *map(str, export)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert from_checkout.read_bytes() == pdf.read_bytes()
    shown = installed.run("--lang", "kk", gui=True)
    assert "windows shown: mainWindow" in shown.stdout
    assert "releaseNotes" not in shown.stdout  # a first start has nothing to compare with
    assert (installed.data / "kenes.sqlite3").is_file()


def revision(database_file: Path) -> str | None:
    db = open_database(database_file, migrate=False)
    try:
        return db.revision()
    finally:
        db.close()


def at_revision(database_file: Path, revision: str) -> None:
    """The file taken back to an older schema, as an older Kenes left it."""
    db = open_database(database_file, migrate=False)
    try:
        cfg = alembic_config()
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        db.close()


def test_an_upgrade_keeps_the_data_and_settings_and_tells_what_changed(
    installed: Installed,
) -> None:
    installed.run("--lang", "ru", "demo")
    installed.run("--lang", "ru", gui=True)  # the window state is saved on closing
    before = json.loads(installed.run("meetings", "--json").stdout)
    assert before
    # What an older Kenes leaves: an older schema, settings without the notes' version.
    database_file = installed.data / "kenes.sqlite3"
    installed_head = revision(database_file)  # the installed version's schema
    at_revision(database_file, OLDER_REVISION)
    ini = configparser.ConfigParser()
    ini.read(installed.settings_file, encoding="utf-8")
    ini.remove_option("app", "last_version")
    if not ini.has_section("ui"):
        ini.add_section("ui")
    ini.set("ui", "language", "ru")  # a preference the user chose
    with installed.settings_file.open("w", encoding="utf-8") as f:
        ini.write(f, space_around_delimiters=False)

    installed.install()  # the new version's files over the old
    first = installed.run(gui=True)
    assert "windows shown: mainWindow, releaseNotes" in first.stdout
    backups = list((installed.data / "backups").rglob("*before-migration*"))
    assert backups, list((installed.data / "backups").rglob("*"))
    assert revision(database_file) == installed_head != OLDER_REVISION
    assert json.loads(installed.run("meetings", "--json").stdout) == before
    installed.run("check", "--full")  # seals and the audit chain hold
    ini.read(installed.settings_file, encoding="utf-8")
    assert ini.get("ui", "language") == "ru"
    assert ini.get("app", "last_version") == __version__
    second = installed.run(gui=True)
    assert "releaseNotes" not in second.stdout  # once


def makensis() -> str | None:
    """makensis, installed from Debian's nsis package where this runs as root with apt."""
    found = shutil.which("makensis")
    if found or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return found
    for step in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "nsis"]):
        subprocess.run(step, capture_output=True, check=False, timeout=600)
    return shutil.which("makensis")


def test_the_windows_installer_script_compiles(built: Built, tmp_path: Path) -> None:
    program = makensis()
    if program is None:
        pytest.skip("makensis is not installed and cannot be (needs root and apt: nsis)")
    layout = build.windows_layout(built.bundle, tmp_path / "windows-bundle")
    assert {p.name for p in layout.iterdir()} == {"kenes.exe", "kenes-cli.exe", "_internal"}
    setup = build.build_nsis(layout, tmp_path, makensis=program, fast=True)
    assert setup.name == f"kenes-{__version__}-setup.exe"
    with setup.open("rb") as f:
        assert f.read(2) == b"MZ"
    assert setup.stat().st_size > build.folder_size_kib(built.bundle) * 1024 * 0.9
