"""grade calculations (to be filled in)."""
