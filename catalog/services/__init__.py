"""Writes of the catalog app, one module per area (importing: the toolkit and tool catalog)."""
