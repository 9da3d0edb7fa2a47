"""pacing calculations (to be filled in)."""
