"""Logging to a rotating file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app import paths

LOG_FILE_NAME = "kenes.log"


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to ``folder``/kenes.log (rotated); return the file, or None if it cannot be written."""
    folder = folder or paths.log_dir()
    root = logging.getLogger()
    root.setLevel(level)
    log_file = folder / LOG_FILE_NAME
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == log_file:
            return log_file
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # for the user alone (paths.py)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        logging.getLogger(__name__).warning("cannot write the log file in %s", folder)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return log_file
