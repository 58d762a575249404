"""The screens of coop-tui, one class per module."""

from .help import HelpScreen

__all__ = ["HelpScreen"]
