"""The detail pane on the right: a scrollable Rich rendering of the open topic."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Callable, ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Pages kept rendered: walking up and down a branch revisits the same few.
CACHED_PAGES = 64


class DetailPane(ScrollView, can_focus=True):
    """Scrolls with the same keys as the tree: arrows, j/k, g/G, PageUp/PageDown.

    A page is rendered once to lines (Rich wraps its paragraphs and draws its
    bars), kept per page, language and width, and only the lines on screen
    are painted. A Static in a scrolling container would render the whole
    page twice on every key press (to measure it, then to paint it) and
    reflow the screen, and a key press in the tree must stay as cheap as in a
    bare Textual Tree.
    """

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Strip] = []
        self._pages: OrderedDict[Hashable, list[Strip]] = OrderedDict()
        self._owner: object = None
        self._current: tuple[str, Hashable | None, Callable[[], RenderableType]] | None = None

    def show(self, title: str, body: RenderableType, *, keep_scroll: bool = False) -> None:
        """Replace the page; the title goes in the border, never through markup.

        `keep_scroll` keeps the reader's place when the same page is redrawn (a reload).
        """
        self._show(title, None, lambda: body, keep_scroll)

    def show_cached(
        self,
        title: str,
        owner: object,
        key: Hashable,
        build: Callable[[], RenderableType],
        *,
        keep_scroll: bool = False,
    ) -> None:
        """Show the page `build()` makes, rendered once per `key`, width and theme.

        `key` names the page (topic and language, say) within `owner` (the data
        set it comes from): a new owner forgets every page rendered before.
        """
        if owner is not self._owner:
            self._pages.clear()
            self._owner = owner
        self._show(title, key, build, keep_scroll)

    def prerender(self, owner: object, key: Hashable, build: Callable[[], RenderableType]) -> None:
        """Render a page into the cache without showing it (a page the reader may open next)."""
        width = self.scrollable_content_region.width
        if owner is self._owner and width > 0:
            self._rendered(key, build, width)

    def _show(
        self,
        title: str,
        key: Hashable | None,
        build: Callable[[], RenderableType],
        keep_scroll: bool = False,
    ) -> None:
        self._current = (title, key, build)
        # Every write here reaches the terminal (over SSH, too): nothing is set
        # that has not changed, and a page already at the top is not scrolled.
        if str(self.border_title or "") != title:
            self.border_title = Content(title)
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize renders it
        self._lines = self._rendered(key, build, width)
        self.virtual_size = Size(width, len(self._lines))
        if not keep_scroll and (self.scroll_offset.x or self.scroll_offset.y):
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _rendered(
        self, key: Hashable | None, build: Callable[[], RenderableType], width: int
    ) -> list[Strip]:
        full_key = (key, width, self.app.theme)
        if key is not None and full_key in self._pages:
            self._pages.move_to_end(full_key)
            return self._pages[full_key]
        console = self.app.console
        options = console.options.update(width=width, height=None)
        lines = [Strip(line, width) for line in console.render_lines(build(), options, pad=True)]
        if key is not None:
            self._pages[full_key] = lines
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        return lines

    def on_mount(self) -> None:
        # Rendered lines carry the old theme's colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_again())

    def on_resize(self) -> None:
        # Rendered lines have the old width (or there were none yet).
        self._show_again()

    def _show_again(self) -> None:
        if self._current is not None:
            self._show(*self._current, keep_scroll=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        index = scroll_y + y
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, style).apply_style(style)
