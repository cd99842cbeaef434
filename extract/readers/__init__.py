"""Readers: one file in, one Document out. Only readers touch input files."""
