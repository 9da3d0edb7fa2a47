"""body models (to be filled in)."""
