"""Dataset parts -> Rich renderables: the detail pane and the metric bars.

One renderer serves the TUI and the non-interactive report, so both always say
the same thing. Text from data goes into `rich.text.Text` as plain strings and is
never parsed as markup; the loader has already replaced control characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .i18n import (
    format_date,
    format_number,
    format_when,
    label,
    qualifier_sign,
    qualifier_words,
)
from .links import ItemRef, PageRef, backlinks
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

Marks = Callable[[str], "list[tuple[int, int]]"]
"""Finds the spans of a text to highlight (search matches)."""

BAR_FULL = "█"
BAR_HALF = "▌"
BAR_VOID = "░"
BAR_MISSING = "┄"
BAR_TARGET = "│"


class Citations:
    """Numbers the sources of one page in the order they are first cited: [1], [2] ...

    Given a `PageBuilder`, the markers it appends are links to the source pages.
    """

    def __init__(self, dataset: Dataset, builder: PageBuilder | None = None) -> None:
        self._dataset = dataset
        self._order: list[str] = []
        self._builder = builder

    def marker(self, source_id: str) -> str:
        if source_id not in self._order:
            self._order.append(source_id)
        return f"[{self._order.index(source_id) + 1}]"

    def append(self, text: Text, source_id: str, item: ItemRef | None = None) -> Text:
        """Append ` [n]`; when building a page, a link to the source (and the fact or quote)."""
        marker = self.marker(source_id)
        text.append(" ")
        if self._builder is None:
            text.append(marker, style=MARKER)
        else:
            self._builder.link(text, marker, PageRef("source", source_id), MARKER, item)
        return text

    def sources(self) -> list[tuple[int, Source]]:
        return [(n, self._dataset.sources[sid]) for n, sid in enumerate(self._order, start=1)]


# ---------------------------------------------------------------- links and pages

LINK_META = "coop.link"
"""Style meta key of a link span: its number in `Page.links`. A number, never data
text, so a click handler can look the target up and nothing from the data file
can name an action."""

LINK = Style(underline=True)
# A search match is bold on a yellow ground; the link cursor is reversed, so the
# two read apart (and under NO_COLOR the match is still bold and shaded).
MATCH = Style(bold=True, color="black", bgcolor="yellow")


@dataclass(frozen=True)
class Link:
    target: PageRef
    item: ItemRef | None = None
    """On a topic page: the fact or quote this marker belongs to (copying cites it).
    On an entity or source page: the fact or quote to show on the topic opened."""


@dataclass
class Page:
    """One page of the detail pane: renderable blocks (one per line or so) and its links."""

    ref: PageRef
    title: str
    blocks: list[RenderableType]
    links: list[Link]
    link_blocks: list[int]
    """Which block each link is in, to scroll it into view."""
    item_blocks: dict[ItemRef, int]
    """Which block each fact and quote starts at, to show a search match."""

    def renderable(self) -> Group:
        return Group(*self.blocks)


class PageBuilder:
    def __init__(self, ref: PageRef, title: str) -> None:
        self.ref = ref
        self.title = title
        self.blocks: list[RenderableType] = []
        self.links: list[Link] = []
        self.link_blocks: list[int] = []
        self.item_blocks: dict[ItemRef, int] = {}
        self._pending: list[int] = []

    def link(
        self,
        text: Text,
        label: str,
        target: PageRef,
        style: Style | str = LINK,
        item: ItemRef | None = None,
    ) -> Text:
        """Append `label` to `text` as a link; the block it lands in is known at `add`."""
        number = len(self.links)
        self.links.append(Link(target, item))
        self.link_blocks.append(-1)
        self._pending.append(number)
        # The meta holds only the link's number: data text never becomes an action.
        base = Style.parse(style) if isinstance(style, str) else style
        text.append(label, style=base + Style(meta={LINK_META: number}))
        return text

    def add(self, *renderables: RenderableType, item: ItemRef | None = None) -> None:
        if item is not None:
            self.item_blocks.setdefault(item, len(self.blocks))
        for renderable in renderables:
            for number in self._pending:
                self.link_blocks[number] = len(self.blocks)
            self._pending.clear()
            self.blocks.append(renderable)

    def build(self, marks: Marks | None = None) -> Page:
        if marks is not None:
            for block in self.blocks:
                text = block.body if isinstance(block, Hanging) else block
                if isinstance(text, Text):
                    for start, end in marks(text.plain):
                        text.stylize(MATCH, start, end)
        return Page(
            self.ref, self.title, self.blocks, self.links, self.link_blocks, self.item_blocks
        )


def localized(text: Localized, lang: Lang, style: Style | str = "") -> Text:
    """Data text in `lang`, marked when it fell back to the other language."""
    result = Text(text.get(lang), style=style)
    if text.is_fallback(lang) and text.get(lang):
        result.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
    return result


CURSOR = Style(reverse=True)


def with_cursor(block: RenderableType, number: int) -> RenderableType:
    """A copy of a page block with link `number` drawn reversed (the keyboard's link cursor)."""
    if isinstance(block, Hanging):
        return Hanging(
            _text_with_cursor(block.prefix, number), _text_with_cursor(block.body, number)
        )
    if isinstance(block, Text):
        return _text_with_cursor(block, number)
    return block


def _text_with_cursor(text: Text, number: int) -> Text:
    marked = text.copy()
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and style.meta.get(LINK_META) == number:
            marked.stylize(CURSOR, span.start, span.end)
    return marked


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
        parts.append(cite.append(line, latest.source))

    for target in metric.targets:
        figures = BarFigures(target, latest)
        line = Text("  ")
        line.append(f"{label('target', lang)} {format_number(target.value, lang)}", style=TITLE)
        line.append(" · ")
        line.append_text(localized(target.label, lang))
        if target.due is not None:
            line.append(f" ({format_date(target.due)})", style=DIM)
        parts.append(cite.append(line, target.source))
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
            parts.append(hanging("   · ", cite.append(line, obs.source)))
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


class Hanging:
    """`prefix` then `body`, its wrapped lines indented under the body's first character.

    Kept as prefix and body (not a finished Table) so that a page can still
    highlight search matches and the link cursor in the body's text.
    """

    def __init__(
        self, prefix: str | Text, body: Text, prefix_style: Style | str | None = None
    ) -> None:
        if isinstance(prefix, str):
            prefix = Text(prefix, style=body.style if prefix_style is None else prefix_style)
        self.prefix = prefix
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid()
        grid.add_column(width=self.prefix.cell_len, no_wrap=True)
        # fold: a long URL wraps onto the next line instead of losing its end.
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(self.prefix, self.body)
        yield grid


def hanging(prefix: str, body: Text, prefix_style: Style | str | None = None) -> Hanging:
    """`prefix` then `body`, its wrapped lines indented under the body's first character."""
    return Hanging(prefix, body, prefix_style)


def topic_title(dataset: Dataset, topic_id: str, lang: Lang) -> str:
    """The breadcrumb for a page header: Trade › Turnover."""
    return " › ".join(t.label(lang) for t in dataset.path(topic_id))


def page_title(dataset: Dataset, ref: PageRef, lang: Lang) -> str:
    """The pane's border title: a topic's breadcrumb, or the kind and name of another page."""
    if ref.kind == "topic":
        return topic_title(dataset, ref.id, lang)
    if ref.kind == "source":
        return f"{label('kind.source', lang)} › {dataset.sources[ref.id].title.get(lang)}"
    entity = dataset.entities[ref.id]
    return f"{label('kind.' + entity.kind, lang)} › {entity.label(lang)}"


def topic_page(dataset: Dataset, topic_id: str, lang: Lang) -> Group:
    """Everything a reader needs about one topic, with numbered sources at the end."""
    return build_page(dataset, PageRef("topic", topic_id), lang).renderable()


def build_page(dataset: Dataset, ref: PageRef, lang: Lang, marks: Marks | None = None) -> Page:
    """The page of a topic, entity or source, with its links; `marks` finds words to highlight."""
    builder = PageBuilder(ref, page_title(dataset, ref, lang))
    if ref.kind == "topic":
        _topic_blocks(builder, dataset, ref.id, lang)
    elif ref.kind == "source":
        _source_blocks(builder, dataset, ref.id, lang)
    else:
        _entity_blocks(builder, dataset, ref.id, lang)
    return builder.build(marks)


def _topic_blocks(page: PageBuilder, dataset: Dataset, topic_id: str, lang: Lang) -> None:
    topic = dataset.topics[topic_id]
    cite = Citations(dataset, page)
    page.add(localized(topic.title, lang, TITLE), item=ItemRef(topic_id))
    if topic.summary is not None:
        page.add(localized(topic.summary, lang))

    if topic.metrics:
        page.add(_section("figures", lang))
        for index, metric_id in enumerate(topic.metrics):
            if index:
                page.add(Text(""))
            page.add(*metric_block(dataset.metrics[metric_id], lang, cite))

    if topic.facts:
        page.add(_section("facts", lang))
        for index, fact in enumerate(topic.facts):
            item = ItemRef(topic_id, "fact", index)
            body = localized(fact.text, lang)
            if fact.date is not None:
                # When it happened leads the line, apart from the source's date.
                body = Text.assemble((f"{format_when(fact.date)}: ", DIM), body)
            if fact.note is not None:
                body.append(" (", style=DIM)
                body.append_text(localized(fact.note, lang, DIM))
                body.append(")", style=DIM)
            page.add(hanging("• ", cite.append(body, fact.source, item), ""), item=item)

    if topic.quotes:
        page.add(_section("quotes", lang))
        for index, quote in enumerate(topic.quotes):
            item = ItemRef(topic_id, "quote", index)
            page.add(_quote_text(quote.text, lang), item=item)
            attribution = Text()
            _speaker(page, attribution, dataset, quote.speaker, lang)
            attribution.append(f", {format_date(quote.date)}", style=DIM)
            page.add(hanging("    — ", cite.append(attribution, quote.source, item), DIM))
            if quote.context is not None:
                page.add(hanging("      ", localized(quote.context, lang, DIM)))

    mentioned = _mentions_of(topic)
    if mentioned:
        page.add(_section("mentions", lang))
        page.add(*_mentions_lines(page, dataset, mentioned, lang))

    children = dataset.children(topic.id)
    if children:
        page.add(_section("subtopics", lang))
        for child in children:
            line = Text("▸ ")
            page.link(line, child.title.get(lang), PageRef("topic", child.id))
            if child.title.is_fallback(lang):
                line.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
            page.add(line)

    _sources_section(page, cite, lang)


def _sources_section(page: PageBuilder, cite: Citations, lang: Lang) -> None:
    sources = cite.sources()
    if sources:
        page.add(_section("sources", lang))
        for number, source in sources:
            marker = Text()
            page.link(marker, f"[{number}]", PageRef("source", source.id), MARKER)
            marker.append(" ")
            page.add(Hanging(marker, source_body(source, lang)))


def _quote_text(text: Localized, lang: Lang) -> Hanging:
    body = Text("“", style=QUOTE)
    body.append_text(localized(text, lang, QUOTE))
    body.append("”", style=QUOTE)
    return hanging("  ", body)


def _speaker(page: PageBuilder, line: Text, dataset: Dataset, speaker_id: str, lang: Lang) -> None:
    person = dataset.entities[speaker_id]
    page.link(line, person.name.get(lang), PageRef(person.kind, person.id), TITLE + LINK)
    if person.role is not None:
        line.append(", ")
        line.append_text(localized(person.role, lang))


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


def _mentions_lines(
    page: PageBuilder, dataset: Dataset, entity_ids: Iterable[str], lang: Lang
) -> Iterator[Text]:
    entities = [dataset.entities[e] for e in entity_ids]
    for kind in ENTITY_KINDS:
        of_kind = [e for e in entities if e.kind == kind]
        if not of_kind:
            continue
        line = Text(f"{label(kind, lang)}: ", style=DIM)
        for index, entity in enumerate(of_kind):
            if index:
                line.append(" · ", style=DIM)
            page.link(
                line, entity.label(lang), PageRef(entity.kind, entity.id), Style(dim=False) + LINK
            )
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


# ---------------------------------------------------------------- entity and source pages


def _entity_blocks(page: PageBuilder, dataset: Dataset, entity_id: str, lang: Lang) -> None:
    entity = dataset.entities[entity_id]
    cite = Citations(dataset, page)
    page.add(localized(entity.name, lang, TITLE))
    what = Text(label("kind." + entity.kind, lang), style=DIM)
    if entity.short_name is not None and entity.short_name.get(lang) != entity.name.get(lang):
        what.append(" · ", style=DIM)
        what.append(entity.short_name.get(lang))
    if entity.start is not None:
        span = format_date(entity.start)
        if entity.end is not None and entity.end != entity.start:
            span += f" – {format_date(entity.end)}"
        what.append(f" · {span}", style=DIM)
    page.add(what)
    if entity.role is not None:
        page.add(localized(entity.role, lang))
    if entity.description is not None:
        about = localized(entity.description, lang)
        page.add(cite.append(about, entity.source) if entity.source else about)
    elif entity.source:
        page.add(cite.append(Text(label("described_in", lang), style=DIM), entity.source))
    if entity.url:
        page.add(Text(entity.url, style=Style(underline=True, link=entity.url)))
    _backlink_blocks(
        page, dataset, backlinks(dataset).of(PageRef(entity.kind, entity_id)), "mentioned_in", lang
    )
    _sources_section(page, cite, lang)


def _source_blocks(page: PageBuilder, dataset: Dataset, source_id: str, lang: Lang) -> None:
    source = dataset.sources[source_id]
    page.add(localized(source.title, lang, TITLE))
    details = [label("kind.source", lang)]
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date))
    page.add(Text(" · ".join(details), style=DIM))
    if source.note is not None:
        page.add(localized(source.note, lang, DIM))
    if source.url:
        page.add(Text(source.url, style=Style(underline=True, link=source.url)))
    _backlink_blocks(
        page, dataset, backlinks(dataset).of(PageRef("source", source_id)), "cited_in", lang
    )
    described = [e for e in dataset.entities.values() if e.source == source_id]
    if described:
        page.add(_section("describes", lang))
        for entity in described:
            line = Text("▸ ")
            page.link(line, entity.name.get(lang), PageRef(entity.kind, entity.id))
            line.append(f" · {label('kind.' + entity.kind, lang)}", style=DIM)
            page.add(line)


def _backlink_blocks(
    page: PageBuilder, dataset: Dataset, items: Iterable[ItemRef], heading: str, lang: Lang
) -> None:
    """Every topic, fact and quote that names the page, grouped under its topic."""
    items = list(items)
    page.add(_section(heading, lang))
    if not items:
        page.add(Text(label("nowhere", lang), style=DIM))
        return
    current: str | None = None
    for item in items:
        if item.topic_id != current:
            current = item.topic_id
            line = Text("▸ ")
            page.link(
                line, topic_title(dataset, item.topic_id, lang), PageRef("topic", item.topic_id)
            )
            page.add(line)
        if item.kind == "topic":
            continue
        topic = dataset.topics[item.topic_id]
        line = Text()
        if item.kind == "fact":
            body = topic.facts[item.index].text.get(lang)
            page.link(line, body, PageRef("topic", item.topic_id), "", item)
            page.add(hanging("    • ", line, ""))
            continue
        quote = topic.quotes[item.index]
        page.link(line, f"“{quote.text.get(lang)}”", PageRef("topic", item.topic_id), QUOTE, item)
        line.append(f" — {dataset.entities[quote.speaker].name.get(lang)}", style=DIM)
        line.append(f", {format_date(quote.date)}", style=DIM)
        page.add(hanging("      ", line, ""))


# ---------------------------------------------------------------- citations


def source_reference(source: Source, lang: Lang) -> str:
    """`Title — Publisher, 2025-09-29. URL`, for a citation in plain text."""
    parts = [source.title.get(lang)]
    details = []
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date))
    text = parts[0] + (" — " + ", ".join(details) if details else "")
    if source.url:
        text += f". {source.url}"
    return text


def citation(dataset: Dataset, ref: PageRef, lang: Lang, item: ItemRef | None = None) -> str:
    """The open page, or one fact or quote on it, as a plain-text citation for a note.

    A quote says who said it and when; every citation ends with its source(s),
    dated and with the URL where known.
    """
    src = label("cite.source", lang)
    if item is not None and item.kind == "fact":
        fact = dataset.topics[item.topic_id].facts[item.index]
        source = dataset.sources[fact.source]
        return f"“{fact.text.get(lang)}”\n{src}: {source_reference(source, lang)}"
    if item is not None and item.kind == "quote":
        quote = dataset.topics[item.topic_id].quotes[item.index]
        speaker = dataset.entities[quote.speaker]
        who = speaker.name.get(lang) + (f", {speaker.role.get(lang)}" if speaker.role else "")
        source = dataset.sources[quote.source]
        return (
            f"“{quote.text.get(lang)}”\n— {who}, {format_date(quote.date)}\n"
            f"{src}: {source_reference(source, lang)}"
        )
    if ref.kind == "source":
        return source_reference(dataset.sources[ref.id], lang)
    if ref.kind == "topic":
        topic = dataset.topics[ref.id]
        head = topic_title(dataset, ref.id, lang)
        body = topic.summary.get(lang) if topic.summary is not None else ""
        cite = Citations(dataset)
        for fact in topic.facts:
            cite.marker(fact.source)
        for quote in topic.quotes:
            cite.marker(quote.source)
        for metric_id in topic.metrics:
            for obs in dataset.metrics[metric_id].observations:
                cite.marker(obs.source)
    else:
        entity = dataset.entities[ref.id]
        head = f"{entity.name.get(lang)} ({label('kind.' + entity.kind, lang)})"
        body = " ".join(t.get(lang) for t in (entity.role, entity.description) if t is not None)
        cite = Citations(dataset)
        if entity.source:
            cite.marker(entity.source)
    lines = [f"{head}: {body}" if body else head]
    sources = cite.sources()
    if sources:
        lines.append(f"{label('sources', lang)}:")
        lines.extend(f"[{n}] {source_reference(s, lang)}" for n, s in sources)
    return "\n".join(lines)


def citation_summary(text: str, width: int = 60) -> str:
    """The first line of a citation, shortened, for a notification."""
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= width else first[: width - 1] + "…"
