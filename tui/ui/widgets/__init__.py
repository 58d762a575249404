"""The widgets of coop-tui, one class per module.

`SearchBar` is imported from its module on first use (the search line is
mounted on the first `/`, and its input field costs the first paint a
millisecond to import and set up): `from tui.ui.widgets import SearchBar`
still works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data_error_bar import DataErrorBar
from .detail_pane import DetailBox, DetailPane
from .key_bar import KeyBar
from .title_bar import TitleBar
from .topic_tree import TopicTree

if TYPE_CHECKING:
    from .search_bar import SearchBar

__all__ = [
    "DataErrorBar",
    "DetailBox",
    "DetailPane",
    "KeyBar",
    "SearchBar",
    "TitleBar",
    "TopicTree",
]


def __getattr__(name: str) -> object:
    if name == "SearchBar":
        from .search_bar import SearchBar

        return SearchBar
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
