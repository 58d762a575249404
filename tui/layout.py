"""Fit the screen to the terminal: two panes, one pane at a time, or a notice.

- 60 columns or more: the topic tree and the detail pane side by side.
- Narrower: one pane at a time, the one with focus (Tab, Enter on a leaf and
  Escape switch), because two squeezed panes hold no readable line.
- Below 20x6: a "terminal too small" notice in place of everything, until the
  terminal grows again; `q` still quits.

The App mixes `ResponsiveLayout` in; everything else here is CSS classes on the
App, so the widgets do not know about sizes.
"""

from __future__ import annotations

import shutil

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from .i18n import label
from .model import Lang

NARROW_BELOW = 60
MIN_WIDTH = 20
MIN_HEIGHT = 6

# How long the terminal must stay one size before its real size is checked.
SIZE_SETTLE_SECONDS = 0.1

# A readable measure: page text runs to this many columns at most (the detail
# pane's padding, scrollbar and border come on top); wider terminals give the
# rest to the topic tree, whose long titles then fit on one line.
MEASURE = 100
DETAIL_MAX = MEASURE + 2 + 1 + 2
TREE_MAX = 48

NARROW = "-narrow"
TOO_SMALL = "-too-small"
SHOW_DETAIL = "-show-detail"


def size_class(width: int, height: int) -> str | None:
    """The layout for a terminal of this size: TOO_SMALL, NARROW or None (both panes)."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return TOO_SMALL
    if width < NARROW_BELOW:
        return NARROW
    return None


def tree_width(width: int) -> int | None:
    """The tree's width when the terminal is so wide that the page would exceed MEASURE;
    None: the stylesheet's own (a third of the width, up to TREE_MAX)."""
    rest = width - DETAIL_MAX
    return rest if rest > TREE_MAX else None


def too_small_text(width: int, height: int, lang: Lang) -> Content:
    return Content(
        label("too_small", lang).format(
            width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT
        )
    )


class TooSmall(Static):
    """The notice shown instead of the panes when the terminal is too small."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """


class ResponsiveLayout:
    """App mixin: switch CSS classes as the terminal's size and the focus change."""

    DETAIL_ID = "detail"
    TREE_ID = "topics"

    def _apply_size(self, width: int, height: int) -> None:
        app = self  # the App this is mixed into
        chosen = size_class(width, height)
        app.set_class(chosen == TOO_SMALL, TOO_SMALL)  # type: ignore[attr-defined]
        app.set_class(chosen == NARROW, NARROW)  # type: ignore[attr-defined]
        wide = tree_width(width) if chosen is None else None
        if wide != getattr(self, "_tree_wide", None):
            # Only on a change: setting a style, even to what it is, lays the
            # screen out again and repaints more than a key press needs.
            self._tree_wide = wide
            tree = app.query_one(f"#{self.TREE_ID}")  # type: ignore[attr-defined]
            tree.styles.width = wide
            tree.styles.max_width = wide
        if chosen == TOO_SMALL:
            notice = app.query_one(TooSmall)  # type: ignore[attr-defined]
            notice.update(too_small_text(width, height, app.lang))  # type: ignore[attr-defined]
        else:
            # Hiding both panes let Textual move focus to whatever it found
            # next; once they show again the reader's pane gets it back.
            app.call_after_refresh(self._restore_pane_focus)  # type: ignore[attr-defined]
        self._follow_focus()

    def _pane_of(self, widget: object) -> str | None:
        for node in getattr(widget, "ancestors_with_self", ()):
            if node.id in (self.TREE_ID, self.DETAIL_ID):
                return str(node.id)
        return None

    def _restore_pane_focus(self) -> None:
        screen = self.screen  # type: ignore[attr-defined]
        if not screen.query(f"#{self.TREE_ID}"):
            return  # a modal screen (help, palette) is on top: it keeps its focus
        focused = screen.focused
        wanted = getattr(self, "_focused_pane", self.TREE_ID)
        pane = self._pane_of(focused)
        # Focus elsewhere (the search line) is the reader's own; leave it.
        if focused is None or (pane is not None and pane != wanted):
            screen.query_one(f"#{wanted}").focus()

    def _follow_focus(self) -> None:
        # In the narrow layout the pane with focus is the one shown.
        focused = self.screen.focused  # type: ignore[attr-defined]
        in_detail = focused is not None and any(
            node.id == self.DETAIL_ID for node in focused.ancestors_with_self
        )
        self.set_class(in_detail, SHOW_DETAIL)  # type: ignore[attr-defined]

    async def on_event(self, event: events.Event) -> None:
        # The App sees every key and click before any widget does.
        if isinstance(event, (events.Key, events.MouseDown)):
            self._resized_since_input = False
        await super().on_event(event)  # type: ignore[misc]

    def on_resize(self, event: events.Resize) -> None:
        self._resized_since_input = True
        self._apply_size(event.size.width, event.size.height)
        # A browser (the web driver) has no terminal to ask: its sizes come in
        # order over one stream, and shutil would answer 80x24.
        if not self.is_headless and not self.is_web:  # type: ignore[attr-defined]
            timer = getattr(self, "_size_check_timer", None)
            if timer is not None:
                timer.stop()
            self._size_check_timer = self.set_timer(  # type: ignore[attr-defined]
                SIZE_SETTLE_SECONDS, self._confirm_terminal_size
            )

    def _confirm_terminal_size(self) -> None:
        # Textual reads the size inside its SIGWINCH handler, and a second
        # signal can interrupt that handler between reading and posting, so
        # in a burst of resizes a stale size can arrive last and stick. Once
        # the terminal has been still a moment, ask it again, as the driver does.
        self._size_check_timer = None
        width, height = shutil.get_terminal_size()
        real = Size(width, height)
        if real != self.size:  # type: ignore[attr-defined]
            self.post_message(events.Resize(real, real))  # type: ignore[attr-defined]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Remember the pane the reader chose: focus that moved after a key or a
        # click. Not the pane Textual picks when a resize hides the focused one
        # (a too-small terminal); in a burst of resizes it can even act on a
        # hide after the pane is back, and hand focus to the other pane. That
        # focus is put back where the reader had it.
        pane = self._pane_of(event.widget)
        if pane is not None and not self.has_class(TOO_SMALL):  # type: ignore[attr-defined]
            if not getattr(self, "_resized_since_input", False):
                self._focused_pane = pane
            elif pane != getattr(self, "_focused_pane", self.TREE_ID):
                self.call_after_refresh(self._restore_pane_focus)  # type: ignore[attr-defined]
        self._follow_focus()
