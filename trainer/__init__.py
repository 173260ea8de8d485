"""Breakup practice trainer: rehearse the hard moments, get coached on each choice."""

__version__ = "0.1.0"
