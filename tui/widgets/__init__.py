"""The widgets of coop-tui, one class per module."""

from .data_error_bar import DataErrorBar
from .detail_pane import DetailPane
from .key_bar import KeyBar
from .title_bar import TitleBar
from .topic_tree import TopicTree

__all__ = ["DataErrorBar", "DetailPane", "KeyBar", "TitleBar", "TopicTree"]
