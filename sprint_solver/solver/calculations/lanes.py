"""lanes calculations (to be filled in)."""
