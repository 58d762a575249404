"""Dataset parts -> Rich renderables: the detail pane and the metric bars.

One renderer serves the TUI and the non-interactive report, so both always say
the same thing. Text from data goes into `rich.text.Text` as plain strings and is
never parsed as markup; the loader has already replaced control characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from . import numbers
from .bars import TargetBar
from .chart import series_chart
from .disagreements import Side, on_topic, sides_index
from .figures import Measure, latest_full_year, scale_of
from .figures import measure as measure_target
from .i18n import (
    format_date,
    format_number,
    format_when,
    label,
    qualifier_words,
    quote_marks,
    quoted,
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
    Topic,
)
from .paging import PAGE_ITEMS, Budget, more_text
from .timeline import Entry, entity_entries, entry_date, entry_text, topic_entries

# Styles are named semantically; colour is a bonus, never the only carrier of
# meaning (bars read by their characters and numbers under NO_COLOR too).
TITLE = Style(bold=True)
HEADING = Style(bold=True, underline=True)
DIM = Style(dim=True)
MARKER = Style(dim=True)
QUOTE = Style(italic=True)
FALLBACK = Style(dim=True, italic=True)
STATUS = Style(bold=True)
# Marked by its sign and its words, so it reads without colour too.
DISAGREE = Style(bold=True, italic=True)

Marks = Callable[[str], "list[tuple[int, int]]"]
"""Finds the spans of a text to highlight (search matches)."""


class Citations:
    """Numbers the sources of one page in the order they are first cited: [1], [2] ...

    Given a `PageBuilder`, the markers it appends are links to the source pages.
    """

    def __init__(self, dataset: Dataset, builder: PageBuilder | None = None) -> None:
        self._dataset = dataset
        self._order: list[str] = []
        self._builder = builder

    @property
    def dataset(self) -> Dataset:
        return self._dataset

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
    more: int = 0
    """For the "… N more" line of a cut list: how many of each list to draw when followed."""


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
    def __init__(
        self, ref: PageRef, title: str, shown: int | None = None, reach: ItemRef | None = None
    ) -> None:
        self.ref = ref
        self.title = title
        self.shown = shown
        """How many of each list the page draws (None: all); see `paging`."""
        self.reach = reach
        """A fact or quote the page must draw, however far down its list."""
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
        more: int = 0,
    ) -> Text:
        """Append `label` to `text` as a link; the block it lands in is known at `add`."""
        number = len(self.links)
        self.links.append(Link(target, item, more))
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
            # Each link goes to the block that holds it: a metric's parts are
            # built first and added together, their links all pending at once.
            inside = _links_in(renderable)
            for number in [n for n in self._pending if n in inside]:
                self.link_blocks[number] = len(self.blocks)
                self._pending.remove(number)
            self.blocks.append(renderable)
        for number in self._pending:
            self.link_blocks[number] = len(self.blocks) - 1
        self._pending.clear()

    def forget_links(self, blocks: Iterable[RenderableType]) -> None:
        """Forget the links of blocks built but never added (a list cut short).

        They are the last links made; a Tab must not stop at a link not drawn.
        """
        gone: set[int] = set()
        for block in blocks:
            gone |= _links_in(block)
        while self.links and len(self.links) - 1 in gone:
            number = len(self.links) - 1
            self.links.pop()
            self.link_blocks.pop()
            if number in self._pending:
                self._pending.remove(number)

    def budget(self, kind: str = "") -> Budget:
        """What one list of this page may draw; `kind` "fact" or "quote" honours `reach`."""
        reach = self.reach
        at_least = reach.index + 1 if reach is not None and reach.kind == kind else 0
        shown = None if self.shown is None else max(self.shown, at_least)
        return Budget(shown, at_least)

    def more(self, left: int | None, lang: Lang) -> None:
        """The line after a cut list: "… N more", a link that draws the next ones."""
        assert self.shown is not None
        line = Text()
        self.link(line, more_text(left, lang), self.ref, DIM + LINK, more=self.shown + PAGE_ITEMS)
        self.add(line)

    def build(self, marks: Marks | None = None) -> Page:
        if marks is not None:
            for block in self.blocks:
                texts = (
                    block.sides
                    if isinstance(block, SideBySide)
                    else [block.body if isinstance(block, Hanging) else block]
                )
                for text in texts:
                    if isinstance(text, Text):
                        for start, end in marks(text.plain):
                            text.stylize(MATCH, start, end)
        return Page(
            self.ref, self.title, self.blocks, self.links, self.link_blocks, self.item_blocks
        )


def _links_in(block: RenderableType) -> set[int]:
    """The numbers of the links drawn in a page block."""
    if isinstance(block, Hanging):
        texts = [block.prefix, block.body]
    elif isinstance(block, SideBySide):
        texts = list(block.sides)
    elif isinstance(block, Text):
        texts = [block]
    else:
        return set()
    found: set[int] = set()
    for text in texts:
        for span in text.spans:
            if isinstance(span.style, Style) and isinstance(span.style.meta.get(LINK_META), int):
                found.add(span.style.meta[LINK_META])
    return found


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
    if isinstance(block, SideBySide):
        return SideBySide([_text_with_cursor(side, number) for side in block.sides], block.indent)
    return block


def _text_with_cursor(text: Text, number: int) -> Text:
    marked = text.copy()
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and style.meta.get(LINK_META) == number:
            marked.stylize(CURSOR, span.start, span.end)
    return marked


# ---------------------------------------------------------------- metric bars


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


def _with_speaker(line: Text, dataset: Dataset | None, speaker: str | None, lang: Lang) -> None:
    if dataset is not None and speaker is not None and speaker in dataset.entities:
        line.append(f" — {dataset.entities[speaker].name.get(lang)}", style=DIM)


def _disagrees(line: Text, disagreement: str | None, lang: Lang) -> None:
    if disagreement is not None:
        line.append(f" ≠ {label('disagree', lang)}", style=DISAGREE)


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
        _with_speaker(line, dataset, obs.speaker, lang)
        cite.append(line, obs.source, figure_ref(obs))
        _disagrees(line, obs.disagreement, lang)
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
        _with_speaker(line, dataset, target.speaker, lang)
        item = ItemRef(topic_id, "target", index, metric.id) if topic_id else None
        cite.append(line, target.source, item)
        _disagrees(line, target.disagreement, lang)
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
            _with_speaker(line, dataset, obs.speaker, lang)
            if obs.note is not None:
                line.append(" — ", style=DIM)
                line.append_text(localized(obs.note, lang, DIM))
            cite.append(line, obs.source, figure_ref(obs))
            _disagrees(line, obs.disagreement, lang)
            parts.append(hanging("   · ", line))
    # The note explains the series; it comes after the bars so that they are on
    # the first screen of the page.
    if metric.note is not None:
        parts.append(hanging("  ", localized(metric.note, lang, DIM)))
    return parts


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
        # Wrapped here rather than in a Table.grid: a page is mostly these
        # blocks, and a grid measures and renders each cell twice.
        indent = self.prefix.cell_len
        width = max(1, options.max_width - indent)
        # fold: a long URL wraps onto the next line instead of losing its end.
        lines = self.body.wrap(console, width, overflow="fold")
        for number, line in enumerate(lines):
            row = self.prefix.copy() if number == 0 else Text(" " * indent)
            row.append_text(line)
            row.no_wrap = True
            row.overflow = "crop"
            yield row


class SideBySide:
    """The sides of a disagreement next to each other, each in its own column.

    Below `STACK_BELOW` columns there is no room for two readable columns: the
    sides stack, each behind a `│` so they still read as a group. Kept as Texts
    (not a finished Table) so that links, the cursor and search marks work in them.
    """

    STACK_BELOW = 60

    def __init__(self, sides: list[Text], indent: int = 2) -> None:
        self.sides = sides
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=self.indent, no_wrap=True)
        if options.max_width < self.STACK_BELOW:
            grid.add_column(width=2, no_wrap=True)
            grid.add_column(ratio=1, overflow="fold")
            for side in self.sides:
                grid.add_row("", Text("│", style=DIM), side)
        else:
            cells: list[RenderableType] = [""]
            for number, side in enumerate(self.sides):
                if number:
                    grid.add_column(width=1, no_wrap=True)
                    cells.append(Text("│", style=DIM))
                grid.add_column(ratio=1, overflow="fold")
                cells.append(side)
            grid.add_row(*cells)
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


def build_page(
    dataset: Dataset,
    ref: PageRef,
    lang: Lang,
    marks: Marks | None = None,
    shown: int | None = None,
    reach: ItemRef | None = None,
) -> Page:
    """The page of a topic, entity or source, with its links; `marks` finds words to highlight.

    With `shown`, each long list draws that many items (fewer when their text is
    long) and a "… N more" link; `reach` names a fact or quote to draw however
    far down it is. Without, everything (the report and the exports).
    """
    builder = PageBuilder(ref, page_title(dataset, ref, lang), shown, reach)
    if ref.kind == "topic":
        _topic_blocks(builder, dataset, ref.id, lang)
    elif ref.kind == "source":
        _source_blocks(builder, dataset, ref.id, lang)
    else:
        _entity_blocks(builder, dataset, ref.id, lang)
    return builder.build(marks)


def _topic_blocks(page: PageBuilder, dataset: Dataset, topic_id: str, lang: Lang) -> Citations:
    topic = dataset.topics[topic_id]
    cite = Citations(dataset, page)
    page.add(localized(topic.title, lang, TITLE), item=ItemRef(topic_id))
    if topic.summary is not None:
        page.add(localized(topic.summary, lang))

    if topic.metrics:
        page.add(_section("figures", lang))
        budget = page.budget()
        for index, metric_id in enumerate(topic.metrics):
            if index:
                page.add(Text(""))
            parts = metric_block(dataset.metrics[metric_id], lang, cite, topic_id)
            if not _add_within(page, budget, parts, lang, last=index == len(topic.metrics) - 1):
                break

    if topic.facts:
        page.add(_section("facts", lang))
        budget = page.budget("fact")
        for index, fact in enumerate(topic.facts):
            if not budget.allows(index, fact.text.get(lang)):
                page.more(len(topic.facts) - index, lang)
                break
            item = ItemRef(topic_id, "fact", index)
            body = localized(fact.text, lang)
            if fact.date is not None:
                # When it happened leads the line, apart from the source's date.
                body = Text.assemble((f"{format_when(fact.date, lang)}: ", DIM), body)
            if fact.note is not None:
                body.append(" (", style=DIM)
                body.append_text(localized(fact.note, lang, DIM))
                body.append(")", style=DIM)
            cite.append(body, fact.source, item)
            _disagrees(body, fact.disagreement, lang)
            page.add(hanging("• ", body, ""), item=item)

    if topic.quotes:
        page.add(_section("quotes", lang))
        budget = page.budget("quote")
        for index, quote in enumerate(topic.quotes):
            if not budget.allows(index, quote.text.get(lang)):
                page.more(len(topic.quotes) - index, lang)
                break
            item = ItemRef(topic_id, "quote", index)
            page.add(_quote_text(quote.text, lang), item=item)
            attribution = Text()
            # The speaker's link names the quote too: `y` on it copies the quote.
            _speaker(page, attribution, dataset, quote.speaker, lang, item)
            attribution.append(f", {format_date(quote.date, lang)}", style=DIM)
            page.add(hanging("    — ", cite.append(attribution, quote.source, item), DIM))
            if quote.context is not None:
                page.add(hanging("      ", localized(quote.context, lang, DIM)))

    _disagreement_blocks(page, dataset, topic, lang, cite)

    mentioned = _mentions_of(topic)
    if mentioned:
        page.add(_section("mentions", lang))
        page.add(*_mentions_lines(page, dataset, mentioned, lang))

    children = dataset.children(topic.id)
    if children:
        page.add(_section("subtopics", lang))
        budget = page.budget()
        for index, child in enumerate(children):
            if not budget.allows(index, child.title.get(lang)):
                page.more(len(children) - index, lang)
                break
            line = Text("▸ ")
            page.link(line, child.title.get(lang), PageRef("topic", child.id))
            if child.title.is_fallback(lang):
                line.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
            page.add(line)

    _timeline_section(page, dataset, topic_entries(dataset, topic_id), cite, lang)
    _sources_section(page, cite, lang)
    return cite


def _disagreement_blocks(
    page: PageBuilder, dataset: Dataset, topic: Topic, lang: Lang, cite: Citations
) -> None:
    """Each disagreement the page touches: what it is about, then every side with its source."""
    ids = on_topic(dataset, topic)
    if not ids:
        return
    page.add(_section("disagreements", lang))
    index = sides_index(dataset)
    for number, disagreement_id in enumerate(ids):
        disagreement = dataset.disagreements[disagreement_id]
        if number:
            page.add(Text(""))
        about = Text("≠ ", style=DISAGREE)
        about.append_text(localized(disagreement.about, lang, DISAGREE))
        page.add(about)
        sides = [
            _side_text(dataset, side, lang, cite, topic.id)
            for side in index.get(disagreement_id, ())
        ]
        page.add(SideBySide(sides))
        if disagreement.note is not None:
            page.add(hanging("  ", localized(disagreement.note, lang, DIM)))


def _side_text(dataset: Dataset, side: Side, lang: Lang, cite: Citations, topic_id: str) -> Text:
    """One side of a disagreement: what it says, who said it, the source's date, its marker."""
    if side.kind == "fact":
        fact = dataset.topics[side.owner].facts[side.index]
        text = localized(fact.text, lang)
        if fact.date is not None:
            text = Text.assemble((f"{format_when(fact.date, lang)}: ", DIM), text)
        source_id, speaker = fact.source, None
        item = ItemRef(side.owner, "fact", side.index)
    else:
        metric = dataset.metrics[side.owner]
        unit = amount_form(metric, lang)
        if side.kind == "observation":
            obs = metric.observations[side.index]
            text = Text(figure_text(obs, unit, lang))
            source_id, speaker = obs.source, obs.speaker
        else:
            target = metric.targets[side.index]
            text = Text(f"{label('target', lang)} {format_amount(target.value, unit, lang)} · ")
            text.append_text(localized(target.label, lang))
            source_id, speaker = target.source, target.speaker
        item = ItemRef(topic_id, side.kind, side.index, side.owner)
    source = dataset.sources[source_id]
    details = []
    if speaker is not None and speaker in dataset.entities:
        details.append(dataset.entities[speaker].name.get(lang))
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    if details:
        text.append(" — " + ", ".join(details), style=DIM)
    return cite.append(text, source_id, item)


def _timeline_section(
    page: PageBuilder, dataset: Dataset, entries: list[Entry], cite: Citations, lang: Lang
) -> None:
    """The page's own dated items, oldest first: date, text (a link to the item), source."""
    if not entries:
        return
    page.add(_section("timeline", lang))
    budget = page.budget()
    for index, entry in enumerate(entries):
        line = Text()
        text = entry_text(dataset, entry, lang)
        if not budget.allows(index, text):
            page.more(len(entries) - index, lang)
            break
        if entry.ref == page.ref and entry.item is None:
            line.append(text)  # a figure of this very page: nothing to go to
        else:
            page.link(line, text, entry.ref, "", entry.item)
        if entry.source is not None:
            cite.append(line, entry.source, entry.item)
        page.add(hanging(f"{entry_date(entry, lang):<10}  ", line, DIM))


def _add_within(
    page: PageBuilder, budget: Budget, parts: list[RenderableType], lang: Lang, *, last: bool
) -> bool:
    """Add the lines of a block while the budget allows; False (and a "more" line) once spent.

    A topic may show 100 metrics of 1,000 figures each: 120,000 lines took 20 s to draw.
    With blocks after this one (not `last`), how many lines are left is not counted.
    """
    keep = 0
    for part in parts:
        plain = part.plain if isinstance(part, Text) else ""
        if not budget.allows(budget.count, plain):
            break
        keep += 1
    if keep == len(parts):
        page.add(*parts)
        return True
    # Added together, so that each link lands in its own block (see `PageBuilder.add`).
    page.forget_links(parts[keep:])
    page.add(*parts[:keep])
    page.more(len(parts) - keep if last else None, lang)
    return False


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
    opening, closing = quote_marks(lang)
    body = Text(opening, style=QUOTE)
    body.append_text(localized(text, lang, QUOTE))
    body.append(closing, style=QUOTE)
    return hanging("  ", body)


def _speaker(
    page: PageBuilder,
    line: Text,
    dataset: Dataset,
    speaker_id: str,
    lang: Lang,
    item: ItemRef | None = None,
) -> None:
    person = dataset.entities[speaker_id]
    page.link(line, person.name.get(lang), PageRef(person.kind, person.id), TITLE + LINK, item)
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
        budget = page.budget()
        for index, entity in enumerate(of_kind):
            if index:
                line.append(" · ", style=DIM)
            if not budget.allows(index, entity.label(lang)):
                assert page.shown is not None
                left = more_text(len(of_kind) - index, lang)
                page.link(line, left, page.ref, DIM + LINK, more=page.shown + PAGE_ITEMS)
                break
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
        details.append(format_date(source.date, lang))
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


def _entity_blocks(page: PageBuilder, dataset: Dataset, entity_id: str, lang: Lang) -> Citations:
    entity = dataset.entities[entity_id]
    cite = Citations(dataset, page)
    page.add(localized(entity.name, lang, TITLE))
    what = Text(label("kind." + entity.kind, lang), style=DIM)
    if entity.short_name is not None and entity.short_name.get(lang) != entity.name.get(lang):
        what.append(" · ", style=DIM)
        what.append(entity.short_name.get(lang))
    if entity.start is not None:
        span = format_date(entity.start, lang)
        if entity.end is not None and entity.end != entity.start:
            span += f" – {format_date(entity.end, lang)}"
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
    _timeline_section(page, dataset, entity_entries(dataset, entity_id), cite, lang)
    _sources_section(page, cite, lang)
    return cite


def _source_blocks(page: PageBuilder, dataset: Dataset, source_id: str, lang: Lang) -> None:
    source = dataset.sources[source_id]
    page.add(localized(source.title, lang, TITLE))
    details = [label("kind.source", lang)]
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
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
        budget = page.budget()
        for index, entity in enumerate(described):
            if not budget.allows(index, entity.name.get(lang)):
                page.more(len(described) - index, lang)
                break
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
    budget = page.budget()
    for index, item in enumerate(items):
        if not budget.allows(index, _backlink_text(dataset, item, lang)):
            page.more(len(items) - index, lang)
            break
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
        page.link(
            line, quoted(quote.text.get(lang), lang), PageRef("topic", item.topic_id), QUOTE, item
        )
        line.append(f" — {dataset.entities[quote.speaker].name.get(lang)}", style=DIM)
        line.append(f", {format_date(quote.date, lang)}", style=DIM)
        page.add(hanging("      ", line, ""))


def _backlink_text(dataset: Dataset, item: ItemRef, lang: Lang) -> str:
    """The text a backlink draws, to weigh it against the page's budget."""
    topic = dataset.topics[item.topic_id]
    if item.kind == "fact":
        return topic.facts[item.index].text.get(lang)
    if item.kind == "quote":
        return topic.quotes[item.index].text.get(lang)
    return topic.title.get(lang)


# ---------------------------------------------------------------- citations


def source_reference(source: Source, lang: Lang) -> str:
    """`Title — Publisher, 2025-09-29. URL`, for a citation in plain text."""
    parts = [source.title.get(lang)]
    details = []
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    text = parts[0] + (" — " + ", ".join(details) if details else "")
    if source.url:
        text += f". {source.url}"
    return text


def screen_numbers(dataset: Dataset, ref: PageRef, lang: Lang) -> Citations:
    """The page's sources numbered as the page shows them, built the way the page is."""
    builder = PageBuilder(ref, "")
    if ref.kind == "topic":
        return _topic_blocks(builder, dataset, ref.id, lang)
    if ref.kind == "source":
        return Citations(dataset)
    return _entity_blocks(builder, dataset, ref.id, lang)


def _who(dataset: Dataset, person_id: str | None, lang: Lang) -> str | None:
    if person_id is None or person_id not in dataset.entities:
        return None
    person = dataset.entities[person_id]
    return person.name.get(lang) + (f", {person.role.get(lang)}" if person.role else "")


def citation(dataset: Dataset, ref: PageRef, lang: Lang, item: ItemRef | None = None) -> str:
    """The open page, or one fact, quote or figure on it, as a plain-text citation for a note.

    A quote says who said it and when (and, in English, that it is a translation,
    with the Russian original); a figure gives its value with its qualifier, its
    period, who gave it and its series. Every citation ends with its source(s),
    dated, with the URL where known and the number the page shows it under.
    """
    cite = screen_numbers(dataset, ref, lang)

    def sourced(source_id: str) -> str:
        # The page's own number for it; a source the page does not cite gets the next one.
        marker = cite.marker(source_id)
        reference = source_reference(dataset.sources[source_id], lang)
        return f"{marker} {label('cite.source', lang)}: {reference}"

    if item is not None and item.kind == "fact":
        fact = dataset.topics[item.topic_id].facts[item.index]
        return f"{quoted(fact.text.get(lang), lang)}\n{sourced(fact.source)}"
    if item is not None and item.kind == "quote":
        quote = dataset.topics[item.topic_id].quotes[item.index]
        lines = [quoted(quote.text.get(lang), lang)]
        # The Russian is the original: an English quote is a translation of it.
        original = quote.text.ru
        if lang == "en" and quote.text.en is not None and original and original != quote.text.en:
            lines.append(f"({label('translated', lang)}: «{original}»)")
        lines.append(f"— {_who(dataset, quote.speaker, lang)}, {format_date(quote.date, lang)}")
        lines.append(sourced(quote.source))
        return "\n".join(lines)
    if item is not None and item.kind in ("observation", "target") and item.metric is not None:
        return _figure_citation(dataset, item, lang, sourced)
    if ref.kind == "source":
        return source_reference(dataset.sources[ref.id], lang)
    if ref.kind == "topic":
        topic = dataset.topics[ref.id]
        head = topic_title(dataset, ref.id, lang)
        body = topic.summary.get(lang) if topic.summary is not None else ""
    else:
        entity = dataset.entities[ref.id]
        head = f"{entity.name.get(lang)} ({label('kind.' + entity.kind, lang)})"
        body = " ".join(t.get(lang) for t in (entity.role, entity.description) if t is not None)
    lines = [f"{head}: {body}" if body else head]
    sources = cite.sources()
    if sources:
        lines.append(f"{label('sources', lang)}:")
        lines.extend(f"[{n}] {source_reference(s, lang)}" for n, s in sources)
    return "\n".join(lines)


def _figure_citation(
    dataset: Dataset, item: ItemRef, lang: Lang, sourced: Callable[[str], str]
) -> str:
    """A figure or target: the amount with its qualifier and period, its series, who, source.

    The figure comes first: the notification shows a citation's first line.
    """
    assert item.metric is not None
    metric = dataset.metrics[item.metric]
    unit = amount_form(metric, lang)
    lines: list[str] = []
    if item.kind == "observation":
        obs = metric.observations[item.index]
        as_of = f"{label('as_of', lang)} {format_date(obs.date, lang)}"
        lines.append(f"{figure_text(obs, unit, lang)} · {as_of}")
        who, source_id, note = _who(dataset, obs.speaker, lang), obs.source, obs.note
    else:
        target = metric.targets[item.index]
        line = f"{label('target', lang)} {format_amount(target.value, unit, lang)} · "
        line += target.label.get(lang)
        if target.due is not None:
            line += f" ({label('due', lang)} {format_date(target.due, lang)})"
        lines.append(line)
        who, source_id, note = _who(dataset, target.speaker, lang), target.source, target.note
    lines.append(metric.title.get(lang))
    if who is not None:
        lines.append(f"— {who}")
    if note is not None:
        lines.append(note.get(lang))
    lines.append(sourced(source_id))
    return "\n".join(lines)


def citation_summary(text: str, width: int = 60) -> str:
    """The first line of a citation, shortened, for a notification."""
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= width else first[: width - 1] + "…"
