"""Persistence: SQLAlchemy 2 mapped classes, the database set-up and Alembic migrations."""
