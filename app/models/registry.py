"""Import every module with mapped classes, so the metadata is complete."""

from app.models import audit, composition, meta  # noqa: F401
