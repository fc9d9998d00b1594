"""The workflow engine: pure Python, no Django. Graph definitions in, runs and events out."""
