"""The seed 000 board, for the composition file actions."""

from __future__ import annotations

import pytest

from app.models.database import Database
from app.services.base import SYSTEM
from app.services.councils import list_councils
from app.services.demo import create_demo


@pytest.fixture
def demo(database: Database) -> int:
    """The seed 000 board; returns its council id."""
    assert create_demo(database, SYSTEM)
    return list_councils(database)[0].id
