"""scoring calculations (to be filled in)."""
