"""Pages and what links to them: page references, the backlink index, and history.

A page is anything the detail pane can show: a topic, an entity (organisation,
person, place, event) or a source. A `PageRef` names one by kind and id, so the
tree, links, search, the palette, history and bookmarks all speak the same
language. Nothing here knows about Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, get_args

from .model import Dataset
from .value import Value
from .walk import FactItem, FigureItem, topic_items

PageKind = Literal["topic", "organisation", "person", "place", "event", "source"]
PAGE_KINDS: tuple[PageKind, ...] = get_args(PageKind)

# Where on a topic page a backlink points: the topic as a whole, or one fact or quote.
ItemKind = Literal["topic", "fact", "quote", "observation", "target"]


# PageRef, ItemRef and Backlinks are `Value`s, immutable and compared by value as
# frozen dataclasses would be, without a dataclass's cost at every start (value.py).


class PageRef(Value):
    """One page: `PageRef("topic", "industry.tractors")`, `PageRef("organisation", "ptz")`."""

    __slots__ = ("id", "kind")
    FIELDS = ("kind", "id")

    def __init__(self, kind: PageKind, id: str) -> None:
        self.kind: Final = kind
        self.id: Final = id

    def exists_in(self, dataset: Dataset) -> bool:
        if self.kind == "topic":
            return self.id in dataset.topics
        if self.kind == "source":
            return self.id in dataset.sources
        entity = dataset.entities.get(self.id)
        return entity is not None and entity.kind == self.kind

    def to_json(self) -> list[str]:
        return [self.kind, self.id]

    @classmethod
    def from_json(cls, value: object) -> PageRef | None:
        """A reference read back from the state file, or None when it is not one."""
        if (
            isinstance(value, (list, tuple))
            and len(value) == 2
            and value[0] in PAGE_KINDS
            and isinstance(value[1], str)
        ):
            return cls(value[0], value[1])
        return None


def entity_ref(dataset: Dataset, entity_id: str) -> PageRef:
    return PageRef(dataset.entities[entity_id].kind, entity_id)


class ItemRef(Value):
    """A place on a topic page: the topic itself, its n-th fact or quote, or a figure.

    A figure (an observation or target) is the n-th of the metric named by `metric`.
    """

    __slots__ = ("index", "kind", "metric", "topic_id")
    FIELDS = ("topic_id", "kind", "index", "metric")

    def __init__(
        self, topic_id: str, kind: ItemKind = "topic", index: int = 0, metric: str | None = None
    ) -> None:
        self.topic_id: Final = topic_id
        self.kind: Final = kind
        self.index: Final = index
        self.metric: Final = metric


class Backlinks(Value):
    """Who names an entity (topics, facts, quotes) and who cites a source."""

    __slots__ = ("citations", "mentions")
    FIELDS = ("mentions", "citations")
    __hash__ = None  # type: ignore[assignment]  # it holds mutable values

    def __init__(
        self,
        mentions: Mapping[str, tuple[ItemRef, ...]],
        citations: Mapping[str, tuple[ItemRef, ...]],
    ) -> None:
        self.mentions: Final = mentions
        self.citations: Final = citations

    __hash__ = None  # type: ignore[assignment]  # it holds dicts, as the dataclass's did

    def of(self, ref: PageRef) -> tuple[ItemRef, ...]:
        table = self.citations if ref.kind == "source" else self.mentions
        return table.get(ref.id, ())


def build_backlinks(dataset: Dataset) -> Backlinks:
    """One pass over every topic, figure, fact and quote (see `walk`); in data order, each item
    once per entity."""
    mentions: dict[str, list[ItemRef]] = {}
    citations: dict[str, list[ItemRef]] = {}

    def add(table: dict[str, list[ItemRef]], key: str, item: ItemRef) -> None:
        items = table.setdefault(key, [])
        if not items or items[-1] != item:
            items.append(item)

    for topic in dataset.topics.values():
        whole = ItemRef(topic.id)
        for entity_id in topic.mentions:
            add(mentions, entity_id, whole)
        for shown in topic_items(dataset, topic):
            if isinstance(shown, FigureItem):
                metric = shown.metric
                for source_id in [o.source for o in metric.observations] + [
                    t.source for t in metric.targets
                ]:
                    add(citations, source_id, whole)
            elif isinstance(shown, FactItem):
                item = ItemRef(topic.id, "fact", shown.number)
                for entity_id in dict.fromkeys(shown.fact.mentions):
                    add(mentions, entity_id, item)
                add(citations, shown.fact.source, item)
            else:
                quote = shown.quote
                item = ItemRef(topic.id, "quote", shown.number)
                for entity_id in dict.fromkeys((quote.speaker, *quote.mentions)):
                    add(mentions, entity_id, item)
                add(citations, quote.source, item)
    return Backlinks(
        mentions={k: tuple(v) for k, v in mentions.items()},
        citations={k: tuple(v) for k, v in citations.items()},
    )


def backlinks(dataset: Dataset) -> Backlinks:
    """The backlink index of a data set, built on first use and kept with it
    (`Dataset.backlinks`): every entity page asks."""
    return dataset.backlinks


class History:
    """Pages opened, in order, with a cursor: back and forward as in a browser.

    Opening a page after going back drops the pages ahead (they were a branch
    the reader left). Opening the page already shown records nothing.
    """

    def __init__(self, limit: int = 500) -> None:
        self._pages: list[PageRef] = []
        self._at = -1
        self._limit = limit

    @property
    def current(self) -> PageRef | None:
        return self._pages[self._at] if self._at >= 0 else None

    def visit(self, ref: PageRef) -> None:
        if ref == self.current:
            return
        del self._pages[self._at + 1 :]
        self._pages.append(ref)
        if len(self._pages) > self._limit:
            del self._pages[0]
        self._at = len(self._pages) - 1

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at < len(self._pages) - 1

    def back(self) -> PageRef | None:
        if not self.can_go_back():
            return None
        self._at -= 1
        return self.current

    def forward(self) -> PageRef | None:
        if not self.can_go_forward():
            return None
        self._at += 1
        return self.current
