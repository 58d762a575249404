"""coop-tui's own colour themes, and which theme a run starts with.

Imports Textual: only the App and the command line (after the data loaded) use it.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from textual.theme import BUILTIN_THEMES, Theme

DARK = "coop-dark"
LIGHT = "coop-light"
ANSI = "ansi-dark"
"""Textual's theme in the terminal's own 16 colours (`ansi-light` is its pair):
the one that looks right where a 24-bit palette would be squeezed into 16
approximations of it."""

# Neva blue and Belarusian green on a dark slate; the same hues, deeper, on paper.
COOP_DARK = Theme(
    name=DARK,
    primary="#4FA3D9",
    secondary="#7FB86A",
    accent="#E0B04C",
    warning="#E0B04C",
    error="#E0685C",
    success="#7FB86A",
    foreground="#E2E6EA",
    background="#101418",
    surface="#171C22",
    panel="#222A33",
    dark=True,
)

COOP_LIGHT = Theme(
    name=LIGHT,
    primary="#1F5F99",
    secondary="#3B7A2A",
    accent="#9A5F00",
    warning="#9A5F00",
    error="#B3261E",
    success="#3B7A2A",
    foreground="#1B1F23",
    background="#F7F7F4",
    surface="#FFFFFF",
    panel="#E4E7EA",
    dark=False,
)

OWN_THEMES: tuple[Theme, ...] = (COOP_DARK, COOP_LIGHT)


def theme_names() -> list[str]:
    """Every name `--theme` accepts: ours first, then Textual's built-in ones."""
    own = [t.name for t in OWN_THEMES]
    return own + sorted(name for name in BUILTIN_THEMES if name not in own)


def few_colours(environ: Mapping[str, str]) -> bool:
    """Whether the terminal shows 16 colours or fewer (TERM=xterm, linux, screen...).

    Asks Rich the same way Textual's own console does (COLORTERM, then TERM's
    suffix), so the answer matches how Textual would downgrade the colours.
    """
    console = Console(force_terminal=True, _environ=dict(environ))
    system = console.color_system
    return system in (None, "standard", "windows")


def starting_theme(chosen: str | None, remembered: object, environ: Mapping[str, str]) -> str:
    """`--theme`, else the theme last chosen in the palette, else by the terminal's colours."""
    if chosen is not None:
        return chosen
    if isinstance(remembered, str) and remembered in theme_names():
        return remembered
    return ANSI if few_colours(environ) else DARK
