"""PySide6 widgets, dialogs and item models: thin, they call services and show results."""
