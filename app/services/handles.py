"""What the views hold of the storage: the types they carry between services, and no more.

Views never import :mod:`app.models` (``tests/test_layers.py``): they never
open a session and never see a table.  A view still holds the open database,
only to hand it to the service functions it calls, and the backup actions
hold the record of a backup file a service made; their annotations need those
two types.  This module names them for the views, in one place, so that the
layer rule has no exceptions.  The runner also asks it whether an action committed
anything before its connection was lost (``commits_in_this_thread``).
"""

from __future__ import annotations

from app.models.backup import BackupFile
from app.models.database import Database, commits_in_this_thread

__all__ = ["BackupFile", "Database", "commits_in_this_thread"]
