"""The blocks a page is made of besides plain `Text`: hanging lines, sides side by side.

A page is a list of blocks, mostly `Hanging` (a prefix, then a body whose wrapped
lines hang under its first character) and, for a disagreement, `SideBySide`. Both
keep their text as `rich.text.Text` rather than a finished table, so that a page can
still mark search matches and the link cursor in it. Also here: data text in a
language with its "untranslated" mark (`localized`), and a section's heading.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..i18n import label
from ..model import Lang, Localized
from .styles import DIM, DISAGREE, FALLBACK, HEADING


def localized(text: Localized, lang: Lang, style: Style | str = "") -> Text:
    """Data text in `lang`, marked when it fell back to the other language."""
    result = Text(text.get(lang), style=style)
    if text.is_fallback(lang) and text.get(lang):
        result.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
    return result


def disagrees(line: Text, disagreement: str | None, lang: Lang) -> None:
    """Append "≠ sources disagree" to an item that is one side of a disagreement."""
    if disagreement is not None:
        line.append(f" ≠ {label('disagree', lang)}", style=DISAGREE)


def heading(title_key: str, lang: Lang) -> Text:
    """A section's heading (the label `title_key`), a blank line above it."""
    return Text(f"\n{label(title_key, lang)}", style=HEADING)


class Hanging:
    """`prefix` then `body`, its wrapped lines indented under the body's first character.

    Kept as prefix and body (not a finished Table) so that a page can still
    highlight search matches and the link cursor in the body's text.
    """

    def __init__(
        self, prefix: str | Text, body: Text, prefix_style: Style | str | None = None
    ) -> None:
        if isinstance(prefix, str):
            prefix = Text(prefix, style=body.style if prefix_style is None else prefix_style)
        self.prefix = prefix
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Wrapped here rather than in a Table.grid: a page is mostly these
        # blocks, and a grid measures and renders each cell twice.
        indent = self.prefix.cell_len
        width = max(1, options.max_width - indent)
        # fold: a long URL wraps onto the next line instead of losing its end.
        lines = self.body.wrap(console, width, overflow="fold")
        for number, line in enumerate(lines):
            # The prefix's style stays on the prefix: as the row's own style it
            # would also colour the body's unstyled words on the first line
            # only (a grey "Vice-Governor of St" above a white "Petersburg").
            row = Text()
            row.append_text(self.prefix if number == 0 else Text(" " * indent))
            row.append_text(line)
            row.no_wrap = True
            row.overflow = "crop"
            yield row


class SideBySide:
    """The sides of a disagreement next to each other, each in its own column.

    Below `STACK_BELOW` columns there is no room for two readable columns: the
    sides stack, each behind a `│` so they still read as a group. Kept as Texts
    (not a finished Table) so that links, the cursor and search marks work in them.
    """

    STACK_BELOW = 60

    def __init__(self, sides: list[Text], indent: int = 2) -> None:
        self.sides = sides
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=self.indent, no_wrap=True)
        if options.max_width < self.STACK_BELOW:
            grid.add_column(width=2, no_wrap=True)
            grid.add_column(ratio=1, overflow="fold")
            for side in self.sides:
                grid.add_row("", Text("│", style=DIM), side)
        else:
            cells: list[RenderableType] = [""]
            for number, side in enumerate(self.sides):
                if number:
                    grid.add_column(width=1, no_wrap=True)
                    cells.append(Text("│", style=DIM))
                grid.add_column(ratio=1, overflow="fold")
                cells.append(side)
            grid.add_row(*cells)
        yield grid


def hanging(prefix: str, body: Text, prefix_style: Style | str | None = None) -> Hanging:
    """`prefix` then `body`, its wrapped lines indented under the body's first character."""
    return Hanging(prefix, body, prefix_style)


def texts_of(block: RenderableType) -> list[Text]:
    """The texts a block draws (none for a bar or a chart): where links and marks live."""
    if isinstance(block, Hanging):
        return [block.prefix, block.body]
    if isinstance(block, SideBySide):
        return list(block.sides)
    if isinstance(block, Text):
        return [block]
    return []
