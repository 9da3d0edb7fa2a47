"""pacing models (to be filled in)."""
