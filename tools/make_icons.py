"""Render resources/icons/kenes.svg into the PNG sizes and the Windows .ico the installers use.

    .venv/bin/python tools/make_icons.py

The PNGs and the .ico are kept in the repository (the build machine of a Windows
installer should not need an SVG renderer); run this again after changing the SVG.
Qt renders the SVG (offscreen), Pillow writes the .ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "kenes.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """The PNG of one size, named as the freedesktop icon theme folders are."""
    return ICONS / f"kenes-{size}.png"


def render() -> list[Path]:
    """Write every PNG size and kenes.ico; return the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    written: list[Path] = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = png_path(size)
        if not image.save(str(target), b"PNG"):
            raise OSError(f"cannot write {target}")
        written.append(target)
    ico = ICONS / "kenes.ico"
    with Image.open(png_path(256)) as largest:
        largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    written.append(ico)
    del app
    return written


if __name__ == "__main__":
    for path in render():
        print(path.relative_to(ROOT))
