"""Services: one function per user action, in one transaction, checking the rules."""
