"""Fact extractors, one module per kind, registered by name in `base`."""
