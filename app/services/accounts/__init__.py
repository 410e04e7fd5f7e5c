"""Accounts, roles and signing in: one action per module; the check in ``authorize``."""
