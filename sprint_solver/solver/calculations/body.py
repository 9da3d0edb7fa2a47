"""body calculations (to be filled in)."""
