"""Fit the screen to the terminal: two panes, one pane at a time, or a notice.

- 60 columns or more: the topic tree and the detail pane side by side; from
  WIDE_FROM columns the page keeps a readable measure and the tree takes the rest.
- Narrower: one pane at a time, the one with focus (Tab, Enter on a leaf and
  Escape switch), because two squeezed panes hold no readable line.
- Below 20x6: a "terminal too small" notice in place of everything, until the
  terminal grows again; `q` still quits.

The App's breakpoints (`HORIZONTAL_BREAKPOINTS`, `VERTICAL_BREAKPOINTS`) put
these classes on every screen, and app.tcss lays the screen out by them, so the
widgets do not know about sizes. Which pane shows in a narrow terminal follows
the focus (screens/main.py): CSS has no selector for that.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..i18n import label
from ..model import Lang

NARROW_BELOW = 60
MIN_WIDTH = 20
MIN_HEIGHT = 6

# A readable measure: page text runs to this many columns at most (the detail
# pane's padding, scrollbar and border come on top); wider terminals give the
# rest to the topic tree, whose long titles then fit on one line.
MEASURE = 100
DETAIL_MAX = MEASURE + 2 + 1 + 2
TREE_MAX = 48
WIDE_FROM = DETAIL_MAX + TREE_MAX + 1
"""From here the tree is wider than its usual third (up to TREE_MAX) would make it."""

TOO_NARROW = "-too-narrow"
NARROW = "-narrow"
TWO_PANES = "-two-panes"
WIDE = "-wide"
TOO_LOW = "-too-low"
HIGH_ENOUGH = "-high-enough"
SHOW_DETAIL = "-show-detail"
TOO_SMALL = "-too-small"
"""What `size_class` calls TOO_NARROW or TOO_LOW (CSS matches either class)."""

# app.tcss writes DETAIL_MAX out as the wide detail pane's width: keep them equal
# (tests/test_wide.py measures it).
HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] = [
    (0, TOO_NARROW),
    (MIN_WIDTH, NARROW),
    (NARROW_BELOW, TWO_PANES),
    (WIDE_FROM, WIDE),
]
VERTICAL_BREAKPOINTS: list[tuple[int, str]] = [(0, TOO_LOW), (MIN_HEIGHT, HIGH_ENOUGH)]


def breakpoint_classes(width: int, height: int) -> str:
    """The classes the App's breakpoints give a screen of this size, as Textual picks them.

    A screen made with them is styled for its size from the start: Textual sets
    them only when the screen's first Resize arrives, and styles every widget
    again for them then (before the first frame in a narrow terminal, just
    after it at 80 columns): some milliseconds of every start.
    """
    classes = []
    for breakpoints, size in ((HORIZONTAL_BREAKPOINTS, width), (VERTICAL_BREAKPOINTS, height)):
        chosen = [name for start, name in sorted(breakpoints, reverse=True) if size >= start]
        if chosen:
            classes.append(chosen[0])
    return " ".join(classes)


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
