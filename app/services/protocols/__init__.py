"""Protocols: assemble from the meeting record, edit the narrative, agree, sign, send copies.

One module per user action; :mod:`.snapshot` assembles the plain-data protocol.
"""
