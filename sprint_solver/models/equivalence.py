"""equivalence models (to be filled in)."""
