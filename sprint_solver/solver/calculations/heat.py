"""heat calculations (to be filled in)."""
