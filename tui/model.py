"""The vocabulary of coop-tui: frozen dataclasses for sourced, bilingual facts.

Nothing here knows about TOML, Textual or Rich. The loader builds these objects
after validating a data folder; every view (the TUI, the report, the export)
reads them and never changes them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from .disagreements import Side
    from .links import Backlinks
    from .textstore import TextStore
    from .timeline import Entry

# A hundred thousand facts are a few hundred thousand of these objects: without a
# __dict__ each, they take about a third less memory (slots need Python 3.10).
_SLOTS: dict[str, bool] = {"slots": True} if sys.version_info >= (3, 10) else {}

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


@dataclass(frozen=True, order=True, **_SLOTS)
class PartialDate:
    """A day, or only the month or year of it when the source says no more.

    `start` is the first day of the span, so partial dates sort before the
    days inside them and compare with full dates; `str()` gives the ISO form
    as precise as the source: "2019", "2019-05" or "2019-05-03".
    """

    start: date
    precision: DatePrecision = "day"

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


@dataclass(frozen=True, **_SLOTS)
class Location:
    """Where in a data file something was written, for messages and reloads."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, **_SLOTS)
class Source:
    """A publication that facts, quotes and figures cite by `id`."""

    id: str
    title: Localized
    publisher: Localized | None = None
    date: date | None = None
    url: str | None = None
    note: Localized | None = None


@dataclass(frozen=True, **_SLOTS)
class Entity:
    """An organisation, person, place or event that the data mentions by `id`."""

    id: str
    kind: EntityKind
    name: Localized
    short_name: Localized | None = None
    description: Localized | None = None
    # For people: the post they held when the sources quote them.
    role: Localized | None = None
    url: str | None = None
    start: date | None = None
    end: date | None = None
    source: str | None = None

    def label(self, lang: Lang) -> str:
        """The name to show where space is short."""
        return (self.short_name or self.name).get(lang)


@dataclass(frozen=True, **_SLOTS)
class Fact:
    """A sourced statement. `date` is when what it tells happened, when known:
    distinct from the date of the source that reports it (a 2025 report may
    tell of a 2022 delivery)."""

    text: Localized
    source: str
    mentions: tuple[str, ...] = ()
    note: Localized | None = None
    date: PartialDate | None = None
    disagreement: str | None = None
    """The id of a `Disagreement` this fact is one side of."""


@dataclass(frozen=True, **_SLOTS)
class Quote:
    """A direct quote, always attributed: who said it, when, and where it was reported."""

    text: Localized
    speaker: str
    date: date
    source: str
    mentions: tuple[str, ...] = ()
    context: Localized | None = None


@dataclass(frozen=True, **_SLOTS)
class Observation:
    """One reported figure of a metric, e.g. 2024: more than 3.0 (USD bn).

    `value` is None when a source reports the period but gives no number;
    the view shows it as missing rather than as zero.
    """

    period: Localized
    date: date
    value: float | None
    source: str
    qualifier: Qualifier = "exact"
    note: Localized | None = None
    span: Span = "full-year"
    """Required in the data files; the default only serves code that builds figures itself."""
    wording: Localized | None = None
    """The source's own words where it gives no number ("one third"): shown instead of one."""
    speaker: str | None = None
    """The person who gave the figure, when the source names one."""
    disagreement: str | None = None


@dataclass(frozen=True, **_SLOTS)
class Target:
    label: Localized
    value: float
    source: str
    due: date | None = None
    note: Localized | None = None
    speaker: str | None = None
    """The person who set or named the target, when the source names one."""
    disagreement: str | None = None


@dataclass(frozen=True, **_SLOTS)
class Disagreement:
    """Sources that do not agree on one thing, shown side by side and never smoothed.

    The sides are the facts, observations and targets that name it in their
    `disagreement` key; `about` says what they disagree on.
    """

    id: str
    about: Localized
    note: Localized | None = None


@dataclass(frozen=True, **_SLOTS)
class Metric:
    """A series of dated observations and targets in one unit.

    Series from different statisticians stay separate metrics: their figures
    are not comparable and must never share a bar.
    """

    id: str
    title: Localized
    unit: Localized
    observations: tuple[Observation, ...] = ()
    targets: tuple[Target, ...] = ()
    note: Localized | None = None
    amount: Localized | None = None
    """How an amount of the series reads, `{}` standing for the number: "${}bn",
    "{} млрд долл.". Without it, the number and the unit: "3.0 USD bn"."""

    def latest(self) -> Observation | None:
        """The most recent observation (by date) that carries a value, else the most recent."""
        with_value = [o for o in self.observations if o.value is not None]
        pool = with_value or list(self.observations)
        return max(pool, key=lambda o: o.date) if pool else None


@dataclass(frozen=True, **_SLOTS)
class Topic:
    id: str
    title: Localized
    parent: str | None = None
    summary: Localized | None = None
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    short_title: Localized | None = None

    def label(self, lang: Lang) -> str:
        """The title to show in the tree, where space is short."""
        return (self.short_title or self.title).get(lang)


@dataclass(frozen=True)
class Dataset:
    """Everything loaded, already validated: every id referred to exists.

    Topic order is the order of the data files (sorted by name) and of the
    topics within them; the roots come first in that order.
    """

    topics: Mapping[str, Topic]
    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    metrics: Mapping[str, Metric]
    locations: Mapping[str, Location] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    disagreements: Mapping[str, Disagreement] = field(default_factory=dict)

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

    # Derived data, made on first use and kept with the data set: a frozen
    # dataclass without slots keeps a `__dict__`, which `cached_property` writes
    # to directly (no __setattr__, so `frozen` does not refuse it), and the
    # cached values are no fields (not compared, not exported). Each index is
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
