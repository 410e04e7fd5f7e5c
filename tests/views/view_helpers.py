"""What the view tests share besides fixtures: questions answered without opening a modal box."""

from __future__ import annotations

from types import ModuleType

import pytest


def answering(monkeypatch: pytest.MonkeyPatch, answer: bool, *modules: ModuleType) -> list[str]:
    """The ``ask`` of each of ``modules`` answers ``answer``; the questions asked, in order."""
    asked: list[str] = []

    def reply(_parent: object, question: str) -> bool:
        asked.append(question)
        return answer

    for module in modules:
        monkeypatch.setattr(module, "ask", reply)
    return asked
