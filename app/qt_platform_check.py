"""Before Qt starts on Linux: are the X11 (xcb) libraries Qt needs installed?

On a fresh Debian or Ubuntu machine with only Python, pip and git, PySide6 installs
fine but its xcb platform plugin cannot load: several small system libraries are
missing.  Qt then says "xcb-cursor0 is needed" (only the first it noticed) and aborts
with a core dump.  So Kenes looks for the libraries first and names every Debian
package to install, in one ``apt install`` line, and exits with code 2.

The list is the xcb plugin's own needs (``readelf -d`` of PySide6's
``libQt6XcbQpa.so.6`` and ``ldd`` of ``plugins/platforms/libqxcb.so``) minus what
Python itself already needs.  The check is a pure function of a library finder and
the environment, so tests pass a fake finder.  Nothing here imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Callable, Mapping

from app.i18n import _

MISSING_LIBRARIES = 2
"""The exit code when Qt's libraries are missing."""

XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    # (the library's soname, the Debian/Ubuntu package that ships it)
    ("libxcb.so.1", "libxcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libX11.so.6", "libx11-6"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)

Finder = Callable[[str], bool]
"""Whether the library with this soname can be loaded."""


def library_loads(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` (a few milliseconds for the whole list).

    ``ctypes.util.find_library`` would run ``ldconfig -p`` once per library, about a
    second in all, at every start; loading the exact soname is what Qt does anyway.
    """
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def needs_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will use its xcb plugin: on Linux, asked for or by default under X11."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(":")[0].split(";")[0] == "xcb"
    # A Wayland session uses Qt's Wayland plugin; the xcb libraries are not needed there.
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(
    find: Finder, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str]:
    """The Debian packages whose xcb libraries cannot be found ([] when none or not needed)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not needs_xcb(environ, platform):
        return []
    missing: list[str] = []
    for soname, package in XCB_LIBRARIES:
        if not find(soname) and package not in missing:
            missing.append(package)
    return missing


def install_command(packages: list[str]) -> str:
    """The one command line that installs ``packages`` on Debian or Ubuntu."""
    return "sudo apt install " + " ".join(packages)


def explain(packages: list[str], has_apt: bool) -> str:
    """What to tell the user: the libraries are missing, and how to install them."""
    if has_apt:
        how = _("Install them with:\n\n    {command}\n").format(command=install_command(packages))
    else:
        how = _(
            "Install your system's packages for these libraries (their Debian names: {packages})."
        ).format(packages=", ".join(packages))
    return (
        _(
            "Kenes cannot open its window: system libraries that Qt needs to draw windows "
            "under X11 are missing."
        )
        + "\n"
        + how
    )


def check(find: Finder = library_loads) -> int:
    """Print what is missing and return :data:`MISSING_LIBRARIES`, or 0 when all is there."""
    packages = missing_packages(find)
    if not packages:
        return 0
    print(explain(packages, shutil.which("apt-get") is not None), file=sys.stderr, flush=True)
    return MISSING_LIBRARIES


if __name__ == "__main__":  # ``python -m app.qt_platform_check``: the set-up's check
    sys.exit(check())
