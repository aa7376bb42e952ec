"""Derived views of a validated catalog: reverse links, RACI matrices, stack maps, insights."""
