"""Import every module with mapped classes, so the metadata is complete."""

from app.models import audit, composition, conduct, meeting, meta, protocol  # noqa: F401
