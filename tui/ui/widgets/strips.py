"""Lines that cost fewer bytes on the terminal and look the same.

Textual writes every segment of a line as its own escape sequence, with the
full 24-bit foreground and background, then a reset: about 40 bytes a segment
before any text. A line rendered from Rich text splits wherever a style may
change (a word, a hanging indent, the padding after the text), so one line of
a page can cost five segments where one would draw the same cells. Over SSH
every key press pays for them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def _blank(segment: Segment) -> bool:
    return not segment.control and segment.text.strip(" ") == ""


def _shows_on_blank(style: Style) -> bool:
    """True if the style draws something on a space besides its background."""
    return bool(
        style.underline
        or style.underline2
        or style.strike
        or style.reverse
        or style.overline
        or style.frame
        or style.encircle
        or style.conceal
    )


def _same_on_blank(blank: Style, other: Style, spread: frozenset[str]) -> bool:
    """True if spaces in `blank` look (and click) the same drawn in `other`.

    Meta data is what a click reads: it must match, but for the keys in `spread`,
    which nothing reads from a click and `other` may carry onto the spaces.
    """
    blank_meta, other_meta = blank.meta, other.meta
    if blank_meta != other_meta:
        if {k: v for k, v in other_meta.items() if k not in spread} != blank_meta:
            return False
    return (
        blank.bgcolor == other.bgcolor
        and blank.link == other.link
        and not _shows_on_blank(blank)
        and not _shows_on_blank(other)
    )


def compact(strip: Strip, spread: frozenset[str] = frozenset()) -> Strip:
    """The same cells in as few segments as possible.

    Neighbours with the same style join; a run of spaces takes its neighbour's
    style when the difference could not be seen on a space (a foreground
    colour, bold, italic), so it joins too. `spread`: meta keys a run of spaces
    may take on from its neighbour (see `_same_on_blank`).
    """
    merged: list[Segment] = []
    for segment in strip:
        text, style, control = segment
        if merged and not control and style is not None:
            last_text, last_style, last_control = merged[-1]
            if not last_control and last_style is not None:
                if last_style == style or (
                    _blank(segment) and _same_on_blank(style, last_style, spread)
                ):
                    merged[-1] = Segment(last_text + text, last_style)
                    continue
                if _blank(merged[-1]) and _same_on_blank(last_style, style, spread):
                    merged[-1] = Segment(last_text + text, style)
                    continue
        merged.append(segment)
    return Strip(merged, strip.cell_length)


def ink_width(strip: Strip, background: Style) -> int:
    """Cells up to the end of the last one that shows more than `background`.

    Past it the line is spaces on that background: the terminal needs no new
    bytes there if it already shows the same.
    """
    width = strip.cell_length
    for segment in reversed(list(strip)):
        style = segment.style
        if (
            style is None
            or style.bgcolor != background.bgcolor
            or style.link
            or _shows_on_blank(style)
        ):
            break
        # Wrapped text keeps the space at which it broke: it shows nothing either.
        text = segment.text.rstrip(" ")
        width -= segment.cell_length - cell_len(text)
        if text or segment.control:
            break
    return width
