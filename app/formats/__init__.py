"""Pure file formats: readers, writers and checks of file contents (no database, no Qt)."""
