"""fitted models (to be filled in)."""
