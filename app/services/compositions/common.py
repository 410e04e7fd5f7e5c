"""What the composition file actions share: the languages a file is written in, writing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.domain.council import LANGS
from app.domain.errors import EnvironmentProblem
from app.domain.translation import N_


def check_lang(lang: str) -> str:
    """Refuse a language Kenes writes no documents in (a bug in the caller, not the user's)."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return lang


def write_file(path: Path, write: Callable[[Path], object]) -> Path:
    """Run ``write`` (which writes the file whole or not at all); say why it could not."""
    try:
        write(path)
    except OSError as exc:
        raise EnvironmentProblem(
            N_("The file {path} cannot be written: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc
    return path
