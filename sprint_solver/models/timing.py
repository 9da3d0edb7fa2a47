"""timing models (to be filled in)."""
