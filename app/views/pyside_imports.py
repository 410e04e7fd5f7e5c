"""Keep PySide6 from reading the source of every module Kenes imports.

Importing ``PySide6.QtCore`` replaces Python's ``__import__`` with a hook that, after
each import, asks whether the new module uses PySide's ``__feature__`` switches
(``snake_case``, ``true_property``): ``shibokensupport.feature._mod_uses_pyside`` reads
the module's whole source with ``inspect.getsource`` and searches it for "PySide6".
Every line of every module (SQLAlchemy, Babel, Kenes itself) then stays in
``linecache``: about 20 MB of a 130 MB process, found by measuring (PLATFORM.md).

Kenes uses none of those switches, so every module may be told it does not: the
answer only decides whether PySide switches features when that module calls Qt.

Importing this module already does so: ``app.gui`` imports it before anything else, so
that not even the modules the window needs are read (about 3 MB of the first page's
memory when only :func:`skip_feature_scan` in ``ensure_application`` did it).
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def _uses_no_feature(_module: object) -> bool:
    return False


def original_scan() -> object:
    """PySide's own scan (for the test that shows what it does), or None."""
    return _original.get("scan")


_original: dict[str, object] = {}


def skip_feature_scan() -> bool:
    """Answer PySide's per-import question without reading sources; True if done.

    Does nothing (and says so in the log) on a PySide6 that has no such scan.
    """
    import PySide6.QtCore  # noqa: F401 - installs the import hook and its module

    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(scan):
        log.info("PySide6 has no per-import feature scan to skip")
        return False
    if scan is not _uses_no_feature:
        _original["scan"] = scan
        feature._mod_uses_pyside = _uses_no_feature  # type: ignore[attr-defined]
    return True


skip_feature_scan()  # at import: see the module's docstring
