"""The screens of coop-tui, one class per module."""

from .bookmarks import BookmarksClosed, BookmarksScreen
from .citation import CitationScreen
from .help import HelpScreen
from .index import IndexScreen
from .timeline import TimelineChoice, TimelineScreen

__all__ = [
    "BookmarksClosed",
    "BookmarksScreen",
    "CitationScreen",
    "HelpScreen",
    "IndexScreen",
    "TimelineChoice",
    "TimelineScreen",
]
