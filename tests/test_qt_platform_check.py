"""The xcb libraries are looked for before Qt starts, with a message naming the packages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app import i18n
from app.qt_platform_check import (
    XCB_LIBRARIES,
    explain,
    install_command,
    library_loads,
    missing_packages,
    needs_xcb,
)

X11 = {"DISPLAY": ":0"}


def without(*sonames: str):  # type: ignore[no-untyped-def]
    """A fake finder: every library but ``sonames`` is installed."""
    return lambda soname: soname not in sonames


def test_nothing_missing_means_nothing_to_say() -> None:
    assert missing_packages(lambda _soname: True, X11, "linux") == []


def test_every_missing_library_is_named_by_its_package() -> None:
    found = missing_packages(
        without("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libEGL.so.1"), X11, "linux"
    )
    assert found == ["libxcb-cursor0", "libxcb-icccm4", "libegl1"]
    assert install_command(found) == "sudo apt install libxcb-cursor0 libxcb-icccm4 libegl1"


def test_a_fresh_debian_gets_one_apt_line_for_all() -> None:
    packages = missing_packages(lambda _soname: False, X11, "linux")
    assert len(packages) == len(XCB_LIBRARIES)
    text = explain(packages, has_apt=True)
    assert "sudo apt install libxcb1 libxcb-cursor0" in text
    assert "libxkbcommon-x11-0" in text and "libdbus-1-3" in text


@pytest.mark.parametrize(
    ("environ", "platform", "needed"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_only_the_xcb_plugin_needs_them(
    environ: dict[str, str], platform: str, needed: bool
) -> None:
    assert needs_xcb(environ, platform) is needed
    assert bool(missing_packages(lambda _soname: False, environ, platform)) is needed


def test_the_message_is_translated_and_without_apt_names_the_packages() -> None:
    i18n.set_interface_language("ru")
    text = explain(["libxcb-cursor0", "libxcb-icccm4"], has_apt=False)
    assert "Kenes" in text and "libxcb-cursor0, libxcb-icccm4" in text
    assert "sudo" not in text
    assert "cannot" not in text  # Russian, not the English message


def test_the_real_finder_knows_a_library_from_a_missing_one() -> None:
    assert library_loads("libc.so.6") is (sys.platform.startswith("linux"))
    assert not library_loads("libkenes-does-not-exist.so.0")


def test_the_module_runs_as_the_setup_check() -> None:
    """``python -m app.qt_platform_check`` exits 0, or 2 with the apt line."""
    done = subprocess.run(
        [sys.executable, "-m", "app.qt_platform_check"],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "xcb", "PATH": "/usr/bin:/bin"},
        check=False,
        timeout=60,
    )
    assert done.returncode in (0, 2)
    assert (done.returncode == 2) == ("apt install" in done.stderr or "Debian" in done.stderr)
