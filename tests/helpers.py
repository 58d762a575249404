"""What the screen shows, as plain text, for assertions in Pilot tests."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.strip import Strip

from tui.textual_private import notices, screen_strips


def screen_cells(app: App[Any]) -> list[Strip]:
    """Every row of the active screen, with its styles, as the terminal would show it.

    Textual exposes no public "screen as cells" (`export_screenshot` drops links
    and reverse video); tui/textual_private.py reads the compositor's rows, the
    same cells the driver writes.
    """
    return screen_strips(app.screen)


def screen_lines(app: App[Any]) -> list[str]:
    """Every row of the active screen as the terminal would show it."""
    return [strip.text for strip in screen_cells(app)]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))


def notice_texts(app: App[Any]) -> list[str]:
    """The text of every notice on show."""
    return notices(app)
