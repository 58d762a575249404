"""The detail pane on the right: the open page, scrollable, with links to follow.

Links are spans of the page's Rich text whose style carries only a number (see
`render.LINK_META`); the pane keeps a cursor over them. Tab and Shift+Tab step
through the links as in a web page (past the last one, focus moves on), Enter
or a click follows one. Data text is never markup and never an action.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ..links import ItemRef, PageRef
from ..render import LINK_META, Link, Page, with_cursor


class DetailPane(VerticalScroll):
    """Scrolls with the same keys as the tree: arrows, j/k, g/G, PageUp/PageDown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        # Tab walks the links; past the last (or before the first) it goes to the
        # other pane through the App, as with one pane shown at a time (narrow
        # terminals) Textual's focus_next would find nothing else to focus.
        Binding("tab", "next_link", "Next link", show=False),
        Binding("shift+tab", "previous_link", "Previous link", show=False),
        Binding("enter", "follow_link", "Follow", show=False),
        Binding("escape", "app.focus_tree", "Back to topics", show=False),
    ]

    class LinkFollowed(Message):
        """The reader chose a link: open its page (and show the fact or quote it names)."""

        def __init__(self, target: PageRef, item: ItemRef | None) -> None:
            super().__init__()
            self.target = target
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.page: Page | None = None
        self.link_cursor: int | None = None
        """The link under the keyboard cursor, an index into `page.links`."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    @property
    def body(self) -> Static:
        return self.query_one("#detail-body", Static)

    def show(self, title: str, body: RenderableType, *, keep_scroll: bool = False) -> None:
        """Show a renderable without links; the title never goes through markup.

        `keep_scroll` keeps the reader's place when the same page is redrawn (a reload).
        """
        self.page = None
        self.link_cursor = None
        self.border_title = Content(title)
        self.body.update(body)
        if not keep_scroll:
            self.scroll_home(animate=False)

    def show_page(
        self,
        page: Page,
        item: ItemRef | None = None,
        marked: bool = False,
        *,
        keep_scroll: bool = False,
    ) -> None:
        """Show a page; with `item`, put the cursor on that fact or quote and scroll to it.

        `keep_scroll` keeps the reader's place when the same page is redrawn (a
        reload, a language switch, a search highlighting it).
        """
        self.page = page
        self.link_cursor = None
        title = ("★ " if marked else "") + page.title
        self.border_title = Content(title)
        if item is not None and item.kind != "topic":
            self.link_cursor = next(
                (n for n, link in enumerate(page.links) if link.item == item), None
            )
        self._draw()
        if keep_scroll and item is None:
            return
        self.scroll_home(animate=False)
        if self.link_cursor is not None:
            self.call_after_refresh(self._scroll_to_link)
        elif item is not None and item in page.item_blocks:
            block = page.item_blocks[item]
            self.call_after_refresh(self._scroll_to_block, block)

    def set_marked(self, marked: bool) -> None:
        if self.page is not None:
            self.border_title = Content(("★ " if marked else "") + self.page.title)

    @property
    def current_link(self) -> Link | None:
        if self.page is None or self.link_cursor is None:
            return None
        return self.page.links[self.link_cursor]

    def _draw(self) -> None:
        page = self.page
        if page is None:
            return
        blocks = list(page.blocks)
        if self.link_cursor is not None:
            index = page.link_blocks[self.link_cursor]
            blocks[index] = with_cursor(blocks[index], self.link_cursor)
        self.body.update(Group(*blocks))

    def _block_top(self, block: int) -> int:
        """The line a block starts on, as rendered at the pane's width."""
        if self.page is None:
            return 0
        console = self.app.console
        width = max(1, self.body.content_region.width or self.scrollable_content_region.width)
        options = console.options.update_width(width)
        return sum(
            len(console.render_lines(b, options, pad=False)) for b in self.page.blocks[:block]
        )

    def _scroll_to_block(self, block: int) -> None:
        self.scroll_to(y=self._block_top(block), animate=False)

    def _scroll_to_link(self) -> None:
        if self.page is None or self.link_cursor is None:
            return
        block = self.page.link_blocks[self.link_cursor]
        top = self._block_top(block)
        bottom = self._block_top(block + 1) - 1
        height = self.scrollable_content_region.height
        # Show the link's whole block (a fact ends with its marker), moving as
        # little as possible; a block taller than the pane shows from its top.
        if top < self.scroll_y:
            self.scroll_to(y=max(0, top - 1), animate=False)
        elif bottom >= self.scroll_y + height:
            self.scroll_to(y=min(top, bottom - height + 1), animate=False)

    def _move_link(self, step: int) -> bool:
        """Move the link cursor; False when it ran off either end (and is now cleared)."""
        count = len(self.page.links) if self.page is not None else 0
        if count == 0:
            return False
        if self.link_cursor is None:
            target = 0 if step > 0 else count - 1
        else:
            target = self.link_cursor + step
        if not 0 <= target < count:
            self.link_cursor = None
            self._draw()
            return False
        self.link_cursor = target
        self._draw()
        self._scroll_to_link()
        return True

    async def action_next_link(self) -> None:
        if not self._move_link(+1):
            await self.run_action("app.switch_pane")

    async def action_previous_link(self) -> None:
        if self.link_cursor is None or not self._move_link(-1):
            self.link_cursor = None
            self._draw()
            await self.run_action("app.switch_pane")

    def action_follow_link(self) -> None:
        link = self.current_link
        if link is not None:
            self.post_message(self.LinkFollowed(link.target, link.item))

    def on_click(self, event: events.Click) -> None:
        number = event.style.meta.get(LINK_META)
        if (
            self.page is None
            or not isinstance(number, int)
            or not 0 <= number < len(self.page.links)
        ):
            return
        event.stop()
        self.link_cursor = number
        self.action_follow_link()

    def on_blur(self) -> None:
        # The cursor belongs to keyboard focus; leaving the pane puts it away.
        if self.link_cursor is not None:
            self.link_cursor = None
            self._draw()
