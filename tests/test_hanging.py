"""A hanging block's prefix style stays on the prefix, on every line of the body."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui.render.blocks import Hanging


def _words(block: Hanging, width: int) -> list[tuple[str, Style | None]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(block, console.options.update_width(width), pad=False)
    return [
        (segment.text.strip(), segment.style)
        for line in lines
        for segment in Segment.simplify(line)
        if segment.text.strip()
    ]


def test_the_prefix_style_does_not_colour_the_body() -> None:
    # An attribution: a dim dash, then a speaker's role in the page's own colour,
    # long enough to wrap.
    block = Hanging("— ", Text("Vice-Governor of St Petersburg"), "dim")
    words = _words(block, 24)
    assert words[0] == ("—", Style(dim=True))
    body = [style for text, style in words[1:]]
    assert len(body) >= 2  # it wrapped
    assert all(style is None or not style.dim for style in body), words


def test_the_body_keeps_its_own_style_on_wrapped_lines() -> None:
    block = Hanging("  ", Text("one two three four five six", style="italic"))
    words = _words(block, 12)
    assert len(words) >= 2
    assert all(style is not None and style.italic for _, style in words), words
