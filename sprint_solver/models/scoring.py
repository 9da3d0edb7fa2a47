"""scoring models (to be filled in)."""
