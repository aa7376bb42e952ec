"""Scaffolding: the files `mops init` and `mops new` write."""
