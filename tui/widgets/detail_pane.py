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
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, title: str, body: RenderableType) -> None:
        """Replace the page; the title goes in the border, never through markup.

        Every write here reaches the terminal (over SSH, too): nothing is set
        that has not changed, and a page already at the top is not scrolled.
        """
        with self.app.batch_update():
            if str(self.border_title or "") != title:
                self.border_title = Content(title)
            self.query_one("#detail-body", Static).update(body)
            if self.scroll_offset.x or self.scroll_offset.y:
                self.scroll_home(animate=False)
