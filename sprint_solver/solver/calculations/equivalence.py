"""equivalence calculations (to be filled in)."""
