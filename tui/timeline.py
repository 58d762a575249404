"""Every dated item of a Dataset in date order: the walk behind the timeline.

The timeline view, `coop-tui timeline`, the Markdown and JSON exports and the
"Timeline" section of entity and topic pages all read it from here, so they
list the same items in the same order. No Textual, no Rich.

What is dated: events (their start, and end when given), facts with a date of
their own, quotes (the day they were said), a metric's observations (the date
of the figure) and its targets (their due date). A fact without a date is not
guessed a date from its source: the source's date says when it was reported,
not when it happened.

The walk is done once per data set and kept with it (as the backlinks are): at
100,000 facts it holds tens of thousands of entries, each a small object that
points at the model's own objects; the text a line shows is made on demand,
for the lines a reader actually sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Final, Literal, get_args

from .i18n import format_when, label, quoted
from .links import ItemRef, PageRef, backlinks, entity_ref
from .model import LANGS, Dataset, Lang, Metric, PartialDate, Topic
from .value import Value
from .walk import FactItem, QuoteItem, dataset_items, mentioned, topic_items

EntryKind = Literal["event", "fact", "quote", "figure", "target"]
ENTRY_KINDS: tuple[EntryKind, ...] = get_args(EntryKind)

# A year or month with no day comes before the days inside it.
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
# Within one day: what happened (events), then what was said and reported.
_KIND_RANK = {kind: rank for rank, kind in enumerate(ENTRY_KINDS)}


class Entry(Value):
    """One dated item: when, what kind, where it is shown and what it names.

    `owner` is the topic (a fact or quote), metric (a figure or target) or
    event the item belongs to, `number` its position there (a topic's facts or
    quotes, a metric's observations or targets). Where Enter takes the reader
    (`ref`, `item`) is worked out from those when asked, not stored: at
    100,000 facts that is two objects fewer for each of 24,000 entries.

    Immutable and compared by value, as a frozen dataclass; a plain class with
    slots because every start imports this module, and a dataclass costs some
    0.5 ms to make on Python 3.11.
    """

    __slots__ = ("end", "entities", "kind", "number", "owner", "source", "topic_id", "when")
    FIELDS = ("when", "kind", "owner", "number", "topic_id", "source", "entities", "end")

    def __init__(
        self,
        when: PartialDate,
        kind: EntryKind,
        owner: str,
        number: int,
        topic_id: str | None,
        source: str | None,
        entities: tuple[str, ...],
        end: date | None = None,
    ) -> None:
        self.when: Final = when
        self.kind: Final = kind
        self.owner: Final = owner
        self.number: Final = number
        self.topic_id: Final = topic_id
        self.source: Final = source
        self.entities: Final = entities
        self.end: Final = end

    @property
    def year(self) -> int:
        return self.when.start.year

    @property
    def ref(self) -> PageRef:
        """The page the item is on: its topic's, or an event's own."""
        if self.kind == "event":
            return PageRef("event", self.owner)
        if self.kind in ("fact", "quote"):
            return PageRef("topic", self.owner)
        assert self.topic_id is not None  # a figure is only listed with a topic to show it
        return PageRef("topic", self.topic_id)

    @property
    def item(self) -> ItemRef | None:
        """The fact, quote, figure or target on its topic's page (None for an event)."""
        if self.kind == "fact" or self.kind == "quote":
            return ItemRef(self.owner, self.kind, self.number)
        if self.topic_id is None or self.kind == "event":
            return None
        if self.kind == "figure":
            return ItemRef(self.topic_id, "observation", self.number, self.owner)
        return ItemRef(self.topic_id, "target", self.number, self.owner)

    def sort_key(self) -> tuple[date, int, int]:
        return (self.when.start, _PRECISION_RANK[self.when.precision], _KIND_RANK[self.kind])


def build_timeline(dataset: Dataset) -> tuple[Entry, ...]:
    """Every dated item, oldest first; items of one date in data order, events first."""
    entries = list(_walk(dataset))
    # A stable sort: items of the same day keep the data's order.
    entries.sort(key=Entry.sort_key)
    return tuple(entries)


def timeline(dataset: Dataset) -> tuple[Entry, ...]:
    """The timeline of a data set, built on first use and kept with it (`Dataset.timeline`)."""
    return dataset.timeline


def with_years(entries: Iterable[Entry]) -> list[Entry | int]:
    """The entries with each year's number before its first entry: the rows of a listing."""
    rows: list[Entry | int] = []
    year: int | None = None
    for entry in entries:
        start = entry.when.start.year
        if start != year:
            year = start
            rows.append(year)
        rows.append(entry)
    return rows


def timeline_rows(dataset: Dataset) -> tuple[Entry | int, ...]:
    """The whole timeline as rows (see `with_years`), made once and kept with the data set."""
    return dataset.timeline_rows


def topic_label_width(dataset: Dataset, lang: Lang) -> int:
    """The longest label of a topic the timeline names, in `lang` (for the topic column)."""
    return dataset.timeline_topic_widths[lang]


def topic_label_widths(dataset: Dataset) -> dict[Lang, int]:
    """The longest label of a topic the timeline names, in every language."""
    topics = {e.topic_id for e in timeline(dataset)}
    topics.discard(None)
    return {
        lang: max((len(dataset.topics[t].label(lang)) for t in topics if t), default=0)
        for lang in LANGS
    }


def prepare(dataset: Dataset, lang: Lang) -> None:
    """Everything the timeline view needs before it opens: run it off the event loop.

    The topic widths of every language too, so that a language switch in the
    view costs no walk either.
    """
    timeline_rows(dataset)
    topic_label_width(dataset, lang)


def _event_topics(dataset: Dataset, events: set[str]) -> dict[str, str]:
    """The first topic (in data order) that names each event, as its page's backlinks list them."""
    found: dict[str, str] = {}
    for topic in dataset.topics.values():
        for name in events.intersection(mentioned(topic)):
            found.setdefault(name, topic.id)
    return found


def _event_entry(dataset: Dataset, event_id: str, topic_id: str | None) -> Entry | None:
    event = dataset.entities[event_id]
    if event.kind != "event" or event.start is None:
        return None
    return Entry(
        PartialDate(event.start),
        "event",
        event.id,
        0,
        topic_id,
        event.source,
        (event.id,),
        event.end if event.end != event.start else None,
    )


def _fact_entry(topic: Topic, index: int) -> Entry | None:
    fact = topic.facts[index]
    if fact.date is None:
        return None
    # The fact's own tuple, not a copy: a name listed twice filters the same.
    return Entry(fact.date, "fact", topic.id, index, topic.id, fact.source, fact.mentions)


def _quote_entry(topic: Topic, index: int) -> Entry:
    quote = topic.quotes[index]
    return Entry(
        PartialDate(quote.date),
        "quote",
        topic.id,
        index,
        topic.id,
        quote.source,
        tuple(dict.fromkeys((quote.speaker, *quote.mentions))),
    )


def _metric_entries(metric: Metric, topic_id: str) -> Iterator[Entry]:
    """A metric's observations and dated targets, opening on `topic_id`'s page."""
    for index, obs in enumerate(metric.observations):
        yield Entry(PartialDate(obs.date), "figure", metric.id, index, topic_id, obs.source, ())
    for index, target in enumerate(metric.targets):
        if target.due is not None:
            yield Entry(
                PartialDate(target.due), "target", metric.id, index, topic_id, target.source, ()
            )


def _walk(dataset: Dataset) -> Iterator[Entry]:
    # Not the backlink index: at 100,000 facts it takes longer to build than the whole walk.
    events = {e.id for e in dataset.entities.values() if e.kind == "event" and e.start}
    event_topics = _event_topics(dataset, events) if events else {}
    for entity in dataset.entities.values():
        if entity.id in events:
            event = _event_entry(dataset, entity.id, event_topics.get(entity.id))
            if event is not None:
                yield event
    shown_in: dict[str, str] = {}  # the first topic that shows a metric: a figure opens there
    for item in dataset_items(dataset):
        if isinstance(item, FactItem):
            fact = _fact_entry(item.topic, item.number)
            if fact is not None:
                yield fact
        elif isinstance(item, QuoteItem):
            yield _quote_entry(item.topic, item.number)
        else:
            shown_in.setdefault(item.metric.id, item.topic.id)
    for metric in dataset.metrics.values():
        topic_id = shown_in.get(metric.id)
        if topic_id is not None:  # a metric no topic shows has no page to open
            yield from _metric_entries(metric, topic_id)


def topic_entries(dataset: Dataset, topic_id: str, *, figures: bool = False) -> list[Entry]:
    """A topic's own dated items (not its subtopics'), oldest first, for its page.

    Its dated facts, its quotes and the events it names; made from the topic
    alone (not the whole timeline), so a page renders as fast with 100,000
    facts as with fifty. Not its figures and targets: the page's Figures
    section lists them by date already (a topic of 30 metrics of 100 figures
    would otherwise draw them twice). `figures=True` takes them too.
    """
    topic = dataset.topics[topic_id]
    entries: list[Entry] = []
    for item in topic_items(dataset, topic):
        if isinstance(item, FactItem):
            entry = _fact_entry(topic, item.number)
            if entry is not None:
                entries.append(entry)
        elif isinstance(item, QuoteItem):
            entries.append(_quote_entry(topic, item.number))
    if figures:
        for metric_id in topic.metrics:
            entries += _metric_entries(dataset.metrics[metric_id], topic_id)
    # The speakers are people: only the events named become entries.
    for name in mentioned(topic):
        event = _event_entry(dataset, name, topic_id)
        if event is not None:
            entries.append(event)
    entries.sort(key=Entry.sort_key)
    return entries


def entity_entries(dataset: Dataset, entity_id: str) -> list[Entry]:
    """The dated facts and quotes that name an entity, oldest first, for its page."""
    entries: list[Entry] = []
    for item in backlinks(dataset).of(entity_ref(dataset, entity_id)):
        topic = dataset.topics[item.topic_id]
        if item.kind == "fact":
            entry = _fact_entry(topic, item.index)
            if entry is not None:
                entries.append(entry)
        elif item.kind == "quote":
            entries.append(_quote_entry(topic, item.index))
    entries.sort(key=Entry.sort_key)
    return entries


# ---------------------------------------------------------------- what a line says


def entry_text(dataset: Dataset, entry: Entry, lang: Lang) -> str:
    """The short text of a line, in `lang` (data text as it is: never markup)."""
    if entry.kind == "event":
        event = dataset.entities[entry.owner]
        text = event.name.get(lang)
        if entry.end is not None:
            text += f" ({label('timeline.until', lang)} {entry.end.isoformat()})"
        return text
    if entry.kind == "fact":
        return dataset.topics[entry.owner].facts[entry.number].text.get(lang)
    if entry.kind == "quote":
        quote = dataset.topics[entry.owner].quotes[entry.number]
        speaker = dataset.entities[quote.speaker].name.get(lang)
        return f"{quoted(quote.text.get(lang), lang)} — {speaker}"
    # The page's own wording of a figure (its amount form, qualifier, span and
    # wording without a number), so that both say it alike. Imported here:
    # the render package imports this module for the pages' Timeline sections.
    from .render import amount_form, figure_text, format_amount

    metric = dataset.metrics[entry.owner]
    form = amount_form(metric, lang)
    if entry.kind == "figure":
        # The figure first: a narrow line cut short still says it.
        obs = metric.observations[entry.number]
        return f"{figure_text(obs, form, lang)} · {metric.title.get(lang)}"
    target = metric.targets[entry.number]
    return (
        f"{label('target', lang)} {format_amount(target.value, form, lang)} "
        f"({target.label.get(lang)}) · {metric.title.get(lang)}"
    )


def entry_date(entry: Entry, lang: Lang = "en") -> str:
    """The date as precise as the data gives it, as the language writes dates:
    "2019", "2019-05", "2019-05-03" (ru: "2019", "05.2019", "03.05.2019")."""
    return format_when(entry.when, lang)


def short_date(entry: Entry, lang: Lang) -> str:
    """The date without its year (a heading above says it): "05-03", "05" (ru: "03.05", "05")."""
    when = entry.when
    if when.precision == "year":
        return ""
    if when.precision == "month":
        return f"{when.start.month:02d}"
    day, month = when.start.day, when.start.month
    return f"{day:02d}.{month:02d}" if lang == "ru" else f"{month:02d}-{day:02d}"


def source_numbers(dataset: Dataset) -> Mapping[str, int]:
    """The timeline's source markers: a source's place in the data set, from 1.

    One number per source for the whole timeline (not per page), so a marker
    means the same source however the timeline is filtered.
    """
    return dataset.source_numbers


def entry_marker(dataset: Dataset, entry: Entry) -> str:
    if entry.source is None:
        return ""
    return f"[{source_numbers(dataset)[entry.source]}]"


def entry_topic(dataset: Dataset, entry: Entry, lang: Lang) -> str:
    """The label of the topic the item is shown on ("" when none)."""
    if entry.topic_id is None:
        return ""
    return dataset.topics[entry.topic_id].label(lang)


# ---------------------------------------------------------------- filters


class Filter(Value):
    """What the reader narrowed the timeline to; None everywhere shows it all.

    `topic` takes its subtopics along (as `export --topic` does); `entity`
    keeps the items that name it (a fact's mentions, a quote's speaker, the
    event itself); years are inclusive. Immutable, compared by value.
    """

    __slots__ = ("entity", "first_year", "kind", "last_year", "topic")
    FIELDS = ("kind", "topic", "entity", "first_year", "last_year")

    def __init__(
        self,
        kind: EntryKind | None = None,
        topic: str | None = None,
        entity: str | None = None,
        first_year: int | None = None,
        last_year: int | None = None,
    ) -> None:
        self.kind: Final = kind
        self.topic: Final = topic
        self.entity: Final = entity
        self.first_year: Final = first_year
        self.last_year: Final = last_year

    def replace(self, **changes: object) -> Filter:
        """A copy with `changes` (as `dataclasses.replace` would make it)."""
        values = dict(zip(self.FIELDS, self._values(self)))
        values.update(changes)
        return Filter(**values)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return any(v is not None for v in self._values(self))


def subtopics(dataset: Dataset, topic_id: str) -> frozenset[str]:
    """A topic and every topic under it."""
    found: set[str] = set()
    stack = [topic_id]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(child.id for child in dataset.children(current))
    return frozenset(found)


def apply_filter(dataset: Dataset, entries: Iterable[Entry], chosen: Filter) -> list[Entry]:
    """The entries that pass every part of the filter, in their order."""
    topics = subtopics(dataset, chosen.topic) if chosen.topic is not None else None
    kept: list[Entry] = []
    for entry in entries:
        if chosen.kind is not None and entry.kind != chosen.kind:
            continue
        if topics is not None and entry.topic_id not in topics:
            continue
        if chosen.entity is not None and chosen.entity not in entry.entities:
            continue
        if chosen.first_year is not None and entry.year < chosen.first_year:
            continue
        if chosen.last_year is not None and entry.year > chosen.last_year:
            continue
        kept.append(entry)
    return kept


def search_text(dataset: Dataset, entry: Entry, lang: Lang) -> str:
    """What the filter line searches: the date, the line's text and its topic."""
    return " ".join(
        part
        for part in (
            entry_date(entry, lang),
            entry_text(dataset, entry, lang),
            entry_topic(dataset, entry, lang),
        )
        if part
    )
