"""The detail pane on the right: the open page, scrollable, with links to follow.

Links are spans of the page's Rich text whose style carries only a number (see
`render.LINK_META`); the pane keeps a cursor over them. Tab and Shift+Tab step
through the links as in a web page (past the last one, focus moves on), Enter
or a click follows one. Data text is never markup and never an action.

A page is rendered once to lines, block by block, and kept per page, language,
width and theme; only the rows on screen are painted. A Static in a scrolling
container would render the whole page twice on every key press (to measure it,
then to paint it) and reflow the screen, and a key press in the tree must stay
as cheap as in a bare Textual Tree. Moving the link cursor re-renders only the
block the link is in. A new page shown at the top of the pane repaints only the
rows that differ from the page before, as far as their last visible cell: each
key press goes to the terminal, over SSH too.

A page not kept yet is built and rendered in a thread (see page_job.py): the
pane waits a moment for it, and past that shows "building…" with the page's
title until it comes; Esc abandons it (`abandon`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import TYPE_CHECKING, Callable, ClassVar

from rich.console import ConsoleOptions, RenderableType
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.containers import Container
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...links import ItemRef, PageRef
from ...render import LINK_META, Link, Page, with_cursor
from ..bindings import bindings
from ..messages import PageBuilt
from ..textual_private import (
    QuietBorderTitle,
    move_scrollbar_quietly,
    set_virtual_size_quietly,
)
from .page_job import WAIT_SECONDS, PageJob
from .render_style import StyleOncePerRender
from .strips import compact, ink_width

if TYPE_CHECKING:
    pass


class DetailBox(QuietBorderTitle, Container):
    """The detail pane's border and the open page's title on it.

    The border is the box's rather than the pane's: Textual writes a repainted
    row from the first cell of the widget it belongs to, so a border of the
    pane's own would go to the terminal again (about 40 bytes) with every row
    a new page changes.
    """

    def set_title(self, old: str, new: str, *, row_only: bool) -> None:
        """Show `new`; with `row_only`, repaint the title's row alone, not the whole box."""
        if not row_only:
            self.border_title = Content(new)
            return
        # Setting border_title would repaint the whole box, the pane inside it too.
        self.set_border_title_quietly(Content(new))
        left, top = self.content_offset
        # The corner, a rule and a space come before the title, a space after.
        ink = 4 + max(Content(old).cell_length, Content(new).cell_length)
        self.refresh(Region(-left, -top, min(ink, self.outer_size.width), 1))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The corner and the rule beside it are one style: one segment.
        return [compact(strip) for strip in super().render_lines(crop)]


# Pages kept rendered: walking up and down a branch revisits the same few.
CACHED_PAGES = 64


class _Rendered:
    """A page as lines: one list of strips per block, and where each block starts.

    (A plain class: a dataclass costs some 0.3 ms to make on Python 3.11, at every start.)
    """

    __slots__ = ("blocks", "lines", "page", "tops")

    def __init__(
        self, page: Page | None, blocks: list[list[Strip]], tops: list[int], lines: list[Strip]
    ) -> None:
        self.page = page
        self.blocks = blocks
        self.tops = tops
        self.lines = lines


class DetailPane(StyleOncePerRender, ScrollView, can_focus=True):
    """Scrolls with the same keys as the tree: arrows, j/k, g/G, PageUp/PageDown."""

    # Tab walks the links; past the last (or before the first) it goes to the
    # other pane through the App, as with one pane shown at a time (narrow
    # terminals) Textual's focus_next would find nothing else to focus.
    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    class LinkFollowed(Message):
        """The reader chose a link: open its page (and show the fact or quote it names)."""

        def __init__(self, target: PageRef, item: ItemRef | None, more: int = 0) -> None:
            super().__init__()
            self.target = target
            self.item = item
            self.more = more
            """Non-zero for a "… N more" line: draw that many of each list of the page."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.page: Page | None = None
        self.link_cursor: int | None = None
        """The link under the keyboard cursor, an index into `page.links`."""
        self._rendered = _Rendered(None, [], [], [])
        self._cache: OrderedDict[Hashable, _Rendered] = OrderedDict()
        self._owner: object = None
        # What is on show, to render again at a new width or theme.
        self._current: tuple[Hashable | None, Callable[[], Page | RenderableType]] | None = None
        # Built in a thread: the page on show (and what to do once it comes),
        # and a page the reader may open next.
        self._job: PageJob | None = None
        self._then: tuple[bool, Callable[[], None] | None] = (False, None)
        self._prefetch: PageJob | None = None
        self._building: tuple[str, str] = ("", "")
        self._building_shown = False
        # Where the reader was, when a page redrawn in place (keep_scroll) builds long.
        self._scroll_back: tuple[float, float] | None = None
        self._title = ""
        self._marked = False
        self._resize_pending = False
        # A fact or quote to show once the pane has a size (see show_page).
        self._pending_item: ItemRef | None = None
        # The width the lines on the terminal were painted at (0: none yet).
        self._painted_width = 0

    # ------------------------------------------------------------ showing

    def show(self, title: str, body: RenderableType, *, keep_scroll: bool = False) -> None:
        """Show a renderable without links; the title never goes through markup.

        `keep_scroll` keeps the reader's place when the same page is redrawn (a reload).
        """
        self.page = None
        self.link_cursor = None
        self._drop_job()
        self._building = ("", "")
        self._set_title(title, False)
        self._current = (None, lambda: body)
        self._render_current(keep_scroll=keep_scroll)

    @property
    def building(self) -> bool:
        """A page is being built in its thread, and "building…" shows meanwhile (or soon will)."""
        return self._job is not None

    @property
    def drawn(self) -> bool:
        """Something is drawn in the pane (a page, a notice, "building…")."""
        return bool(self._rendered.lines)

    def abandon(self, text: str) -> bool:
        """Stop waiting for the page being built (its result is dropped), saying `text`.

        False if no page was building.
        """
        if self._job is None:
            return False
        self.show(self._building[0], Text(text))
        return True

    def _drop_job(self) -> None:
        if self._job is not None:
            self._job.abandoned = True
            self._job = None
        self._then = (False, None)
        self._scroll_back = None

    def show_page(
        self,
        build: Callable[[], Page],
        item: ItemRef | None = None,
        marked: bool = False,
        *,
        keep_scroll: bool = False,
        owner: object = None,
        key: Hashable | None = None,
        building: tuple[str, str] = ("", ""),
    ) -> None:
        """Show a page; with `item`, put the cursor on that fact or quote and scroll to it.

        `build` makes the page: with a `key` (naming the page within `owner`,
        the data set it comes from) it is built and rendered once and kept; a
        new owner forgets every page kept before.
        `keep_scroll` keeps the reader's place when the same page is redrawn (a
        reload, a language switch, a search highlighting it).
        `building`: the title and text shown while the page builds, when it takes long.
        """
        if owner is not self._owner:
            self._cache.clear()
            self._owner = owner
        self._drop_job()
        self._building = building
        self._current = (key, build)
        self.link_cursor = None
        self._marked = marked
        self._pending_item = None
        if self.scrollable_content_region.width <= 0:
            # Hidden (one pane at a time) or not laid out yet: the page is
            # rendered once the pane has a size, and the item shown then.
            self._pending_item = item
            return
        self._render_current(
            keep_scroll=keep_scroll and item is None, then=lambda: self._show_item(item)
        )

    def _show_item(self, item: ItemRef | None) -> None:
        """Put the link cursor on a fact or quote of the page shown, and scroll to it."""
        shown = self.page
        if shown is None:
            return
        if item is not None and item.kind != "topic":
            self.link_cursor = next(
                (n for n, link in enumerate(shown.links) if link.item == item), None
            )
        if self.link_cursor is not None:
            self._draw_cursor()
            self._scroll_to_link()
        elif item is not None and item in shown.item_blocks:
            self._scroll_to_line(self._top_of(shown.item_blocks[item]))

    def prerender(self, owner: object, key: Hashable, build: Callable[[], Page]) -> None:
        """Render a page into the cache without showing it (a page the reader may open next)."""
        width = self.scrollable_content_region.width
        if owner is not self._owner or width <= 0:
            return
        full_key = (key, width, self.app.theme)
        # One at a time, and never beside the page the reader waits for.
        if full_key in self._cache or self._job is not None or self._prefetch is not None:
            return
        what = (owner, full_key)
        self._prefetch = PageJob(what, build, self._options(width), self, self.app.theme)

    def set_marked(self, marked: bool) -> None:
        self._marked = marked
        if self.page is not None:
            self._set_title(self.page.title, marked)

    def _set_title(self, title: str, marked: bool, *, row_only: bool = False) -> None:
        # Every write reaches the terminal (over SSH, too): set only what changed.
        full = ("★ " if marked else "") + title
        if full != self._title:
            old, self._title = self._title, full
            box = self.parent
            if isinstance(box, DetailBox):
                box.set_title(old, full, row_only=row_only)

    def _render_current(self, *, keep_scroll: bool, then: Callable[[], None] | None = None) -> None:
        """Show the page on show at the pane's width, then call `then` (once it is built)."""
        if self._current is None:
            return
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # not laid out yet: on_resize renders it
        rendered = self._render_page(width)
        if rendered is None:
            # Still building: "building…" until the job's message comes.
            self._then = (keep_scroll, then)
            if keep_scroll and self._scroll_back is None:
                self._scroll_back = (self.scroll_x, self.scroll_y)
            self._show_building(width)
            return
        self._show_rendered(rendered, width, keep_scroll=keep_scroll)
        back, self._scroll_back = self._scroll_back, None
        if keep_scroll and back is not None:
            self.scroll_to(*back, animate=False, immediate=True)
        if then is not None:
            then()

    def _show_building(self, width: int) -> None:
        title, text = self._building
        self.page = None
        self.link_cursor = None
        self._set_title(title, self._marked)
        lines = self._render_block(Text(text), width)
        self._rendered = _Rendered(None, [lines], [0], lines)
        self._building_shown = True
        self.virtual_size = Size(width, len(lines))
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def on_page_built(self, event: PageBuilt) -> None:
        event.stop()
        job = event.job
        if job.error is not None and not job.abandoned:
            raise job.error  # a bug in the renderer: the App ends with its report
        if job is self._prefetch:
            self._prefetch = None
            what: tuple[object, Hashable] = job.what  # type: ignore[assignment]
            owner, full_key = what
            # Kept only for the data set and theme still on show (a reload
            # meanwhile forgot every page kept before).
            if job.result is not None and owner is self._owner and job.theme == self.app.theme:
                self._keep(full_key, self._assemble(job))
        elif job is self._job and self.scrollable_content_region.width > 0:
            keep_scroll, then = self._then
            self._then = (False, None)
            self._render_current(keep_scroll=keep_scroll, then=then)

    def _show_rendered(self, rendered: _Rendered, width: int, *, keep_scroll: bool) -> None:
        before = self._rendered.lines
        # With the page on the terminal at its top and at this width, only the
        # rows that change are written: every byte goes over SSH on each key.
        by_rows = self._painted_width == width and self.scroll_offset == (0, 0)
        old_height = self.virtual_size.height
        self._rendered = rendered
        self._building_shown = False
        self.page = self._rendered.page
        if not by_rows:
            if self.page is not None:
                self._set_title(self.page.title, self._marked)
            self.virtual_size = Size(width, len(self._rendered.lines))
            if not keep_scroll and (self.scroll_offset.x or self.scroll_offset.y):
                self.scroll_to(0, 0, animate=False, immediate=True)
            self.refresh()
            return
        if self.page is not None:
            self._set_title(self.page.title, self._marked, row_only=True)
        # The pane keeps its size: a new length moves the scrollbar only, so
        # no layout (which would repaint both panes' scrollbars).
        set_virtual_size_quietly(self, Size(width, len(self._rendered.lines)))
        self._repaint_changes(before, old_height)

    def _repaint_changes(self, before: list[Strip], old_height: int) -> None:
        """Mark for repainting only the cells that differ from the page painted before."""
        width = self.scrollable_content_region.width
        background = self.rich_style
        after = self._rendered.lines
        for y in range(self.scrollable_content_region.height):
            # The page is at its top (see _render_current): row y is line y.
            if y >= len(before) and y >= len(after):
                break  # blank in both from here on
            if y < len(before) and y < len(after) and before[y] == after[y]:
                continue  # the same line: no need to crop and style it to know
            old, new = self._line(before, y), self._line(after, y)
            if old != new:
                # The terminal crops a row's repaint at its right end: past
                # the last cell that shows anything in either page, both are
                # the same blank.
                ink = max(ink_width(old, background), ink_width(new, background))
                self.refresh(Region(0, y, ink or width, 1))
        self._move_scrollbar(old_height, self.virtual_size.height)

    def _move_scrollbar(self, old_height: int, new_height: int) -> None:
        """Tell the scrollbar the page's new length; repaint only its rows that change."""
        if old_height == new_height or not self.show_vertical_scrollbar:
            return
        move_scrollbar_quietly(self.vertical_scrollbar, old_height, new_height)

    def _render_page(self, width: int) -> _Rendered | None:
        """The page on show as lines of `width`: kept, built now, or None while it builds."""
        assert self._current is not None
        key, build = self._current
        theme = self.app.theme
        full_key = (key, width, theme)
        if key is not None and full_key in self._cache:
            self._drop_job()
            self._cache.move_to_end(full_key)
            return self._cache[full_key]
        if key is None and self._building == ("", ""):
            # Not a page (a notice, "loading"): nothing to wait for.
            self._drop_job()
            built = build()
            blocks = [self._render_block(built, width)]  # type: ignore[arg-type]
            return _Rendered(None, blocks, [0], blocks[0])
        job = self._job
        if job is None or job.what is not self._current or (job.width, job.theme) != (width, theme):
            # A page that was still building when the reader moved on: no
            # wait for this one either, so a key held down keeps moving.
            self._drop_job()
            adopted = self._adopt_prefetch(full_key) if key is not None else None
            job = self._job = adopted or PageJob(
                self._current, build, self._options(width), self, theme
            )
            if self._building_shown or not job.wait(WAIT_SECONDS):
                return None
        elif not job.done.is_set():
            return None
        self._job = None
        if job.error is not None:
            raise job.error  # a bug in the renderer: the App ends with its report
        rendered = self._assemble(job)
        if key is not None:
            self._keep(full_key, rendered)
        return rendered

    def _adopt_prefetch(self, full_key: Hashable) -> PageJob | None:
        """The page being built ahead, if it is the one now asked for: not built twice."""
        job = self._prefetch
        if job is None:
            return None
        what: tuple[object, Hashable] = job.what  # type: ignore[assignment]
        owner, key = what
        # The owner by identity: data sets are never compared by value.
        if owner is not self._owner or key != full_key:
            return None
        self._prefetch = None
        job.what = self._current
        return job

    def _assemble(self, job: PageJob) -> _Rendered:
        assert job.result is not None
        page, rendered_blocks = job.result
        tops: list[int] = []
        lines: list[Strip] = []
        for block_lines in rendered_blocks:
            tops.append(len(lines))
            lines.extend(block_lines)
        return _Rendered(page, rendered_blocks, tops, lines)

    def _keep(self, full_key: Hashable, rendered: _Rendered) -> None:
        self._cache[full_key] = rendered
        if len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)

    def _options(self, width: int) -> ConsoleOptions:
        return self.app.console.options.update(width=width, height=None)

    def _render_block(self, block: RenderableType, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=width, height=None)
        return [Strip(line, width) for line in console.render_lines(block, options, pad=True)]

    # ------------------------------------------------------------ painting

    def on_mount(self) -> None:
        # Rendered lines carry the old theme's colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_again())

    def on_resize(self) -> None:
        # Rendered lines have the old width (or there were none yet). Once per
        # burst: dragging a window corner sends dozens of resizes, and rendering
        # the page at each width would leave the screen blank for seconds.
        if not self._rendered.lines:
            self._show_again()  # the first layout: show the page in the first frame
        elif not self._resize_pending:
            self._resize_pending = True
            self.call_after_refresh(self._show_again)

    def _show_again(self) -> None:
        self._resize_pending = False
        if self._pending_item is not None:
            item, self._pending_item = self._pending_item, None
            self._render_current(keep_scroll=False, then=lambda: self._show_item(item))
            return
        cursor = self.link_cursor
        self._render_current(keep_scroll=True, then=lambda: self._put_cursor_back(cursor))

    def _put_cursor_back(self, cursor: int | None) -> None:
        if cursor is not None and self.page is not None and cursor < len(self.page.links):
            self.link_cursor = cursor
            self._draw_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The lines as written to the terminal, padding included.
        return [compact(strip) for strip in super().render_lines(crop)]

    def render_line(self, y: int) -> Strip:
        self._painted_width = self.scrollable_content_region.width
        return self._line(self._rendered.lines, y)

    def _line(self, lines: list[Strip], y: int) -> Strip:
        """Row `y` of the pane showing `lines` at the current scroll offset."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        index = scroll_y + y
        if index >= len(lines):
            return Strip.blank(width, style)
        return lines[index].crop_extend(scroll_x, scroll_x + width, style).apply_style(style)

    def _draw_cursor(self) -> None:
        """Lines as rendered, with the link under the cursor (if any) drawn reversed.

        Only the link's block is rendered again; the cached page stays clean.
        """
        rendered, page = self._rendered, self.page
        if page is None:
            return
        lines = [line for block in rendered.blocks for line in block]
        if self.link_cursor is not None:
            index = page.link_blocks[self.link_cursor]
            width = self.scrollable_content_region.width
            marked = self._render_block(with_cursor(page.blocks[index], self.link_cursor), width)
            top = rendered.tops[index]
            lines[top : top + len(rendered.blocks[index])] = marked
        self._rendered = _Rendered(page, rendered.blocks, rendered.tops, lines)
        self.refresh()

    # ------------------------------------------------------------ links

    @property
    def current_link(self) -> Link | None:
        if self.page is None or self.link_cursor is None:
            return None
        return self.page.links[self.link_cursor]

    def _top_of(self, block: int) -> int:
        tops = self._rendered.tops
        return tops[block] if block < len(tops) else len(self._rendered.lines)

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False, immediate=True)

    def _scroll_to_link(self) -> None:
        if self.page is None or self.link_cursor is None:
            return
        block = self.page.link_blocks[self.link_cursor]
        top = self._top_of(block)
        bottom = self._top_of(block + 1) - 1
        height = self.scrollable_content_region.height
        # Show the link's whole block (a fact ends with its marker), moving as
        # little as possible; a block taller than the pane shows from its top.
        if top < self.scroll_y:
            self._scroll_to_line(max(0, top - 1))
        elif bottom >= self.scroll_y + height:
            self._scroll_to_line(min(top, bottom - height + 1))

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
            self._draw_cursor()
            return False
        self.link_cursor = target
        self._draw_cursor()
        self._scroll_to_link()
        return True

    async def action_next_link(self) -> None:
        if not self._move_link(+1):
            await self.run_action("app.switch_pane")

    async def action_previous_link(self) -> None:
        if self.link_cursor is None or not self._move_link(-1):
            self.link_cursor = None
            self._draw_cursor()
            await self.run_action("app.switch_pane")

    def action_follow_link(self) -> None:
        link = self.current_link
        if link is not None:
            self.post_message(self.LinkFollowed(link.target, link.item, link.more))

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
        self._draw_cursor()
        self.action_follow_link()

    def on_blur(self) -> None:
        # The cursor belongs to keyboard focus; leaving the pane puts it away.
        if self.link_cursor is not None:
            self.link_cursor = None
            self._draw_cursor()
