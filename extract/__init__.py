"""notices: readers, extractors, reconciliation, store and CLI for Chinese government notices."""

__version__ = "0.1.0"
