"""timing calculations (to be filled in)."""
