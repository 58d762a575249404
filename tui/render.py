"""Dataset parts -> Rich renderables: the detail pane and the metric bars.

One renderer serves the TUI and the non-interactive report, so both always say
the same thing. Text from data goes into `rich.text.Text` as plain strings and is
never parsed as markup; the loader has already replaced control characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.cells import cell_len
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .i18n import format_date, format_number, label, qualifier_sign, qualifier_words
from .model import (
    ENTITY_KINDS,
    Dataset,
    Lang,
    Localized,
    Metric,
    Observation,
    Source,
    Target,
    Topic,
)

# Styles are named semantically; colour is a bonus, never the only carrier of
# meaning (bars read by their characters and numbers under NO_COLOR too).
TITLE = Style(bold=True)
HEADING = Style(bold=True, underline=True)
DIM = Style(dim=True)
MARKER = Style(dim=True)
QUOTE = Style(italic=True)
FALLBACK = Style(dim=True, italic=True)
BAR_FILLED = Style(color="green")
BAR_EMPTY = Style(dim=True)
BAR_OVER = Style(color="yellow", bold=True)

BAR_FULL = "█"
BAR_HALF = "▌"
BAR_VOID = "░"
BAR_MISSING = "┄"
BAR_TARGET = "│"


class Citations:
    """Numbers the sources of one page in the order they are first cited: [1], [2] ..."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._order: list[str] = []

    def marker(self, source_id: str) -> str:
        if source_id not in self._order:
            self._order.append(source_id)
        return f"[{self._order.index(source_id) + 1}]"

    def sources(self) -> list[tuple[int, Source]]:
        return [(n, self._dataset.sources[sid]) for n, sid in enumerate(self._order, start=1)]


def localized(text: Localized, lang: Lang, style: Style | str = "") -> Text:
    """Data text in `lang`, marked when it fell back to the other language."""
    result = Text(text.get(lang), style=style)
    if text.is_fallback(lang) and text.get(lang):
        result.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
    return result


def _with_marker(text: Text, marker: str) -> Text:
    text.append(" ")
    text.append(marker, style=MARKER)
    return text


# ---------------------------------------------------------------- metric bars


@dataclass(frozen=True)
class BarFigures:
    """What one bar says: the latest value against one target."""

    target: Target
    observation: Observation | None

    @property
    def ratio(self) -> float | None:
        if self.observation is None or self.observation.value is None or self.target.value <= 0:
            return None
        return self.observation.value / self.target.value

    def percent_text(self) -> str:
        ratio = self.ratio
        if ratio is None or self.observation is None:
            return "—"
        sign = qualifier_sign(self.observation.qualifier)
        # Floor under "more than": 2.99/3 is not yet "≥100 %".
        percent = math.floor(ratio * 100) if sign in ("≥", "") else round(ratio * 100)
        return f"{sign}{percent} %"


def value_text(observation: Observation | None, unit: str, lang: Lang) -> str:
    if observation is None or observation.value is None:
        return label("no_figure", lang)
    words = qualifier_words(observation.qualifier, lang)
    number = format_number(observation.value, lang)
    return f"{words} {number} {unit}".strip() if words else f"{number} {unit}".strip()


class MetricBar:
    """One progress bar to a target, sized to the width it is given.

    Drawn with block characters so it costs nothing while idle (unlike an
    animated ProgressBar) and reads without colour. Overshoot is drawn, not
    clamped: the bar scales to the value and a `│` marks where the target is.
    """

    def __init__(self, figures: BarFigures, lang: Lang) -> None:
        self.figures = figures
        self.lang = lang

    def bar_text(self, width: int) -> Text:
        # A fixed-width percentage keeps the bars of one metric the same length.
        percent = self.figures.percent_text().rjust(6)
        bar_width = max(4, width - len(percent) - 1)
        bar = Text()
        ratio = self.figures.ratio
        if ratio is None:
            bar.append(BAR_MISSING * bar_width, style=BAR_EMPTY)
        elif ratio <= 1:
            halves = int(ratio * bar_width * 2)
            full, half = divmod(halves, 2)
            bar.append(BAR_FULL * full, style=BAR_FILLED)
            if half:
                bar.append(BAR_HALF, style=BAR_FILLED)
            bar.append(BAR_VOID * (bar_width - full - half), style=BAR_EMPTY)
        else:
            target_at = min(bar_width - 2, max(1, int(bar_width / ratio)))
            bar.append(BAR_FULL * target_at, style=BAR_FILLED)
            bar.append(BAR_TARGET, style=BAR_OVER)
            bar.append(BAR_FULL * (bar_width - target_at - 1), style=BAR_OVER)
        bar.append(" ")
        bar.append(percent, style=Style(bold=True))
        return bar

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.bar_text(max(10, min(options.max_width, 60)))


def metric_block(metric: Metric, lang: Lang, cite: Citations) -> list[RenderableType]:
    """Title, the latest figure, a bar per target, then every reported figure."""
    unit = metric.unit.get(lang)
    parts: list[RenderableType] = []
    heading = localized(metric.title, lang, TITLE)
    heading.append(f" ({unit})", style=DIM)
    parts.append(heading)

    latest = metric.latest()
    if latest is not None:
        line = Text("  ")
        line.append(latest.period.get(lang), style=TITLE)
        line.append(": ")
        line.append(value_text(latest, "", lang))
        line.append(f" · {label('as_of', lang)} {format_date(latest.date)}", style=DIM)
        parts.append(_with_marker(line, cite.marker(latest.source)))

    for target in metric.targets:
        figures = BarFigures(target, latest)
        line = Text("  ")
        line.append(f"{label('target', lang)} {format_number(target.value, lang)}", style=TITLE)
        line.append(" · ")
        line.append_text(localized(target.label, lang))
        if target.due is not None:
            line.append(f" ({format_date(target.due)})", style=DIM)
        parts.append(_with_marker(line, cite.marker(target.source)))
        if latest is None or latest.value is None:
            parts.append(Text(f"  {BAR_MISSING * 3} {label('no_value_for_bar', lang)}", style=DIM))
        parts.append(_Indented(MetricBar(figures, lang), 2))
    if not metric.targets:
        parts.append(Text(f"  {label('no_target', lang)}", style=DIM))

    if len(metric.observations) > 1 or (metric.observations and latest is None):
        parts.append(Text(f"  {label('reported', lang)}:", style=DIM))
        for obs in sorted(metric.observations, key=lambda o: o.date):
            line = Text()
            line.append(obs.period.get(lang))
            line.append(": ")
            line.append(value_text(obs, "", lang))
            if obs.note is not None:
                line.append(" — ", style=DIM)
                line.append_text(localized(obs.note, lang, DIM))
            parts.append(hanging("   · ", _with_marker(line, cite.marker(obs.source))))
    # The note explains the series; it comes after the bars so that they are on
    # the first screen of the page.
    if metric.note is not None:
        parts.append(hanging("  ", localized(metric.note, lang, DIM)))
    return parts


class _Indented:
    def __init__(self, renderable: MetricBar, indent: int) -> None:
        self.renderable = renderable
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, min(options.max_width, 60 + self.indent) - self.indent)
        bar = Text(" " * self.indent)
        bar.append_text(self.renderable.bar_text(width))
        yield bar


# ---------------------------------------------------------------- topic page


def _section(title_key: str, lang: Lang) -> Text:
    return Text(f"\n{label(title_key, lang)}", style=HEADING)


def hanging(prefix: str, body: Text, prefix_style: Style | str | None = None) -> Table:
    """`prefix` then `body`, its wrapped lines indented under the body's first character."""
    grid = Table.grid()
    grid.add_column(width=cell_len(prefix), no_wrap=True)
    # fold: a long URL wraps onto the next line instead of losing its end.
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(Text(prefix, style=body.style if prefix_style is None else prefix_style), body)
    return grid


def _bullet(body: Text, marker: str) -> Table:
    return hanging("• ", _with_marker(body, marker))


def topic_title(dataset: Dataset, topic_id: str, lang: Lang) -> str:
    """The breadcrumb for a page header: Trade › Turnover."""
    return " › ".join(t.label(lang) for t in dataset.path(topic_id))


def topic_page(dataset: Dataset, topic_id: str, lang: Lang) -> Group:
    """Everything a reader needs about one topic, with numbered sources at the end."""
    topic = dataset.topics[topic_id]
    cite = Citations(dataset)
    parts: list[RenderableType] = [localized(topic.title, lang, TITLE)]
    if topic.summary is not None:
        parts.append(localized(topic.summary, lang))

    if topic.metrics:
        parts.append(_section("figures", lang))
        for index, metric_id in enumerate(topic.metrics):
            if index:
                parts.append(Text(""))
            parts.extend(metric_block(dataset.metrics[metric_id], lang, cite))

    if topic.facts:
        parts.append(_section("facts", lang))
        for fact in topic.facts:
            body = localized(fact.text, lang)
            if fact.note is not None:
                body.append(" (", style=DIM)
                body.append_text(localized(fact.note, lang, DIM))
                body.append(")", style=DIM)
            parts.append(_bullet(body, cite.marker(fact.source)))

    if topic.quotes:
        parts.append(_section("quotes", lang))
        for quote in topic.quotes:
            parts.append(_quote_text(quote.text, lang))
            attribution = _speaker_line(dataset, quote.speaker, lang)
            attribution.append(f", {format_date(quote.date)}", style=DIM)
            parts.append(hanging("    — ", _with_marker(attribution, cite.marker(quote.source))))
            if quote.context is not None:
                parts.append(hanging("      ", localized(quote.context, lang, DIM)))

    mentioned = _mentions_of(topic)
    if mentioned:
        parts.append(_section("mentions", lang))
        parts.extend(_mentions_lines(dataset, mentioned, lang))

    children = dataset.children(topic.id)
    if children:
        parts.append(_section("subtopics", lang))
        for child in children:
            parts.append(Text("▸ ").append_text(localized(child.title, lang)))

    sources = cite.sources()
    if sources:
        parts.append(_section("sources", lang))
        for number, source in sources:
            parts.append(hanging(f"[{number}] ", source_body(source, lang), MARKER))
    return Group(*parts)


def _quote_text(text: Localized, lang: Lang) -> Table:
    body = Text("“", style=QUOTE)
    body.append_text(localized(text, lang, QUOTE))
    body.append("”", style=QUOTE)
    return hanging("  ", body)


def _speaker_line(dataset: Dataset, speaker_id: str, lang: Lang) -> Text:
    person = dataset.entities[speaker_id]
    line = Text(person.name.get(lang), style=TITLE)
    if person.role is not None:
        line.append(", ")
        line.append_text(localized(person.role, lang))
    return line


def _mentions_of(topic: Topic) -> list[str]:
    """Entities named by the topic, its facts and its quotes, first mention first."""
    seen: dict[str, None] = {}
    for entity_id in topic.mentions:
        seen.setdefault(entity_id, None)
    for fact in topic.facts:
        for entity_id in fact.mentions:
            seen.setdefault(entity_id, None)
    for quote in topic.quotes:
        seen.setdefault(quote.speaker, None)
        for entity_id in quote.mentions:
            seen.setdefault(entity_id, None)
    return list(seen)


def _mentions_lines(dataset: Dataset, entity_ids: Iterable[str], lang: Lang) -> Iterator[Text]:
    entities = [dataset.entities[e] for e in entity_ids]
    for kind in ENTITY_KINDS:
        of_kind = [e for e in entities if e.kind == kind]
        if not of_kind:
            continue
        line = Text(f"{label(kind, lang)}: ", style=DIM)
        for index, entity in enumerate(of_kind):
            if index:
                line.append(" · ", style=DIM)
            line.append(entity.label(lang))
        yield line


def source_line(number: int, source: Source, lang: Lang) -> Text:
    """`[n] Title — Publisher, date (note)` and the URL on its own line."""
    line = Text(f"[{number}] ", style=MARKER)
    line.append_text(source_body(source, lang))
    return line


def source_body(source: Source, lang: Lang) -> Text:
    """A source without its number; the URL is a terminal hyperlink (OSC 8)."""
    line = localized(source.title, lang)
    details: list[str] = []
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date))
    if details:
        line.append(" — " + ", ".join(details), style=DIM)
    if source.note is not None:
        line.append(" (", style=DIM)
        line.append_text(localized(source.note, lang, DIM))
        line.append(")", style=DIM)
    if source.url:
        line.append("\n")
        line.append(source.url, style=Style(underline=True, link=source.url))
    return line
