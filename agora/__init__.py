"""Agora: an open-source platform for open government data."""

__version__ = "0.1.0"
