"""The styles of a page, named for what they mean, and the style meta that marks a link.

Colour is a bonus, never the only carrier of meaning: bars read by their characters
and numbers under NO_COLOR too, a disagreement by its sign and its words, a search
match by its bold and shade. Every module of the page takes its styles from here.
"""

from __future__ import annotations

from rich.style import Style

TITLE = Style(bold=True)
HEADING = Style(bold=True, underline=True)
DIM = Style(dim=True)
MARKER = Style(dim=True)
QUOTE = Style(italic=True)
FALLBACK = Style(dim=True, italic=True)
STATUS = Style(bold=True)
# Marked by its sign and its words, so it reads without colour too.
DISAGREE = Style(bold=True, italic=True)

LINK_META = "coop.link"
"""Style meta key of a link span: its number in `Page.links`. A number, never data
text, so a click handler can look the target up and nothing from the data file
can name an action."""

LINK = Style(underline=True)
# A search match is bold on a yellow ground; the link cursor is reversed, so the
# two read apart (and under NO_COLOR the match is still bold and shaded).
MATCH = Style(bold=True, color="black", bgcolor="yellow")
CURSOR = Style(reverse=True)
