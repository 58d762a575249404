"""The help screen: every key in the key table and every sign on screen, in the reader's language.

It takes the whole screen and lays the sections out in as many columns as the
width holds (two at 80 columns), so that at 80x24 it is one screen; a smaller
terminal gets pages, "1/2" in the title, turned with ← and →.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import label
from ...keymap import HELP_SECTIONS, SIGNS, help_rows
from ...model import Lang
from ...render import HEADING, hanging
from ..bindings import bindings

# A column narrower than this wraps most lines: fewer columns then, and pages.
MIN_COLUMN = 36
GAP = 2
# The key column: as wide as the widest keys, up to this.
MAX_KEYS = 13


def sections(lang: Lang) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, what they do)]) for every part of the screen, then the signs.

    A line said already (the same keys doing the same) is not repeated; the
    help's own keys are on its title line (`title`).
    """
    result: list[tuple[str, list[tuple[str, str]]]] = []
    said: set[tuple[str, str]] = set()
    for heading, scopes in HELP_SECTIONS:
        shown: list[tuple[str, str]] = []
        for scope in scopes:
            rows = [(keys, label(what, lang)) for keys, what in help_rows(scope)]
            shown += [r for r in rows if r not in said and r not in shown]
            said.update(rows)
        result.append((label(heading, lang), shown))
    result.append((label("help.glyphs", lang), [(s, label(what, lang)) for s, what in SIGNS]))
    return result


def title(lang: Lang, page: int = 0, pages: int = 1) -> str:
    """The top line: what this is, the keys that close it, and the page when there are more."""
    parts = [label("help.title", lang)]
    if pages > 1:
        # Before the keys: a narrow screen cuts the line's end.
        parts.append(label("help.page", lang).format(at=page + 1, total=pages))
    for keys, what in reversed(help_rows("help")):
        if what != "key.pages" or pages > 1:
            parts.append(f"{keys} {label(what, lang)}")
    return " · ".join(parts)


def _rows(lang: Lang, spaced: bool) -> list[tuple[bool, RenderableType]]:
    """Every line of the help as (is a heading, renderable), the keys padded to one column."""
    parts = sections(lang)
    width = min(MAX_KEYS, max(len(k) for _h, rows in parts for k, _w in rows))
    rows: list[tuple[bool, RenderableType]] = []
    for heading, entries in parts:
        if spaced and rows:
            rows.append((False, Text("")))
        rows.append((True, Text(heading, style=HEADING)))
        for keys, what in entries:
            if len(keys) > width:
                # Keys wider than the column get a line of their own.
                rows.append((False, Text(keys, style="bold")))
                rows.append((False, hanging(" " * (width + 1), Text(what))))
            else:
                prefix = Text(keys.ljust(width + 1), style="bold")
                rows.append((False, hanging(prefix.plain, Text(what), "bold")))
    return rows


def layout(
    console: Console, lang: Lang, width: int, height: int
) -> list[list[list[RenderableType]]]:
    """The help in pages of columns of lines, for a body of `width` x `height` cells.

    With a blank line between sections where that takes no more pages.
    """
    spaced = _layout(console, lang, width, height, spaced=True)
    tight = _layout(console, lang, width, height, spaced=False)
    return spaced if len(spaced) <= len(tight) else tight


def _layout(
    console: Console, lang: Lang, width: int, height: int, *, spaced: bool
) -> list[list[list[RenderableType]]]:
    columns_per_page = max(1, (width + GAP) // (MIN_COLUMN + GAP))
    column_width = max(10, (width - GAP * (columns_per_page - 1)) // columns_per_page)
    options = console.options.update(width=column_width, height=None)
    columns: list[list[RenderableType]] = [[]]
    used = 0
    rows = _rows(lang, spaced)
    for index, (is_heading, row) in enumerate(rows):
        blank = isinstance(row, Text) and not row.plain
        if blank and not used:
            continue  # no blank line at the top of a column
        tall = len(console.render_lines(row, options, pad=False))
        # A heading starts a column rather than end one.
        need = tall + (1 if is_heading and index + 1 < len(rows) else 0)
        if used and used + need > height:
            columns.append([])
            used = 0
            if blank:
                continue
        columns[-1].append(row)
        used += tall
    return [columns[i : i + columns_per_page] for i in range(0, len(columns), columns_per_page)]


def page_renderable(page: list[list[RenderableType]], width: int) -> RenderableType:
    columns_per_page = max(1, (width + GAP) // (MIN_COLUMN + GAP))
    column_width = max(10, (width - GAP * (columns_per_page - 1)) // columns_per_page)
    grid = Table.grid(padding=(0, GAP, 0, 0))
    for _ in page:
        grid.add_column(width=column_width)
    grid.add_row(*[Group(*column) for column in page])
    return grid


class HelpScreen(ModalScreen[None]):
    """Every key and sign, on one screen where it fits; Esc, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        background: $surface;
    }
    HelpScreen #help-title {
        height: auto;
        background: $panel;
        text-style: bold;
        padding: 0 1;
    }
    HelpScreen #help-body {
        height: 1fr;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings("help")

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang
        self.page = 0
        self._pages: list[list[list[RenderableType]]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="help-title")
        yield Static(id="help-body")

    def on_resize(self) -> None:
        self._lay_out()

    def on_mount(self) -> None:
        self.call_after_refresh(self._lay_out)

    def _lay_out(self) -> None:
        body = self.query_one("#help-body", Static)
        width, height = body.content_region.width, body.content_region.height
        if width <= 0 or height <= 0:
            return
        self._pages = layout(self.app.console, self.lang, width, height)
        self.page = min(self.page, len(self._pages) - 1)
        self._show()

    @property
    def pages(self) -> int:
        return len(self._pages)

    def _show(self) -> None:
        body = self.query_one("#help-body", Static)
        top = title(self.lang, self.page, self.pages)
        self.query_one("#help-title", Static).update(Content(top))
        body.update(page_renderable(self._pages[self.page], body.content_region.width))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            return self.pages > 1
        return True

    def action_page(self, step: int) -> None:
        if self.pages > 1:
            self.page = (self.page + step) % self.pages
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)
