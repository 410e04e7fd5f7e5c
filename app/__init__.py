"""Kenes: the secretariat's desk for councils, commissions and boards."""

__version__ = "0.1.0"
APP_NAME = "Kenes"
