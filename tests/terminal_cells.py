"""A pyte screen's cells as a reader sees them, for comparing two screens."""

from __future__ import annotations

import pyte

Cell = tuple[object, ...]


def shown_cells(screen: pyte.Screen) -> list[list[Cell]]:
    """Every cell: character, colours and attributes, as far as they show.

    A space shows only its background (no foreground, no bold), unless
    underlined or struck through; a reversed space shows its foreground colour
    as the background, the same as a space on that background.
    """
    rows = []
    for y in range(screen.lines):
        row: list[Cell] = []
        for x in range(screen.columns):
            c = screen.buffer[y][x]
            if c.data == " " and not (c.underscore or c.strikethrough):
                if not c.reverse:
                    row.append((" ", c.bg))
                elif c.fg != "default":
                    row.append((" ", c.fg))
                else:
                    row.append((" ", "reversed", c.bg))
            else:
                shown = (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore)
                row.append(shown + (c.strikethrough, c.reverse, c.blink))
        rows.append(row)
    return rows
