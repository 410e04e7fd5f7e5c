"""Reports: documents rendered from immutable snapshots (no database, no Qt)."""
