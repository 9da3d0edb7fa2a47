"""composite calculations (to be filled in)."""
