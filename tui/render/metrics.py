"""A metric on a page: its figures in words, the bars against its targets, the chart.

`figure_text` and `value_text` are how a figure reads everywhere (page, report,
timeline, citation): the qualifier's words, the number in the metric's amount form
(`format_amount`, the one place a figure meets its unit), its period and span.
`metric_block` lays a metric out: heading, latest full year, a bar and a status
line per target (each measured only by a figure of its own period, see `figures`),
the chart (`chart`), every figure reported, and the series' note.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text

from .. import numbers
from ..bars import TargetBar
from ..chart import series_chart
from ..figures import Measure, latest_full_year, scale_of
from ..figures import measure as measure_target
from ..i18n import format_date, format_number, label, qualifier_words
from ..links import ItemRef
from ..model import Dataset, Lang, Metric, Observation
from .blocks import Hanging, disagrees, hanging, localized
from .sources import Citations
from .styles import DIM, STATUS, TITLE


def amount_form(metric: Metric, lang: Lang) -> str:
    """How an amount of `metric` reads, `{}` for the number: "${}bn", else "{} USD bn"."""
    if metric.amount is not None:
        return metric.amount.get(lang)
    return "{} " + metric.unit.get(lang)


def format_amount(value: float | Decimal, form: str, lang: Lang) -> str:
    """`$3.0bn`, `3,0 млрд долл.`: the one place a figure meets its unit (`form`, see
    `amount_form`). Kept to one function so that a shared number formatter can replace it.
    """
    # An integer stays one (`30`, not `30.0`): only a Decimal is a computed difference.
    if isinstance(value, Decimal):
        number = numbers.format_decimal(value, lang)
    else:
        number = format_number(value, lang)
    if "{}" not in form:  # a bare unit
        return f"{number} {form}".strip()
    return form.replace("{}", number, 1).strip()


def value_text(observation: Observation | None, unit: str, lang: Lang) -> str:
    """`more than 3.0 USD bn`: the qualifier's words, the number, the unit."""
    if observation is None or observation.value is None:
        if observation is not None and observation.wording is not None:
            return observation.wording.get(lang)
        return label("no_figure", lang)
    words = qualifier_words(observation.qualifier, lang)
    amount = format_amount(observation.value, unit, lang)
    return f"{words} {amount}" if words else amount


def figure_text(observation: Observation, unit: str, lang: Lang) -> str:
    """`2024: more than 3.0 USD bn`, with "part of the year" or "statement" where it is one."""
    text = f"{observation.period.get(lang)}: {value_text(observation, unit, lang)}"
    if observation.span != "full-year":
        text += f" ({label('span.' + observation.span, lang)})"
    return text


def with_speaker(line: Text, dataset: Dataset | None, speaker: str | None, lang: Lang) -> None:
    """Append " — Name" of the person who gave a figure or target, when the data names one."""
    if dataset is not None and speaker is not None and speaker in dataset.entities:
        line.append(f" — {dataset.entities[speaker].name.get(lang)}", style=DIM)


_STATUS_GLYPH = {"met": "✓", "not-met": "○", "about": "≈", "unknown": "?", "no-figure": "·"}


def _status(measure: Measure, unit: str, lang: Lang) -> str:
    """What the bar means in words: met, what is left (as sure as the figure), or open."""
    state = measure.progress()
    glyph = _STATUS_GLYPH[state.state]
    if state.state == "not-met" and state.left is not None:
        amount = format_amount(state.left, unit, lang)
        return f"{glyph} " + label(f"left.{state.bound}", lang).format(amount=amount)
    if state.state == "no-figure":
        if measure.rule == "no-figure":
            return f"{glyph} " + label("no_year_figure", lang).format(year=measure.year)
        return f"{glyph} " + label("no_full_year_figure", lang)
    return f"{glyph} " + label(f"state.{state.state}", lang)


def _measured_by(measure: Measure, lang: Lang) -> str:
    # The figure that follows names its period (and says "part of the year").
    if measure.rule == "latest-full-year":
        return label("by_latest_full_year", lang)
    return label("by_year", lang)


def metric_block(
    metric: Metric, lang: Lang, cite: Citations, topic_id: str | None = None
) -> list[RenderableType]:
    """Title and unit, the latest full year, a bar per target on one scale, the chart, every figure.

    Each target is measured only by a figure of its own period (see `figures`);
    with none, its bar is empty and the latest earlier figure is shown as context.
    """
    dataset = cite.dataset
    unit = amount_form(metric, lang)
    parts: list[RenderableType] = []
    heading = localized(metric.title, lang, TITLE)
    # "(St Petersburg series) (USD bn)" doubles its brackets.
    joiner = ", " if heading.plain.endswith(")") else " · "
    heading.append(f"{joiner}{metric.unit.get(lang)}", style=DIM)
    parts.append(heading)

    def figure_ref(obs: Observation) -> ItemRef | None:
        index = metric.observations.index(obs)
        return ItemRef(topic_id, "observation", index, metric.id) if topic_id else None

    def cited_figure(prefix: str, obs: Observation, style: Style | str = "") -> Hanging:
        line = Text(prefix, style=DIM)
        line.append(figure_text(obs, unit, lang), style=style)
        with_speaker(line, dataset, obs.speaker, lang)
        cite.append(line, obs.source, figure_ref(obs))
        disagrees(line, obs.disagreement, lang)
        return hanging("  ", line)

    headline = latest_full_year(metric)
    if headline is not None:
        parts.append(cited_figure(label("latest_full_year", lang) + ": ", headline, TITLE))

    scale = scale_of(metric)
    for index, target in enumerate(metric.targets):
        measure = measure_target(metric, target)
        amount = format_amount(target.value, unit, lang)
        line = Text(f"{label('target', lang)} {amount}", style=TITLE)
        line.append(" · ")
        line.append_text(localized(target.label, lang))
        if target.due is not None:
            line.append(f" ({label('due', lang)} {format_date(target.due, lang)})", style=DIM)
        with_speaker(line, dataset, target.speaker, lang)
        item = ItemRef(topic_id, "target", index, metric.id) if topic_id else None
        cite.append(line, target.source, item)
        disagrees(line, target.disagreement, lang)
        parts.append(hanging("  ", line))
        parts.append(TargetBar(measure, scale))
        status = Text(_status(measure, unit, lang), style=STATUS)
        if measure.figure is not None:
            status.append(f" · {_measured_by(measure, lang)}: ", style=DIM)
            status.append(figure_text(measure.figure, unit, lang))
            cite.append(status, measure.figure.source, figure_ref(measure.figure))
        elif measure.context is not None:
            status.append(f"; {label('context', lang)}: ", style=DIM)
            status.append(figure_text(measure.context, unit, lang))
            cite.append(status, measure.context.source, figure_ref(measure.context))
        parts.append(hanging("    ", status))
    if not metric.targets:
        parts.append(Text(f"  {label('no_target', lang)}", style=DIM))

    chart = series_chart(metric, lang)
    if chart is not None:
        parts.append(chart)

    if len(metric.observations) > 1 or (metric.observations and headline is None):
        parts.append(Text(f"  {label('reported', lang)}:", style=DIM))
        for obs in sorted(metric.observations, key=lambda o: o.date):
            line = Text(figure_text(obs, unit, lang))
            with_speaker(line, dataset, obs.speaker, lang)
            if obs.note is not None:
                line.append(" — ", style=DIM)
                line.append_text(localized(obs.note, lang, DIM))
            cite.append(line, obs.source, figure_ref(obs))
            disagrees(line, obs.disagreement, lang)
            parts.append(hanging("   · ", line))
    # The note explains the series; it comes after the bars so that they are on
    # the first screen of the page.
    if metric.note is not None:
        parts.append(hanging("  ", localized(metric.note, lang, DIM)))
    return parts
