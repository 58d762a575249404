"""Dataset parts -> Rich renderables: the pages of the detail pane, and their citations.

One renderer serves the TUI and the non-interactive report, so both always say the
same thing. Text from data goes into `rich.text.Text` as plain strings and is never
parsed as markup; the loader has already replaced control characters. A topic's
sections and their order come from `walk`. The modules, each one job:

- `styles`: the named styles and the link meta; `blocks`: hanging lines, sides side
  by side, localized text, headings; `builder`: `Page`, `PageBuilder`, the link cursor;
- `page`: `build_page`, the entry point; `titles`: what a page is called;
- `topic`: a topic's page; `metrics`: a metric's figures, bars and chart;
  `entity`: entity and source pages; `backlinks`: "Mentioned in" / "Cited in";
  `timeline_section`: a page's own dated items; `sources`: numbering and listing sources;
- `citation`: plain-text citations for copying.

The bars and the chart are drawn by `tui.bars` and `tui.chart`; which figure
measures a target is `tui.figures`. Every name other modules import from
`tui.render` is re-exported here, so `from tui.render import build_page` keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..walk import mentioned as _mentions_of
from .blocks import Hanging, SideBySide, hanging, heading, localized
from .builder import Link, Marks, Page, PageBuilder, with_cursor
from .citation import citation, citation_summary, screen_numbers, source_reference
from .page import build_page, topic_page
from .sources import Citations, source_body, source_line
from .styles import (
    CURSOR,
    DIM,
    DISAGREE,
    FALLBACK,
    HEADING,
    LINK,
    LINK_META,
    MARKER,
    MATCH,
    QUOTE,
    STATUS,
    TITLE,
)
from .titles import page_title, topic_title
from .topic import side_text
from .topic import side_text as _side_text

if TYPE_CHECKING:
    from .metrics import amount_form, figure_text, format_amount, metric_block, value_text

# Imported on first use: the figures, bars and chart cost the first paint
# some milliseconds, and the first page shown may have no figures.
_FROM_METRICS = ("amount_form", "figure_text", "format_amount", "metric_block", "value_text")

__all__ = [
    "CURSOR",
    "DIM",
    "DISAGREE",
    "FALLBACK",
    "HEADING",
    "LINK",
    "LINK_META",
    "MARKER",
    "MATCH",
    "QUOTE",
    "STATUS",
    "TITLE",
    "Citations",
    "Hanging",
    "Link",
    "Marks",
    "Page",
    "PageBuilder",
    "SideBySide",
    "_mentions_of",
    "_side_text",
    "amount_form",
    "build_page",
    "citation",
    "citation_summary",
    "figure_text",
    "format_amount",
    "hanging",
    "heading",
    "localized",
    "metric_block",
    "page_title",
    "screen_numbers",
    "side_text",
    "source_body",
    "source_line",
    "source_reference",
    "topic_page",
    "topic_title",
    "value_text",
    "with_cursor",
]


def __getattr__(name: str) -> object:
    if name in _FROM_METRICS:
        from . import metrics

        return getattr(metrics, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
