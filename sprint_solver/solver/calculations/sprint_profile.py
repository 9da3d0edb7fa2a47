"""sprint_profile calculations (to be filled in)."""
