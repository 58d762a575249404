"""A topic's page in one walk: its sections in page order, and every item of the data set.

After its title and summary a topic's page shows these sections, in this order and each
only when it has something: Figures (the topic's metrics), Facts, Quotes, "Sources
disagree" (the disagreements its facts and figures name, each with all its sides),
Mentions (the entities the topic, its facts and its quotes name), Subtopics and Timeline;
the numbered Sources close it. `topic_sections` yields them, and the detail pane, the
Markdown report and the search index all read a topic from it, so they cannot list
different things in a different order. `topic_items` and `dataset_items` go through every
figure, fact and quote with its topic, in that same order: the backlinks and the JSON
subset are made from them. A section's `key` is also the label of its heading (i18n.py).
Nothing here knows about Rich or Textual.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import (
    TYPE_CHECKING,
    ClassVar,
    Final,
    Generic,
    Literal,
    TypeVar,
    Union,
    get_args,
)

from .disagreements import Side, on_topic, sides_index
from .model import (
    ENTITY_KINDS,
    Dataset,
    Disagreement,
    Entity,
    EntityKind,
    Fact,
    Metric,
    Quote,
    Topic,
)
from .value import Value

if TYPE_CHECKING:
    from .timeline import Entry  # noqa: F401  (Timeline's items, named in a string)

SectionKey = Literal[
    "figures", "facts", "quotes", "disagreements", "mentions", "subtopics", "timeline"
]
SECTION_KEYS: tuple[SectionKey, ...] = get_args(SectionKey)
"""Every section of a topic's page, in page order."""


_I = TypeVar("_I")


# The sections are plain classes, not dataclasses: every start imports this
# module, and on Python 3.11 each dataclass costs some 0.3 ms to make (its
# methods are compiled one by one); these cost next to nothing.
class _Section(Value, Generic[_I]):
    """A section of a topic's page: its items, in page order; immutable, compared by value."""

    __slots__ = ("items",)
    FIELDS = ("items",)
    key: ClassVar[SectionKey]

    def __init__(self, items: tuple[_I, ...]) -> None:
        self.items: Final = items


class Figures(_Section[Metric]):
    """The topic's metrics, in the order its `metrics` list names them."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "figures"


class Facts(_Section[Fact]):
    """The topic's facts; an item's place here is its index (`ItemRef.index`)."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "facts"


class Quotes(_Section[Quote]):
    """The topic's quotes; an item's place here is its index (`ItemRef.index`)."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "quotes"


class Dispute(Value):
    """A disagreement and all its sides, wherever they live (another topic, a metric)."""

    __slots__ = ("disagreement", "sides")
    FIELDS = ("disagreement", "sides")

    def __init__(self, disagreement: Disagreement, sides: tuple[Side, ...]) -> None:
        self.disagreement: Final = disagreement
        self.sides: Final = sides


class Disputes(_Section[Dispute]):
    """What the topic's facts and figures disagree on: the metrics' figures first, then facts."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "disagreements"


class Mentions(_Section[Entity]):
    """The entities the topic names: its own list, then its facts', then its quotes' (speaker
    first), each once, where first named."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "mentions"

    def by_kind(self) -> Iterator[tuple[EntityKind, list[Entity]]]:
        """The entities of each kind (organisations, people, places, events), kinds with none left out."""
        for kind in ENTITY_KINDS:
            of_kind = [e for e in self.items if e.kind == kind]
            if of_kind:
                yield kind, of_kind


class Subtopics(_Section[Topic]):
    """The topic's children, as the tree lists them."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "subtopics"


class Timeline(_Section["Entry"]):
    """The topic's own dated items, oldest first (see `timeline.topic_entries`)."""

    __slots__ = ()
    key: ClassVar[SectionKey] = "timeline"


Section = Union[Figures, Facts, Quotes, Disputes, Mentions, Subtopics, Timeline]


def mentioned(topic: Topic) -> list[str]:
    """Ids of the entities named by the topic, its facts and its quotes, first mention first."""
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


def topic_sections(
    dataset: Dataset, topic: Topic, keys: Collection[SectionKey] = SECTION_KEYS
) -> Iterator[Section]:
    """The sections of `topic`'s page in page order, those in `keys` that have items.

    Lazy: a section is made only when the one before it has been taken, and a
    key left out costs nothing (search needs no timeline).
    """
    if "figures" in keys and topic.metrics:
        yield Figures(tuple(dataset.metrics[m] for m in topic.metrics))
    if "facts" in keys and topic.facts:
        yield Facts(topic.facts)
    if "quotes" in keys and topic.quotes:
        yield Quotes(topic.quotes)
    if "disagreements" in keys:
        ids = on_topic(dataset, topic)
        if ids:
            sides = sides_index(dataset)
            yield Disputes(tuple(Dispute(dataset.disagreements[i], sides.get(i, ())) for i in ids))
    if "mentions" in keys:
        entity_ids = mentioned(topic)
        if entity_ids:
            yield Mentions(tuple(dataset.entities[e] for e in entity_ids))
    if "subtopics" in keys:
        children = dataset.children(topic.id)
        if children:
            yield Subtopics(children)
    if "timeline" in keys:
        # Here, not at the top: the timeline module imports links, which walks
        # every item with this module.
        from .timeline import topic_entries

        entries = topic_entries(dataset, topic.id)
        if entries:
            yield Timeline(tuple(entries))


# ---------------------------------------------------------------- every item of a data set
#
# Plain classes too, not NamedTuples: each of those costs some 0.2 ms to make.


class FigureItem(Value):
    """The `number`-th metric a topic shows (its observations and targets are the figures)."""

    __slots__ = ("metric", "number", "topic")
    FIELDS = ("topic", "number", "metric")

    def __init__(self, topic: Topic, number: int, metric: Metric) -> None:
        self.topic: Final = topic
        self.number: Final = number
        self.metric: Final = metric


class FactItem(Value):
    """The `number`-th fact of a topic: `ItemRef(topic.id, "fact", number)`."""

    __slots__ = ("fact", "number", "topic")
    FIELDS = ("topic", "number", "fact")

    def __init__(self, topic: Topic, number: int, fact: Fact) -> None:
        self.topic: Final = topic
        self.number: Final = number
        self.fact: Final = fact


class QuoteItem(Value):
    """The `number`-th quote of a topic: `ItemRef(topic.id, "quote", number)`."""

    __slots__ = ("number", "quote", "topic")
    FIELDS = ("topic", "number", "quote")

    def __init__(self, topic: Topic, number: int, quote: Quote) -> None:
        self.topic: Final = topic
        self.number: Final = number
        self.quote: Final = quote


Item = Union[FigureItem, FactItem, QuoteItem]


def topic_items(dataset: Dataset, topic: Topic) -> Iterator[Item]:
    """The figures, facts and quotes of one topic, in page order."""
    for number, metric_id in enumerate(topic.metrics):
        yield FigureItem(topic, number, dataset.metrics[metric_id])
    for number, fact in enumerate(topic.facts):
        yield FactItem(topic, number, fact)
    for number, quote in enumerate(topic.quotes):
        yield QuoteItem(topic, number, quote)


def dataset_items(dataset: Dataset, topics: Iterable[Topic] | None = None) -> Iterator[Item]:
    """Every figure, fact and quote with its topic: topic by topic (data order, or `topics`)."""
    for topic in dataset.topics.values() if topics is None else topics:
        yield from topic_items(dataset, topic)
