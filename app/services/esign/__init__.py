"""Electronic signatures (PAdES) of issued protocols and their verification offline."""
