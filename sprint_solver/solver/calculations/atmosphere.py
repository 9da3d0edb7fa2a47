"""atmosphere calculations (to be filled in)."""
