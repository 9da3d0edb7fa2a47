"""heat models (to be filled in)."""
