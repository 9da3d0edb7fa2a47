"""grade models (to be filled in)."""
