"""The widgets of coop-tui, one class per module.

`SearchBar` and `DataErrorBar` are imported from their modules on first use
(the search line is mounted on the first `/`, the error bar when a save
breaks the data; importing and setting up their classes cost the first
paint a millisecond or so): `from tui.ui.widgets import SearchBar` still works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .detail_pane import DetailBox, DetailPane
from .key_bar import KeyBar
from .title_bar import TitleBar
from .topic_tree import TopicTree

if TYPE_CHECKING:
    from .data_error_bar import DataErrorBar
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
    if name == "DataErrorBar":
        from .data_error_bar import DataErrorBar

        return DataErrorBar
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
