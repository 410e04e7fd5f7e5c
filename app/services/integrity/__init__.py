"""Tamper evidence: the audit hash chain, seals of signed meetings, and their check."""
