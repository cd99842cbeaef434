"""Normalization of figures, units and dates as written in Chinese notices (pure functions)."""
