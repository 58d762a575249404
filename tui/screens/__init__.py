"""The screens of coop-tui, one class per module."""

from .bookmarks import BookmarksClosed, BookmarksScreen
from .help import HelpScreen

__all__ = ["BookmarksClosed", "BookmarksScreen", "HelpScreen"]
