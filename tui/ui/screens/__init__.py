"""The screens of coop-tui, one class per module.

Each name is imported from its module on first use: the App imports the main
screen at start, and the dialogs (bookmarks, help, timeline ...) cost nothing
until the reader opens one.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .bookmarks import BookmarksClosed, BookmarksScreen
    from .citation import CitationScreen
    from .help import HelpScreen
    from .index import IndexScreen
    from .main import MainScreen
    from .timeline import TimelineChoice, TimelineScreen

_MODULES = {
    "BookmarksClosed": "bookmarks",
    "BookmarksScreen": "bookmarks",
    "CitationScreen": "citation",
    "HelpScreen": "help",
    "IndexScreen": "index",
    "MainScreen": "main",
    "TimelineChoice": "timeline",
    "TimelineScreen": "timeline",
}

__all__ = [
    "BookmarksClosed",
    "BookmarksScreen",
    "CitationScreen",
    "HelpScreen",
    "IndexScreen",
    "MainScreen",
    "TimelineChoice",
    "TimelineScreen",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
