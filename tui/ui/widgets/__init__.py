"""The widgets of coop-tui, one class per module."""

from .data_error_bar import DataErrorBar
from .detail_pane import DetailBox, DetailPane
from .key_bar import KeyBar
from .search_bar import SearchBar
from .title_bar import TitleBar
from .topic_tree import TopicTree

__all__ = [
    "DataErrorBar",
    "DetailBox",
    "DetailPane",
    "KeyBar",
    "SearchBar",
    "TitleBar",
    "TopicTree",
]
