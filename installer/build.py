"""Build Kenes for users: a self-contained bundle, then the platform's package.

    python3 tasks.py installer            # what this platform can build, into dist/
    .venv/bin/python -m installer.build   # the same, from the set-up environment

Linux: the PyInstaller bundle (``dist/bundle/kenes``) and the Debian package
``dist/kenes_<version>_amd64.deb`` (needs ``dpkg-deb``).  Windows: the bundle and
``dist/kenes-<version>-setup.exe`` (needs NSIS's ``makensis``).  The version is the
package's (``app.__version__``).  Each artifact's path is printed on the last lines.

Signing (Windows): set ``KENES_SIGN_COMMAND`` to a command that signs the file whose
path is appended, e.g. ``signtool sign /a /fd SHA256 /tr http://ts.example /td SHA256``;
it signs the programs in the bundle before they are packed, the uninstaller and the
installer (installer/README.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SPEC = ROOT / "installer" / "kenes.spec"
NSIS_SCRIPT = ROOT / "installer" / "windows" / "kenes.nsi"
DESKTOP_ENTRY = ROOT / "installer" / "linux" / "kenes.desktop"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
SIGN_ENV = "KENES_SIGN_COMMAND"
INSTALL_DIR = "opt/kenes"

# What the bundle takes from the system rather than carrying it: glibc (the bundle is
# built against the build machine's), OpenGL/EGL (the driver's), the X11 connection
# libraries Qt's xcb platform loads, and fontconfig's configuration.  The rest of Qt and
# every Python library are inside the bundle.
DEB_DEPENDS = (
    "libgl1",
    "libegl1",
    "libxcb1",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libwayland-client0",
    "fontconfig-config",
)
DEB_RECOMMENDS = ("fonts-dejavu-core", "libwayland-cursor0", "libwayland-egl1")


def version() -> str:
    """The package's version, read from app/__init__.py (nothing imported)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("app/__init__.py names no __version__")
    return found.group(1)


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env)


def build_bundle(out: Path = DIST, work: Path | None = None) -> Path:
    """The PyInstaller one-folder bundle, ``out/bundle/kenes``; returns its folder."""
    work = work or out / "build"
    run(
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        out / "bundle",
        "--workpath",
        work,
        SPEC,
    )
    bundle = out / "bundle" / "kenes"
    sign_programs(bundle)
    return bundle


def sign_programs(bundle: Path) -> None:
    """Sign the bundle's programs with the organisation's command, when one is set."""
    command = os.environ.get(SIGN_ENV)
    if not command:
        return
    for program in sorted(bundle.glob("*.exe")):
        if os.name == "nt":  # a Windows command line as written (quotes and all)
            print("+", command, program, flush=True)
            subprocess.run(f'{command} "{program}"', check=True, cwd=ROOT)
        else:
            run(*shlex.split(command), program)


def folder_size_kib(folder: Path) -> int:
    """The size of the files under ``folder`` in KiB (as dpkg's Installed-Size counts)."""
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return (total + 1023) // 1024


def control_file(package_version: str, installed_kib: int) -> str:
    libc = platform.libc_ver()[1] or "2.31"
    depends = ", ".join((f"libc6 (>= {libc})", *DEB_DEPENDS))
    return (
        "Package: kenes\n"
        f"Version: {package_version}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Architecture: amd64\n"
        "Maintainer: Kenes developers <kenes@example.invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\n"
        "Homepage: https://example.invalid/kenes\n"
        "Description: secretariat's desk for councils, commissions and boards\n"
        " Kenes keeps council compositions, meetings, agendas, votes and protocols\n"
        " in Kazakh, Russian and English.  Self-contained: it needs no Python.\n"
        " The user's database, settings and backups stay in the home folder when\n"
        " the package is removed.\n"
    )


def stage_deb(bundle: Path, staging: Path, package_version: str) -> Path:
    """The package's file tree: the bundle under /opt/kenes, the command, menu entry, icons."""
    if staging.exists():
        shutil.rmtree(staging)
    target = staging / INSTALL_DIR
    shutil.copytree(bundle, target, symlinks=True)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    # Relative, so the command also works in a tree unpacked elsewhere (dpkg -x).
    (bin_dir / "kenes").symlink_to(Path("..", "..", INSTALL_DIR, "kenes"))
    share = staging / "usr" / "share"
    applications = share / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(DESKTOP_ENTRY, applications / "kenes.desktop")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(ICONS / f"kenes-{size}.png", folder / "kenes.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ICONS / "kenes.svg", scalable / "kenes.svg")
    docs = share / "doc" / "kenes"
    docs.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "fonts" / "LICENSE-LiberationSerif.txt", docs)
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(
        control_file(package_version, folder_size_kib(staging)), encoding="utf-8"
    )
    for path in [staging, *staging.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    return staging


def build_deb(
    bundle: Path,
    out: Path = DIST,
    package_version: str | None = None,
    compression: tuple[str, ...] = ("-Zxz",),
) -> Path:
    """``out/kenes_<version>_amd64.deb`` from the bundle (dpkg-deb, files owned by root)."""
    package_version = package_version or version()
    staging = stage_deb(bundle, out / "deb-root", package_version)
    deb = out / f"kenes_{package_version}_amd64.deb"
    run("dpkg-deb", "--root-owner-group", *compression, "--build", staging, deb)
    shutil.rmtree(staging)
    return deb


def windows_layout(bundle: Path, target: Path) -> Path:
    """A bundle of the Windows layout (kenes.exe, kenes-cli.exe, _internal/) from any bundle.

    On Windows that is the bundle itself; elsewhere it lets ``makensis`` prove the
    installer script builds: the files are hard links (no copy), the programs named
    as on Windows.
    """
    if (bundle / "kenes.exe").exists():
        return bundle
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(bundle, target, symlinks=True, copy_function=os.link)
    program = target / "kenes"
    os.link(program, target / "kenes-cli.exe")
    program.rename(target / "kenes.exe")
    return target


def build_nsis(
    bundle: Path,
    out: Path = DIST,
    package_version: str | None = None,
    makensis: str = "makensis",
    fast: bool = False,
) -> Path:
    """``out/kenes-<version>-setup.exe``; ``fast``: stored, not compressed (for tests)."""
    package_version = package_version or version()
    installer = out / f"kenes-{package_version}-setup.exe"
    defines = [
        f"-DVERSION={package_version}",
        f"-DBUNDLE={bundle.resolve()}",
        f"-DOUTFILE={installer.resolve()}",
        f"-DICON={(ICONS / 'kenes.ico').resolve()}",
    ]
    if fast:
        defines.append("-DFAST")
    sign = os.environ.get(SIGN_ENV)
    if sign:
        defines.append(f"-DSIGN_COMMAND={sign}")
    # makensis reads options with "-" on every platform ("/" only on Windows).
    run(makensis, "-V2", "-INPUTCHARSET", "UTF8", *defines, NSIS_SCRIPT)
    return installer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build Kenes's bundle and installer into dist/.")
    parser.add_argument("--out", type=Path, default=DIST, help="where the artifacts go")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    bundle = build_bundle(out)
    artifacts = [bundle]
    if sys.platform == "win32":
        artifacts.append(build_nsis(bundle, out))
    elif sys.platform.startswith("linux"):
        if shutil.which("dpkg-deb") is None:
            print("dpkg-deb is missing (Debian package dpkg): no .deb built", file=sys.stderr)
        else:
            artifacts.append(build_deb(bundle, out))
    print("Built:")
    for artifact in artifacts:
        print(artifact)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
