"""The detail pane on the right: a scrollable Rich rendering of the open topic."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class DetailPane(VerticalScroll):
    """Scrolls with the same keys as the tree: arrows, j/k, g/G, PageUp/PageDown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        # On the pane, not the screen: with one pane shown at a time (narrow
        # terminals) Textual's focus_next would find nothing else to focus.
        Binding("tab,shift+tab", "app.switch_pane", "Other pane", show=False),
        Binding("escape", "app.focus_tree", "Back to topics", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, title: str, body: RenderableType, *, keep_scroll: bool = False) -> None:
        """Replace the page; the title goes in the border, never through markup.

        `keep_scroll` keeps the reader's place when the same page is redrawn (a reload).
        """
        self.border_title = Content(title)
        self.query_one("#detail-body", Static).update(body)
        if not keep_scroll:
            self.scroll_home(animate=False)
