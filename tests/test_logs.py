"""app/logs.py: the log goes to a rotating file in the user's log folder, once."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logs import LOG_FILE_NAME, setup_logging


@pytest.fixture(autouse=True)
def _root_logger() -> Iterator[None]:
    """The handlers a test adds to the root logger are closed and removed after it."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_messages_are_written_to_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "logs" / "kenes"

    path = setup_logging(folder)
    logging.getLogger("app.test").info("Отырыс басталды")
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert path == folder / LOG_FILE_NAME
    assert (folder.stat().st_mode & 0o777) == 0o700
    text = path.read_text(encoding="utf-8")
    assert "INFO app.test: Отырыс басталды" in text


def test_a_second_setup_adds_no_second_handler(tmp_path: Path) -> None:
    first = setup_logging(tmp_path)
    count = len(logging.getLogger().handlers)

    assert setup_logging(tmp_path) == first
    assert len(logging.getLogger().handlers) == count


def test_the_file_rotates(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
        and Path(h.baseFilename) == tmp_path / LOG_FILE_NAME
    ]
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 5


def test_an_unwritable_folder_gives_no_file_and_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    count = len(logging.getLogger().handlers)

    assert setup_logging(blocker / "logs") is None
    assert len(logging.getLogger().handlers) == count
