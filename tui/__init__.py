"""coop-tui: a terminal explorer of St Petersburg–Belarus cooperation."""

__version__ = "0.1.0"
