"""The vocabulary of coop-tui: immutable classes for sourced, bilingual facts.

Nothing here knows about TOML, Textual or Rich. The loader builds these objects
after validating a data folder; every view (the TUI, the report, the export)
reads them and never changes them.

They behave as frozen dataclasses (compared, hashed and printed by their fields,
assignment refused, `replace` for a changed copy) but are plain classes on
`value.Frozen`: every start imports this module, and on Python 3.11 making the
twelve dataclasses took 6-7 ms of the first paint. Each names its fields in
`__slots__` (no `__dict__`: a third less memory at 100,000 facts), and in order
in `FIELDS`, in the class body (their types) and in `__init__`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from .disagreements import Side
    from .links import Backlinks
    from .textstore import TextStore
    from .timeline import Entry

from .value import Frozen

# A field named `date` hides the class in its class body: its annotations say `Day`.
Day = date

# The languages of the data and of the interface, in one place: every list of
# languages is LANGS (the command line keeps a copy, checked by a test, so that
# `--help` need not import this module). A third language means a field of
# `Localized` (the data format) and a column of the label table (i18n.py).
Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
LANG_NAMES: Mapping[Lang, str] = {"ru": "Russian", "en": "English"}

EntityKind = Literal["organisation", "person", "place", "event"]
ENTITY_KINDS: tuple[EntityKind, ...] = get_args(EntityKind)

# How a figure relates to the number stored: "more than $3bn" is 3.0 with
# qualifier "more-than". Dropping the qualifier would overstate what a source says.
Qualifier = Literal["exact", "more-than", "at-least", "about", "up-to", "less-than", "almost"]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

# What stretch of time a figure covers. A target due by the end of 2025 can only
# be measured by a 2025 figure: a full year, or part of the year shown as such.
# "statement" is a figure said on a date with no period ("we already have more
# than $2bn"): it is context, never a year's result.
Span = Literal["full-year", "part-year", "statement"]
SPANS: tuple[Span, ...] = get_args(Span)


def other_lang(lang: Lang) -> Lang:
    """The next language in LANGS: what `l` switches to."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)]


class Localized:
    """Text a reader sees, in Russian (the original) and English.

    One side may be missing; `get` then falls back to the other language and
    `is_fallback` tells the view to mark it as untranslated.

    Immutable, compared and hashed by its two sides, as a frozen dataclass
    would be (a plain class: the texts of a big data set live in a `TextStore`,
    and `Localized.stored` makes one whose sides are read from there).
    """

    __slots__ = ("_en", "_ru")

    # What the sides hold: the texts themselves here; in a stored one, the
    # place of the Russian side on a shelf of the store, and the shelf (see `_Stored`).
    _ru: Any
    _en: Any

    def __init__(self, ru: str | None = None, en: str | None = None) -> None:
        object.__setattr__(self, "_ru", ru)
        object.__setattr__(self, "_en", en)

    @classmethod
    def same(cls, text: str) -> Localized:
        """Text that reads the same in both languages (a URL, a model number)."""
        return cls(ru=text, en=text)

    @staticmethod
    def stored(store: TextStore, ru: str | None, en: str | None) -> Localized:
        """The text, its sides kept in `store` (two numbers there) and read back from it."""
        shelf, place = store.shelf(store.append(ru))
        store.append(en)
        text = _Stored()
        object.__setattr__(text, "_ru", place)
        object.__setattr__(text, "_en", shelf)
        return text

    @property
    def ru(self) -> str | None:
        return self._ru  # type: ignore[no-any-return]

    @property
    def en(self) -> str | None:
        return self._en  # type: ignore[no-any-return]

    def get(self, lang: Lang) -> str:
        own = self.ru if lang == "ru" else self.en
        if own is not None:
            return own
        other = self.en if lang == "ru" else self.ru
        return other if other is not None else ""

    def is_fallback(self, lang: Lang) -> bool:
        return (self.ru if lang == "ru" else self.en) is None

    def variants(self) -> tuple[str, ...]:
        """Every distinct wording, for search and palette matching."""
        seen: list[str] = []
        for text in (self.ru, self.en):
            if text is not None and text not in seen:
                seen.append(text)
        return tuple(seen)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Localized):
            return NotImplemented
        return self.ru == other.ru and self.en == other.en

    def __hash__(self) -> int:
        return hash((self.ru, self.en))

    def __repr__(self) -> str:
        return f"Localized(ru={self.ru!r}, en={self.en!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Localized is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: Localized is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        # A copy or a pickle holds the texts, not the store.
        return (Localized, (self.ru, self.en))


class _Stored(Localized):
    """A `Localized` whose sides are texts `_ru` and `_ru + 1` of the shelf `_en` of a store.

    A shelf and a place on it rather than the store and a number: at 100,000
    facts the numbers alone would take 3.6 MB (see `textstore.Shelf`).
    """

    __slots__ = ()

    def __init__(self) -> None:  # filled in by `Localized.stored`
        pass

    @property
    def ru(self) -> str | None:
        shelf = self._en
        return shelf.store[shelf.base + self._ru]  # type: ignore[no-any-return]

    @property
    def en(self) -> str | None:
        shelf = self._en
        return shelf.store[shelf.base + self._ru + 1]  # type: ignore[no-any-return]


DatePrecision = Literal["day", "month", "year"]

# Fields are set as a frozen dataclass's `__init__` sets them: past the
# `__setattr__` that refuses every later assignment (see `value.Frozen`).
_set = object.__setattr__


class PartialDate(Frozen):
    """A day, or only the month or year of it when the source says no more.

    `start` is the first day of the span, so partial dates sort before the
    days inside them and compare with full dates; `str()` gives the ISO form
    as precise as the source: "2019", "2019-05" or "2019-05-03".
    """

    __slots__ = ("precision", "start")
    FIELDS = ("start", "precision")

    start: date
    precision: DatePrecision

    def __init__(self, start: date, precision: DatePrecision = "day") -> None:
        _set(self, "start", start)
        _set(self, "precision", precision)

    # Ordered by (start, precision), as `order=True` ordered the dataclass.
    def __lt__(self, other: PartialDate) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) < self._values(other)

    def __le__(self, other: PartialDate) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) <= self._values(other)

    def __gt__(self, other: PartialDate) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) > self._values(other)

    def __ge__(self, other: PartialDate) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) >= self._values(other)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """The inverse of `str()`; raises ValueError on anything else."""
        parts = text.split("-")
        if len(parts) == 1 and len(parts[0]) == 4 and parts[0].isdigit():
            return cls(date(int(parts[0]), 1, 1), "year")
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and text[5:].isdigit():
            return cls(date(int(parts[0]), int(parts[1]), 1), "month")
        return cls(date.fromisoformat(text), "day")


class Location(Frozen):
    """Where in a data file something was written, for messages and reloads."""

    __slots__ = ("column", "file", "line")
    FIELDS = ("file", "line", "column")

    file: str
    line: int | None
    column: int | None

    def __init__(self, file: str, line: int | None = None, column: int | None = None) -> None:
        _set(self, "file", file)
        _set(self, "line", line)
        _set(self, "column", column)

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Source(Frozen):
    """A publication that facts, quotes and figures cite by `id`."""

    __slots__ = ("date", "id", "note", "publisher", "title", "url")
    FIELDS = ("id", "title", "publisher", "date", "url", "note")

    id: str
    title: Localized
    publisher: Localized | None
    date: Day | None
    url: str | None
    note: Localized | None

    def __init__(
        self,
        id: str,
        title: Localized,
        publisher: Localized | None = None,
        date: Day | None = None,
        url: str | None = None,
        note: Localized | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "publisher", publisher)
        _set(self, "date", date)
        _set(self, "url", url)
        _set(self, "note", note)


class Entity(Frozen):
    """An organisation, person, place or event that the data mentions by `id`."""

    __slots__ = (
        "description",
        "end",
        "id",
        "kind",
        "name",
        "role",
        "short_name",
        "source",
        "start",
        "url",
    )
    FIELDS = (
        "id",
        "kind",
        "name",
        "short_name",
        "description",
        "role",
        "url",
        "start",
        "end",
        "source",
    )

    id: str
    kind: EntityKind
    name: Localized
    short_name: Localized | None
    description: Localized | None
    role: Localized | None
    """For people: the post they held when the sources quote them."""
    url: str | None
    start: Day | None
    end: Day | None
    source: str | None

    def __init__(
        self,
        id: str,
        kind: EntityKind,
        name: Localized,
        short_name: Localized | None = None,
        description: Localized | None = None,
        role: Localized | None = None,
        url: str | None = None,
        start: Day | None = None,
        end: Day | None = None,
        source: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "name", name)
        _set(self, "short_name", short_name)
        _set(self, "description", description)
        _set(self, "role", role)
        _set(self, "url", url)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "source", source)

    def label(self, lang: Lang) -> str:
        """The name to show where space is short."""
        return (self.short_name or self.name).get(lang)


class Fact(Frozen):
    """A sourced statement. `date` is when what it tells happened, when known:
    distinct from the date of the source that reports it (a 2025 report may
    tell of a 2022 delivery)."""

    __slots__ = ("date", "disagreement", "mentions", "note", "source", "text")
    FIELDS = ("text", "source", "mentions", "note", "date", "disagreement")

    text: Localized
    source: str
    mentions: tuple[str, ...]
    note: Localized | None
    date: PartialDate | None
    disagreement: str | None
    """The id of a `Disagreement` this fact is one side of."""

    def __init__(
        self,
        text: Localized,
        source: str,
        mentions: tuple[str, ...] = (),
        note: Localized | None = None,
        date: PartialDate | None = None,
        disagreement: str | None = None,
    ) -> None:
        _set(self, "text", text)
        _set(self, "source", source)
        _set(self, "mentions", mentions)
        _set(self, "note", note)
        _set(self, "date", date)
        _set(self, "disagreement", disagreement)


class Quote(Frozen):
    """A direct quote, always attributed: who said it, when, and where it was reported."""

    __slots__ = ("context", "date", "mentions", "source", "speaker", "text")
    FIELDS = ("text", "speaker", "date", "source", "mentions", "context")

    text: Localized
    speaker: str
    date: Day
    source: str
    mentions: tuple[str, ...]
    context: Localized | None

    def __init__(
        self,
        text: Localized,
        speaker: str,
        date: Day,
        source: str,
        mentions: tuple[str, ...] = (),
        context: Localized | None = None,
    ) -> None:
        _set(self, "text", text)
        _set(self, "speaker", speaker)
        _set(self, "date", date)
        _set(self, "source", source)
        _set(self, "mentions", mentions)
        _set(self, "context", context)


class Observation(Frozen):
    """One reported figure of a metric, e.g. 2024: more than 3.0 (USD bn).

    `value` is None when a source reports the period but gives no number;
    the view shows it as missing rather than as zero.
    """

    __slots__ = (
        "date",
        "disagreement",
        "note",
        "period",
        "qualifier",
        "source",
        "span",
        "speaker",
        "value",
        "wording",
    )
    FIELDS = (
        "period",
        "date",
        "value",
        "source",
        "qualifier",
        "note",
        "span",
        "wording",
        "speaker",
        "disagreement",
    )

    period: Localized
    date: Day
    value: float | None
    source: str
    qualifier: Qualifier
    note: Localized | None
    span: Span
    """Required in the data files; the default only serves code that builds figures itself."""
    wording: Localized | None
    """The source's own words where it gives no number ("one third"): shown instead of one."""
    speaker: str | None
    """The person who gave the figure, when the source names one."""
    disagreement: str | None

    def __init__(
        self,
        period: Localized,
        date: Day,
        value: float | None,
        source: str,
        qualifier: Qualifier = "exact",
        note: Localized | None = None,
        span: Span = "full-year",
        wording: Localized | None = None,
        speaker: str | None = None,
        disagreement: str | None = None,
    ) -> None:
        _set(self, "period", period)
        _set(self, "date", date)
        _set(self, "value", value)
        _set(self, "source", source)
        _set(self, "qualifier", qualifier)
        _set(self, "note", note)
        _set(self, "span", span)
        _set(self, "wording", wording)
        _set(self, "speaker", speaker)
        _set(self, "disagreement", disagreement)


class Target(Frozen):
    __slots__ = ("disagreement", "due", "label", "note", "source", "speaker", "value")
    FIELDS = ("label", "value", "source", "due", "note", "speaker", "disagreement")

    label: Localized
    value: float
    source: str
    due: Day | None
    note: Localized | None
    speaker: str | None
    """The person who set or named the target, when the source names one."""
    disagreement: str | None

    def __init__(
        self,
        label: Localized,
        value: float,
        source: str,
        due: Day | None = None,
        note: Localized | None = None,
        speaker: str | None = None,
        disagreement: str | None = None,
    ) -> None:
        _set(self, "label", label)
        _set(self, "value", value)
        _set(self, "source", source)
        _set(self, "due", due)
        _set(self, "note", note)
        _set(self, "speaker", speaker)
        _set(self, "disagreement", disagreement)


class Disagreement(Frozen):
    """Sources that do not agree on one thing, shown side by side and never smoothed.

    The sides are the facts, observations and targets that name it in their
    `disagreement` key; `about` says what they disagree on.
    """

    __slots__ = ("about", "id", "note")
    FIELDS = ("id", "about", "note")

    id: str
    about: Localized
    note: Localized | None

    def __init__(self, id: str, about: Localized, note: Localized | None = None) -> None:
        _set(self, "id", id)
        _set(self, "about", about)
        _set(self, "note", note)


class Metric(Frozen):
    """A series of dated observations and targets in one unit.

    Series from different statisticians stay separate metrics: their figures
    are not comparable and must never share a bar.
    """

    __slots__ = ("amount", "id", "note", "observations", "targets", "title", "unit")
    FIELDS = ("id", "title", "unit", "observations", "targets", "note", "amount")

    id: str
    title: Localized
    unit: Localized
    observations: tuple[Observation, ...]
    targets: tuple[Target, ...]
    note: Localized | None
    amount: Localized | None
    """How an amount of the series reads, `{}` standing for the number: "${}bn",
    "{} млрд долл.". Without it, the number and the unit: "3.0 USD bn"."""

    def __init__(
        self,
        id: str,
        title: Localized,
        unit: Localized,
        observations: tuple[Observation, ...] = (),
        targets: tuple[Target, ...] = (),
        note: Localized | None = None,
        amount: Localized | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "unit", unit)
        _set(self, "observations", observations)
        _set(self, "targets", targets)
        _set(self, "note", note)
        _set(self, "amount", amount)

    def latest(self) -> Observation | None:
        """The most recent observation (by date) that carries a value, else the most recent."""
        with_value = [o for o in self.observations if o.value is not None]
        pool = with_value or list(self.observations)
        return max(pool, key=lambda o: o.date) if pool else None


class Topic(Frozen):
    __slots__ = (
        "facts",
        "id",
        "mentions",
        "metrics",
        "parent",
        "quotes",
        "short_title",
        "summary",
        "title",
    )
    FIELDS = (
        "id",
        "title",
        "parent",
        "summary",
        "facts",
        "quotes",
        "mentions",
        "metrics",
        "short_title",
    )

    id: str
    title: Localized
    parent: str | None
    summary: Localized | None
    facts: tuple[Fact, ...]
    quotes: tuple[Quote, ...]
    mentions: tuple[str, ...]
    metrics: tuple[str, ...]
    short_title: Localized | None

    def __init__(
        self,
        id: str,
        title: Localized,
        parent: str | None = None,
        summary: Localized | None = None,
        facts: tuple[Fact, ...] = (),
        quotes: tuple[Quote, ...] = (),
        mentions: tuple[str, ...] = (),
        metrics: tuple[str, ...] = (),
        short_title: Localized | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "parent", parent)
        _set(self, "summary", summary)
        _set(self, "facts", facts)
        _set(self, "quotes", quotes)
        _set(self, "mentions", mentions)
        _set(self, "metrics", metrics)
        _set(self, "short_title", short_title)

    def label(self, lang: Lang) -> str:
        """The title to show in the tree, where space is short."""
        return (self.short_title or self.title).get(lang)


class Dataset(Frozen):
    """Everything loaded, already validated: every id referred to exists.

    Topic order is the order of the data files (sorted by name) and of the
    topics within them; the roots come first in that order.
    """

    # A `__dict__` beside the fields, for the derived data below.
    __slots__ = (
        "__dict__",
        "disagreements",
        "entities",
        "files",
        "locations",
        "metrics",
        "sources",
        "topics",
    )
    FIELDS = (
        "topics",
        "sources",
        "entities",
        "metrics",
        "locations",
        "files",
        "disagreements",
    )

    topics: Mapping[str, Topic]
    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    metrics: Mapping[str, Metric]
    locations: Mapping[str, Location]
    files: tuple[str, ...]
    disagreements: Mapping[str, Disagreement]

    def __init__(
        self,
        topics: Mapping[str, Topic],
        sources: Mapping[str, Source],
        entities: Mapping[str, Entity],
        metrics: Mapping[str, Metric],
        locations: Mapping[str, Location] | None = None,
        files: tuple[str, ...] = (),
        disagreements: Mapping[str, Disagreement] | None = None,
    ) -> None:
        _set(self, "topics", topics)
        _set(self, "sources", sources)
        _set(self, "entities", entities)
        _set(self, "metrics", metrics)
        # None: a new empty dict each, as the dataclass's `default_factory=dict` gave.
        _set(self, "locations", {} if locations is None else locations)
        _set(self, "files", files)
        _set(self, "disagreements", {} if disagreements is None else disagreements)

    @property
    def roots(self) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics.values() if t.parent is None)

    def children(self, topic_id: str | None) -> tuple[Topic, ...]:
        return self._children.get(topic_id, ())

    def path(self, topic_id: str) -> tuple[Topic, ...]:
        """The topic and its ancestors, root first (for breadcrumbs)."""
        chain: list[Topic] = []
        current: str | None = topic_id
        while current is not None:
            topic = self.topics[current]
            chain.append(topic)
            current = topic.parent
        return tuple(reversed(chain))

    # Derived data, made on first use and kept with the data set: `cached_property`
    # writes to the `__dict__` directly (not through __setattr__, which refuses),
    # and the cached values are no fields (not compared, not exported). Each index is
    # built by the module that owns it, imported when first asked: those
    # modules import this one.

    @cached_property
    def _children(self) -> Mapping[str | None, tuple[Topic, ...]]:
        # Every tree expansion asks.
        lists: dict[str | None, list[Topic]] = {}
        for topic in self.topics.values():
            lists.setdefault(topic.parent, []).append(topic)
        return {key: tuple(value) for key, value in lists.items()}

    @cached_property
    def backlinks(self) -> Backlinks:
        """Who names each entity and who cites each source (see `links.build_backlinks`)."""
        from .links import build_backlinks

        return build_backlinks(self)

    @cached_property
    def disagreement_sides(self) -> Mapping[str, tuple[Side, ...]]:
        """Every disagreement's sides in data order (see `disagreements.find_sides`)."""
        from .disagreements import find_sides

        return find_sides(self)

    @cached_property
    def timeline(self) -> tuple[Entry, ...]:
        """Every dated item, oldest first (see `timeline.build_timeline`)."""
        from .timeline import build_timeline

        return build_timeline(self)

    @cached_property
    def timeline_rows(self) -> tuple[Entry | int, ...]:
        """The timeline with each year before its first entry (see `timeline.with_years`)."""
        from .timeline import with_years

        return tuple(with_years(self.timeline))

    @cached_property
    def timeline_topic_widths(self) -> Mapping[Lang, int]:
        """The longest label of a topic the timeline names, per language."""
        from .timeline import topic_label_widths

        return topic_label_widths(self)

    @cached_property
    def source_numbers(self) -> Mapping[str, int]:
        """Each source's place in the data set, from 1: the timeline's source markers."""
        return {source_id: n for n, source_id in enumerate(self.sources, start=1)}

    @property
    def fact_count(self) -> int:
        return sum(len(t.facts) for t in self.topics.values())
