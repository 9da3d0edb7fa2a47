"""atmosphere models (to be filled in)."""
