"""Kenes's read-only files are found in the installed bundle, never in a source tree."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import paths


def test_a_checkout_reads_its_own_files() -> None:
    assert paths.bundle_root() == paths.PROJECT_ROOT
    assert (paths.TRANSLATIONS_DIR, paths.RESOURCES_DIR) == (
        paths.PROJECT_ROOT / "translations",
        paths.PROJECT_ROOT / "resources",
    )


def test_an_installed_kenes_reads_the_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.bundle_root() == tmp_path


def test_the_bundle_takes_every_file_kenes_reads_at_run_time() -> None:
    """The spec names the folders the code reads; a new one must be added to both."""
    spec = (paths.PROJECT_ROOT / "installer" / "kenes.spec").read_text(encoding="utf-8")
    for folder in sorted(p.name for p in paths.RESOURCES_DIR.iterdir() if p.is_dir()):
        assert f'"resources" / "{folder}"' in spec, folder
    assert '"migrations" / "versions"' in spec and "translations" in spec
