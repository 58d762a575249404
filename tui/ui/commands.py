"""Command palette entries: every page by name, in both languages, and the bookmarks.

Added to Textual's own commands (`COMMANDS = App.COMMANDS | {PageCommands}`),
never replacing them. Names come from data, so they are highlighted by building
`Content` from plain text: Textual's `Matcher.highlight` would parse them as markup.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..fuzzy import MAX_TITLE, fuzzy_match
from ..i18n import label
from ..limits import MAX_QUERY
from ..links import PageRef
from ..model import Dataset, Lang, Localized, other_lang
from ..search import fold

# `help` is parsed as markup by the palette: it only ever holds our own words
# (the kind of page), never data text.


class PageHost(Protocol):
    """What the palette needs from the App."""

    dataset: Dataset
    lang: Lang
    bookmarks: list[PageRef]

    def open_page(self, ref: PageRef) -> None: ...


@dataclass(frozen=True)
class Entry:
    text: str
    """Both names, the reader's language first: "Gomselmash · «Гомсельмаш»"."""
    kind: str
    ref: PageRef
    names: tuple[str, ...] = ()
    """Each name alone, folded, to rank a whole-name match above a fuzzy one."""


def _entry(name: Localized, lang: Lang, kind: str, ref: PageRef) -> Entry:
    return Entry(_both(name, lang), kind, ref, tuple(fold(n) for n in name.variants()))


def _both(name: Localized, lang: Lang) -> str:
    first = name.get(lang)
    other = name.get(other_lang(lang))
    return first if other == first or not other else f"{first} · {other}"


def page_name(dataset: Dataset, ref: PageRef, lang: Lang) -> Localized:
    if ref.kind == "topic":
        return dataset.topics[ref.id].title
    if ref.kind == "source":
        return dataset.sources[ref.id].title
    return dataset.entities[ref.id].name


def entries(dataset: Dataset, lang: Lang, bookmarks: Sequence[PageRef]) -> Iterator[Entry]:
    """Bookmarks first, then topics, entities (every kind) and sources, in data order."""
    for ref in bookmarks:
        if ref.exists_in(dataset):
            kind = f"★ {label('bookmark.kind', lang)} · {label('kind.' + ref.kind, lang)}"
            yield _entry(page_name(dataset, ref, lang), lang, kind, ref)
    topic_kind = label("kind.topic", lang)
    for topic in dataset.topics.values():
        yield _entry(topic.title, lang, topic_kind, PageRef("topic", topic.id))
    for entity in dataset.entities.values():
        kind = label("kind." + entity.kind, lang)
        yield _entry(entity.name, lang, kind, PageRef(entity.kind, entity.id))
        if entity.short_name is not None:
            # "MAZ" should find the Minsk Automobile Plant first.
            short = _entry(entity.short_name, lang, kind, PageRef(entity.kind, entity.id))
            yield Entry(_both(entity.name, lang), kind, short.ref, short.names)
    source_kind = label("kind.source", lang)
    for source in dataset.sources.values():
        yield _entry(source.title, lang, source_kind, PageRef("source", source.id))


def highlighted(matcher: Matcher, text: str, offsets: Sequence[int] | None = None) -> Content:
    """The text as plain Content, the fuzzy-matched letters styled.

    `offsets` are the letters matched (by `fuzzy.fuzzy_match`); without them,
    they are found again.
    """
    content = Content(text)
    if offsets is None:
        _, offsets = fuzzy_match(matcher.query, text)
    for offset in offsets:
        if offset < len(text) and not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


MAX_HITS = 100
"""Pages the palette lists for a query, the best first."""


def _rank(hit: tuple[float, int, Entry, str, list[int]]) -> tuple[float, int]:
    return hit[0], hit[1]


def shown(text: str) -> str:
    """A title cut to what the palette matches and shows."""
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


class PageCommands(Provider):
    """Open any topic, organisation, person, place, event or source, or a bookmark."""

    @property
    def host(self) -> PageHost:
        app: object = self.app
        return app  # type: ignore[return-value]

    def _entries(self) -> list[Entry]:
        host = self.host
        return list(entries(host.dataset, host.lang, host.bookmarks))

    async def discover(self) -> Hits:
        # Bookmarks first, then the data's first pages: typing finds the rest.
        for entry in itertools.islice(self._entries(), MAX_HITS):
            text = shown(entry.text)
            yield DiscoveryHit(
                Content(text),
                partial(self.host.open_page, entry.ref),
                text=text,
                help=entry.kind,
            )

    async def search(self, query: str) -> Hits:
        # Textual's own matcher tries every placing of the letters, exponential
        # on repetitive titles: data titles go through the bounded one.
        query = query[:MAX_QUERY]
        matcher = self.matcher(query)
        wanted = fold(query.strip()).strip("«»\"'")
        seen: set[PageRef] = set()
        found: list[tuple[float, int, Entry, str, list[int]]] = []
        for order, entry in enumerate(self._entries()):
            text = shown(entry.text)
            score, offsets = fuzzy_match(query, text)
            if score <= 0 or (entry.ref in seen and not entry.kind.startswith("★")):
                continue
            seen.add(entry.ref)
            # The palette sorts by score: a page named exactly so, then one whose
            # name starts so, then Textual's fuzzy order.
            names = [n.strip("«»\"'") for n in entry.names]
            if wanted in names:
                score += 2
            elif any(n.startswith(wanted) for n in names):
                score += 1
            found.append((score, -order, entry, text, offsets))
        # The best few only: a big data set matches thousands of names to a
        # letter or two, and the palette would style and lay out every one.
        for score, _, entry, text, offsets in heapq.nlargest(MAX_HITS, found, key=_rank):
            yield Hit(
                score,
                highlighted(matcher, text, offsets),
                partial(self.host.open_page, entry.ref),
                text=text,
                help=entry.kind,
            )
