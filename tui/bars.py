"""A target's bar, drawn on its metric's one scale with block characters.

Every bar of a metric shares one scale (the largest target or figure), so equal
lengths are equal amounts: the $3bn bar is three quarters as long as the $4bn
one. A bar is filled to the figure that measures it (see `figures.measure`),
shaded up to the target and ends in `│` where the target is; with no figure for
the period it is dotted (`┄`) and says so. Drawn once as Text: nothing animates,
nothing costs anything while idle, and it reads without colour (NO_COLOR,
`ansi-*` themes): the characters and the words carry the meaning.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from . import numbers
from .figures import Measure
from .i18n import qualifier_sign

BAR_FILLED = Style(color="green")
BAR_EMPTY = Style(dim=True)
BAR_OVER = Style(color="yellow", bold=True)
PERCENT = Style(bold=True)

BAR_FULL = "█"
BAR_HALF = "▌"
BAR_VOID = "░"
BAR_MISSING = "┄"
BAR_TARGET = "│"

MAX_WIDTH = 60
"""Bars longer than this say nothing more and make the eye travel."""


def percent_text(measure: Measure) -> str:
    """`≥75 %`: the qualifier's sign carries over ("more than 3.0" of 4.0 is ≥75 %)."""
    ratio = measure.ratio
    if ratio is None or measure.figure is None:
        return "—"
    sign = qualifier_sign(measure.figure.qualifier)
    # Floor under "more than" and exact: 2.99 of 3 is not yet 100 %. Bounded:
    # 1e12 of a target of 5e-324 is ">999 %", not an OverflowError.
    figure, goal = measure.figure.value, measure.target.value
    if figure is None:
        return numbers.percent_text(ratio, sign, floor=sign in ("≥", ""))
    return numbers.percent_of(figure, goal, sign, floor=sign in ("≥", ""))


def bar_text(measure: Measure, scale: float, width: int) -> Text:
    """The bar and its percentage in `width` cells, on the metric's `scale`."""
    percent = percent_text(measure).rjust(numbers.PERCENT_WIDTH)
    cells = max(4, width - len(percent) - 1)
    goal = measure.target.value
    target_at = cells if scale <= 0 else max(1, min(cells, round(goal / scale * cells)))
    bar = Text()
    value = measure.figure.value if measure.figure is not None else None
    if value is None:
        bar.append(BAR_MISSING * (target_at - 1), style=BAR_EMPTY)
        bar.append(BAR_TARGET, style=BAR_EMPTY)
        bar.append(" " * (cells - target_at))
    else:
        # Clamped before it is a number of cells: a negative figure against a
        # tiny scale is -inf, which int() refuses.
        halves = int(numbers.clamp_ratio(value / scale) * cells * 2) if scale > 0 else 0
        full, half = divmod(halves, 2)
        reached = value >= goal
        style = BAR_OVER if reached and value > goal else BAR_FILLED
        bar.append(BAR_FULL * full, style=style)
        used = full
        if half:
            bar.append(BAR_HALF, style=style)
            used += 1
        if not reached and used < target_at:
            bar.append(BAR_VOID * (target_at - 1 - used), style=BAR_EMPTY)
            bar.append(BAR_TARGET, style=BAR_EMPTY)
            used = target_at
        bar.append(" " * (cells - used))
    bar.append(" ")
    bar.append(percent, style=PERCENT)
    return bar


class TargetBar:
    """A bar sized to the width it is given (at most `MAX_WIDTH`), indented by `indent`."""

    def __init__(self, measure: Measure, scale: float, indent: int = 2) -> None:
        self.measure = measure
        self.scale = scale
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, min(options.max_width - self.indent, MAX_WIDTH))
        line = Text(" " * self.indent)
        line.append_text(bar_text(self.measure, self.scale, width))
        yield line
