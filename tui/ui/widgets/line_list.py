"""A long list drawn line by line: only the rows on screen are ever rendered.

The timeline of a big data set has tens of thousands of lines. A widget per
line (or an OptionList, which measures every option) costs seconds and
hundreds of megabytes before the first frame; this list is handed a row count
and a function that renders one row, and asks it only for the rows it paints.
A cursor moves over the rows that can be chosen (headings are skipped); a key
press repaints the two rows the cursor leaves and reaches, nothing else.
"""

from __future__ import annotations

from typing import Callable, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Rows kept rendered: a few screens' worth, so scrolling back costs nothing.
CACHED_ROWS = 512


class LineList(ScrollView, can_focus=True):
    """Rows from `render_row(row, width)`; `selectable(row)` says which take the cursor."""

    DEFAULT_CSS = """
    LineList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    LineList > .line-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: bold;
    }
    LineList:focus > .line-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-list--cursor"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(-1)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to `row` (-1: no row can take it) of the rows set `generation`."""

        def __init__(self, row: int, generation: int) -> None:
            super().__init__()
            self.row = row
            self.generation = generation

    class Chosen(Message):
        """Enter (or a click) on `row` of the rows set `generation`."""

        def __init__(self, row: int, generation: int) -> None:
            super().__init__()
            self.row = row
            self.generation = generation

    def __init__(
        self,
        render_row: Callable[[int, int], Text],
        selectable: Callable[[int], bool],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._render_row = render_row
        self._selectable = selectable
        self.count = 0
        self.cursor = -1
        self.generation = 0
        """Counts `set_rows`: a message about rows set before the last one is stale.

        A burst of keys can change the rows (a filter, another list) before the
        screen has read a message about the old ones; its row then names
        another item, or none.
        """
        self._cache: dict[tuple[int, bool], Strip] = {}
        self._width = 0

    # ------------------------------------------------------------ content

    def set_rows(self, count: int, cursor: int = -1, *, top: int | None = None) -> None:
        """Show `count` rows with the cursor on `cursor` (or the first row that takes it).

        `top` puts that row at the top of the list (a reader's place, kept).
        """
        self.count = count
        self.generation += 1
        self._cache.clear()
        self.virtual_size = Size(self.virtual_size.width, count)
        if not 0 <= cursor < count or not self._selectable(cursor):
            cursor = self._next_selectable(0, 1)
        self.cursor = cursor
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_cursor_in_view()
        self.refresh()
        self.post_message(self.Highlighted(self.cursor, self.generation))

    def redraw(self) -> None:
        """Render every row again (the language or the theme changed)."""
        self._cache.clear()
        self.refresh()

    def _next_selectable(self, start: int, step: int) -> int:
        row = start
        while 0 <= row < self.count:
            if self._selectable(row):
                return row
            row += step
        return -1

    # ------------------------------------------------------------ painting

    def on_resize(self) -> None:
        self._cache.clear()
        self._keep_cursor_in_view()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._cache.clear()
            self._width = width
        row = round(self.scroll_y) + y
        if not 0 <= row < self.count:
            return Strip.blank(width, self.rich_style)
        key = (row, row == self.cursor)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_strip(row, width, key[1])
            if len(self._cache) >= CACHED_ROWS:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _render_strip(self, row: int, width: int, under_cursor: bool) -> Strip:
        text = self._render_row(row, width)
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        if under_cursor:
            text.stylize(self._cursor_style())
        segments = list(text.render(self.app.console))
        return Strip(segments, width).crop(0, width).apply_style(self.rich_style)

    def _cursor_style(self) -> Style:
        return self.get_component_rich_style("line-list--cursor", partial=True)

    def on_focus(self) -> None:
        self._repaint_row(self.cursor)

    def on_blur(self) -> None:
        self._repaint_row(self.cursor)

    def _repaint_row(self, row: int) -> None:
        if row < 0:
            return
        self._cache.pop((row, True), None)
        y = row - round(self.scroll_y)
        if 0 <= y < self.scrollable_content_region.height:
            self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    # ------------------------------------------------------------ the cursor

    def move_to(self, row: int) -> None:
        if not 0 <= row < self.count or row == self.cursor:
            return
        old, self.cursor = self.cursor, row
        scrolled = self._keep_cursor_in_view()
        if not scrolled:
            self._repaint_row(old)
            self._repaint_row(row)
        self.post_message(self.Highlighted(row, self.generation))

    def _keep_cursor_in_view(self) -> bool:
        """Scroll as little as possible to show the cursor; True when it scrolled."""
        height = self.scrollable_content_region.height
        if self.cursor < 0 or height <= 0:
            return False
        top = round(self.scroll_y)
        wanted = top
        # A heading just above the cursor comes into view with it.
        above = (
            self.cursor - 1
            if self.cursor > 0 and not self._selectable(self.cursor - 1)
            else self.cursor
        )
        if above < top:
            wanted = above
        elif self.cursor >= top + height:
            wanted = self.cursor - height + 1
        if wanted != top:
            self.scroll_to(y=wanted, animate=False, immediate=True)
            return True
        return False

    def action_move(self, step: int) -> None:
        start = self.cursor + step if self.cursor >= 0 else 0
        row = self._next_selectable(start, step)
        if row >= 0:
            self.move_to(row)

    def action_page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = min(max(self.cursor + step * height, 0), self.count - 1)
        row = self._next_selectable(start, step)
        if row < 0:
            row = self._next_selectable(start, -step)
        if row >= 0:
            self.move_to(row)

    def action_edge(self, step: int) -> None:
        row = self._next_selectable(self.count - 1, -1) if step > 0 else self._next_selectable(0, 1)
        if row >= 0:
            self.move_to(row)
        if step < 0:
            self.scroll_to(y=0, animate=False, immediate=True)

    def action_choose(self) -> None:
        if self.cursor >= 0:
            self.post_message(self.Chosen(self.cursor, self.generation))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if 0 <= row < self.count and self._selectable(row):
            event.stop()
            self.move_to(row)
            self.post_message(self.Chosen(row, self.generation))
