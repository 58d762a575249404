"""A chart of one metric's figures by period, in text: periods down, amounts across.

Each metric gets a chart of its own, so the St Petersburg and the Belarusian
turnover series (different statistics) never share an axis. It is drawn with
characters that carry the meaning without colour (NO_COLOR, `ansi-*` themes):

    Jan–Sep 2021 ▒▒▒▒▒▒▒▒▒▒▒▒▒▒       1.87     ▒ part of a year, █ a full year,
    2024         ███████████████████┆+ ≥3.0     ◆ a statement with no period,
                 ┴────┴────┴────┴────┴          + a lower bound ("more than"),
                 0    1    2    3    4          ┆ a target (one column per target)

Below about 56 columns each period's label goes on its own line above its bar,
so the chart fits 40 columns. A Rich renderable sized at render time: the same
object serves the detail pane, the text report and (as plain lines) Markdown.
Nothing here knows about Textual.
"""

from __future__ import annotations

import math
from typing import Callable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from .i18n import format_number, label, qualifier_sign
from .model import Lang, Metric, Observation

FULL = "█"
PART = "▒"
POINT = "◆"
LOWER = "+"
UPPER = "‹"
TARGET = "┆"

FULL_STYLE = Style(color="green")
PART_STYLE = Style(color="green", dim=True)
TARGET_STYLE = Style(color="yellow")
AXIS = Style(dim=True)

INDENT = 2
MAX_BAR = 48
MIN_BAR = 12
VALUE_WIDTH = 7
LABEL_MAX = 22
SMALLEST_TOP = 1e-200
"""Below this the axis's round steps (powers of ten) underflow to zero."""


def charted(metric: Metric) -> list[Observation]:
    """The figures a chart shows: those with a value, oldest first."""
    return sorted((o for o in metric.observations if o.value is not None), key=lambda o: o.date)


def series_chart(metric: Metric, lang: Lang) -> SeriesChart | None:
    """A chart of the metric, or None when it has fewer than two figures to compare.

    None too when nothing is above zero (or so little above it that the axis
    steps underflow): bars grow from zero, and the figures are listed anyway.
    """
    figures = charted(metric)
    if len(figures) < 2:
        return None
    amounts = [o.value for o in figures if o.value is not None] + [t.value for t in metric.targets]
    return SeriesChart(metric, lang) if max(amounts) > SMALLEST_TOP else None


def _nice_step(top: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving at most five intervals."""
    raw = top / 5 if top > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return float(factor * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


class SeriesChart:
    def __init__(self, metric: Metric, lang: Lang) -> None:
        self.metric = metric
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines(options.max_width)

    def lines(self, width: int) -> list[Text]:
        lang = self.lang
        figures = charted(self.metric)
        labels = [o.period.get(lang) for o in figures]
        label_width = min(LABEL_MAX, max(len(text) for text in labels))
        stacked = width - INDENT - label_width - 1 - VALUE_WIDTH < 2 * MIN_BAR
        left = INDENT if stacked else INDENT + label_width + 1
        bar_width = max(MIN_BAR, min(MAX_BAR, width - left - 1 - VALUE_WIDTH))
        values = [o.value for o in figures if o.value is not None]
        targets = [t.value for t in self.metric.targets]
        step = _nice_step(max(values + targets))
        top = step * math.ceil(max(values + targets) / step - 1e-9)
        scale = bar_width / top

        def column(amount: float) -> int:
            return min(bar_width, max(0, round(amount * scale)))

        target_columns = sorted({min(bar_width - 1, column(t)) for t in targets})
        out: list[Text] = []
        title = Text(" " * INDENT)
        title.append(f"{label('chart.title', lang)}, {self.metric.unit.get(lang)}", style=AXIS)
        out.append(title)
        for observation, text in zip(figures, labels):
            row = Text(" " * INDENT)
            if stacked:
                row.append(text[: width - INDENT])
                out.append(row)
                row = Text(" " * left)
            else:
                shown = text if len(text) <= label_width else text[: label_width - 1] + "…"
                row.append(shown.ljust(label_width + 1))
            row.append_text(self._bar(observation, column, target_columns, bar_width))
            out.append(row)
        out.extend(self._axis(left, bar_width, step, top, scale))
        out.extend(self._legend(figures, width))
        return out

    def _bar(
        self,
        observation: Observation,
        column: Callable[[float], int],
        targets: list[int],
        bar_width: int,
    ) -> Text:
        assert observation.value is not None
        length = column(observation.value)
        cells = [" "] * (bar_width + 1)
        styles: list[Style | None] = [None] * (bar_width + 1)
        if observation.span == "statement":
            at = max(0, min(bar_width - 1, length - 1))
            cells[at], styles[at] = POINT, FULL_STYLE
            end = at + 1
        else:
            glyph = FULL if observation.span == "full-year" else PART
            style = FULL_STYLE if observation.span == "full-year" else PART_STYLE
            length = max(1, length)
            for cell in range(length):
                cells[cell], styles[cell] = glyph, style
            end = length
        for at in targets:
            if cells[at] == " ":
                cells[at], styles[at] = TARGET, TARGET_STYLE
        sign = qualifier_sign(observation.qualifier)
        if sign in ("≥",):
            cells[end], styles[end] = LOWER, Style(bold=True)
        elif sign in ("≤", "<"):
            cells[end], styles[end] = UPPER, Style(bold=True)
        bar = Text()
        # One span per run of a style: a span per cell makes Rich's render slow.
        run, run_style = "", styles[0]
        for glyph, glyph_style in zip(cells, styles):
            if glyph_style != run_style:
                bar.append(run, style=run_style or "")
                run, run_style = "", glyph_style
            run += glyph
        bar.append(run, style=run_style or "")
        value = f"{sign}{format_number(observation.value, self.lang)}"
        bar.append(" " + value.rjust(VALUE_WIDTH - 1))
        return bar

    def _axis(self, left: int, bar_width: int, step: float, top: float, scale: float) -> list[Text]:
        ticks = []
        amount = 0.0
        # Half a step of slack for the sums' rounding: an absolute 1e-9 was a
        # billion steps past a top of 1e-38, and filled the memory.
        while amount <= top + step / 2:
            ticks.append((min(bar_width, round(amount * scale)), amount))
            amount += step
        rule = ["─"] * (bar_width + 1)
        numbers = [" "] * (bar_width + 8)
        for at, amount in ticks:
            rule[at] = "┴"
            text = format_number(amount, self.lang)
            text = text[:-2] if text.endswith((".0", ",0")) else text
            start = max(0, min(at - len(text) // 2, len(numbers) - len(text)))
            if all(ch == " " for ch in numbers[max(0, start - 1) : start + len(text) + 1]):
                numbers[start : start + len(text)] = list(text)
        line = Text(" " * left)
        line.append("".join(rule), style=AXIS)
        scale_line = Text(" " * left)
        scale_line.append("".join(numbers).rstrip(), style=AXIS)
        return [line, scale_line]

    def _legend(self, figures: list[Observation], width: int) -> list[Text]:
        lang = self.lang
        keys: list[tuple[str, str]] = []
        spans = {o.span for o in figures}
        if "full-year" in spans:
            keys.append((FULL, label("chart.full", lang)))
        if "part-year" in spans:
            keys.append((PART, label("chart.part", lang)))
        if "statement" in spans:
            keys.append((POINT, label("chart.statement", lang)))
        entries = [f"{glyph} {words}" for glyph, words in keys]
        signs = {qualifier_sign(o.qualifier) for o in figures}
        if "≥" in signs:
            entries.append(label("chart.lower", lang))
        if signs & {"≤", "<"}:
            entries.append(label("chart.upper", lang))
        if self.metric.targets:
            amounts = ", ".join(format_number(t.value, lang) for t in self.metric.targets)
            entries.append(f"{TARGET} {label('chart.target', lang)} {amounts}")
        # Packed into lines of the width, an entry never split across two.
        lines: list[Text] = []
        current = ""
        for entry in entries:
            candidate = f"{current}  {entry}" if current else entry
            if current and INDENT + len(candidate) > width:
                lines.append(Text(" " * INDENT + current, style=AXIS))
                candidate = entry
            current = candidate
        if current:
            lines.append(Text(" " * INDENT + current, style=AXIS))
        return lines


def chart_text(metric: Metric, lang: Lang, width: int) -> list[str]:
    """The chart as plain lines, for Markdown (or none, as `series_chart`)."""
    chart = series_chart(metric, lang)
    return [line.plain.rstrip() for line in chart.lines(width)] if chart is not None else []
