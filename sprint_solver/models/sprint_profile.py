"""sprint_profile models (to be filled in)."""
