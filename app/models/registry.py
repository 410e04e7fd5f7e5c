"""Import every module with mapped classes, so the metadata is complete."""

from app.models import (  # noqa: F401
    accounts,
    audit,
    composition,
    conduct,
    esign,
    meeting,
    meta,
    profile_history,
    protocol,
    review,
)
