"""The screens of coop-tui, one class per module."""

from .bookmarks import BookmarksClosed, BookmarksScreen
from .citation import CitationScreen
from .help import HelpScreen

__all__ = ["BookmarksClosed", "BookmarksScreen", "CitationScreen", "HelpScreen"]
