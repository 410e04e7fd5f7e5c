"""Pure rules of Kenes: only the standard library and this package may be imported here."""
