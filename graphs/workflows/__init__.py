"""Example workflows built on the graph engine: their tools and seed graph definitions."""
