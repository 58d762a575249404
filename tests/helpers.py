"""What the screen shows, as plain text, for assertions in Pilot tests."""

from __future__ import annotations

from typing import Any

from textual.app import App


def screen_lines(app: App[Any]) -> list[str]:
    """Every row of the active screen as the terminal would show it.

    Textual exposes no public "screen as text"; the compositor's strips are the
    same cells the driver writes, so asserting on them asserts what a user sees.
    """
    strips = app.screen._compositor.render_strips()
    return [strip.text for strip in strips]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))
