"""Find anything a reader sees, as they type: an index over a Dataset, no UI.

    index = SearchIndex.build(dataset)
    matches = index.search("biocad", "en")      # best first

What is searched: in the reader's language, every text a page shows — topic
titles, summaries, facts (and their notes), quotes (with the speaker), figure
titles, the names, roles and descriptions of organisations, people, places and
events, and source titles, publishers and notes.

How it matches: words are compared after folding case and stripping diacritics
(`casefold`, NFKD without combining marks, so "Ё" is "е" and "é" is "e"). Every
query word must occur in the same text; the last one may be the start of a word
(the reader is still typing it), and any word of four letters or more may be off
by one edit (two from eight letters), so "Gomselmsh" finds Gomselmash.

How it stays fast on big data (100,000 facts): the normalised words of every
text are computed once, when the index is built, into an inverted index
(word -> texts). A keystroke looks up each query word in the vocabulary — exact
by dict, prefix by bisecting the sorted vocabulary, typos through a trigram
index of the vocabulary and a bounded edit distance on the few candidates — and
combines the texts with set operations on bits (see idbits.py: a set of
texts is an int with a bit per text), which run in C. No keystroke walks all
the text.

How results are ranked: texts whose words all match exactly come first, then
those that needed a prefix, then those that needed a typo; within each, titles
and names before summaries before facts and quotes, then in data order. Text ids
are handed out in that field order, so ranking is a sort of integers.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Callable, Literal, NamedTuple

from . import idbits
from .links import ItemRef, PageRef, entity_ref
from .model import LANGS, Dataset, Lang, Localized
from .postings import Postings
from .walk import Disputes, Facts, Figures, Quotes, SectionKey, topic_sections

Field = Literal["title", "name", "summary", "description", "fact", "quote", "figure", "source"]

# The order of fields in a ranking: a title match beats a summary match beats a fact.
FIELD_ORDER: tuple[Field, ...] = (
    "title",
    "name",
    "summary",
    "description",
    "fact",
    "quote",
    "figure",
    "source",
)

_WORD = re.compile(r"\w+")
# Longest run of vocabulary words a prefix may expand to; a one- or two-letter
# prefix on big data would otherwise union half the index on every keystroke.
PREFIX_LIMIT = 2000
MIN_PREFIX = 2


# The blocks of combining marks (accents, diaeresis, breve ...) that NFKD splits
# off letters; a regex drops them in C rather than a Python loop per character.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


# A word as written, its combining marks included: "е" + U+0308 is one letter
# ("ё" decomposed), and a highlight must cover the word, not stop before the mark.
_RAW_WORD = re.compile(r"(?:\w[" + _COMBINING.pattern[1:-2] + r"]*)+")


def fold(text: str) -> str:
    """Case- and diacritic-free form of a text: "Ёлка Café" -> "елка cafe"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def max_typos(word: str) -> int:
    """How many edits a query word may be off by: none below 4 letters, 2 from 8.

    A number is never a typo of another: "2019" must not find 2018 or 2029.
    """
    if word.isdigit():
        return 0
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


def within_distance(a: str, b: str, limit: int) -> bool:
    """Whether the Levenshtein distance of a and b is at most `limit` (stops early)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        best = i
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Match:
    """One text that matched: which page it is on and where on that page.

    Immutable, compared by its four parts. `text` is made from the page when
    asked (see `SearchIndex._text_of`): a keystroke ranks 200 matches, and
    the views show their pages, not these texts.
    """

    __slots__ = ("_number", "_text", "field", "item", "ref")

    ref: PageRef
    field: Field
    item: ItemRef | None
    """The topic, fact or quote the text belongs to (None on entity and source pages)."""
    _text: str | Callable[[int], str]
    _number: int

    def __init__(
        self,
        ref: PageRef,
        field: Field,
        text: str | Callable[[int], str],
        item: ItemRef | None = None,
    ) -> None:
        object.__setattr__(self, "ref", ref)
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "item", item)
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_number", 0)

    @classmethod
    def _stored(
        cls,
        ref: PageRef,
        field: Field,
        texts: Callable[[int], str],
        number: int,
        item: ItemRef | None,
    ) -> Match:
        match = cls(ref, field, texts, item)
        object.__setattr__(match, "_number", number)
        return match

    @property
    def text(self) -> str:
        text = self._text
        return text if isinstance(text, str) else text(self._number)

    @property
    def topic_id(self) -> str | None:
        return self.ref.id if self.ref.kind == "topic" else None

    def _key(self) -> tuple[PageRef, Field, str, ItemRef | None]:
        return (self.ref, self.field, self.text, self.item)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Match(ref={self.ref!r}, field={self.field!r}, text={self.text!r}, item={self.item!r})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: Match is immutable")


class _Text(NamedTuple):
    # Handed from `_texts` to `_index` one at a time; the index keeps its parts in columns.
    ref: PageRef
    field: Field
    text: str
    item_kind: str | None = None
    """"topic", "fact" or "quote" on a topic page; None elsewhere."""
    item_index: int = 0


# The sections of a topic's page whose text search reads; the rest are names and
# titles of other pages (mentions, subtopics) or repeat the items (timeline).
_SEARCHED: tuple[SectionKey, ...] = ("figures", "facts", "quotes", "disagreements")

# How an item kind is stored in the index's `kinds` column (0: no item).
_ITEM_KINDS: tuple[str | None, ...] = (None, "topic", "fact", "quote")
_KIND_CODE = {kind: code for code, kind in enumerate(_ITEM_KINDS)}
_FIELD_CODE = {f: code for code, f in enumerate(FIELD_ORDER)}
# A text's page until building the index puts it in place.
_NO_PAGE = PageRef("topic", "")

# How many sets of texts keep their topics (see `_topics_of`): 16 KB a set at
# 100,000 facts, and the topics of a common word's texts (thousands of them).
TOPIC_SETS_KEPT = 4


# A query word as the memo of queries knows it: the word, whether it is a
# prefix, how many typos it allows.
_WordKey = tuple[str, bool, int]


@dataclass
class _Found:
    """The texts answering a query: exactly, by prefix only, by a typo only.

    Each a set of text ids as bits (see idbits.py). Three disjoint layers, the
    ranking's three tiers: ids are handed out in ranking order within a tier.
    """

    exact: int
    prefixed: int
    """Texts answering only with a word's prefix (none of `exact`)."""
    typos: int
    """Texts answering only with a typo (none of `exact` or `prefixed`)."""
    topics: frozenset[str] | None = None
    """The topics of all three, once asked (a keystroke that changes no word asks again)."""
    ranked: tuple[int | None, list[int]] = (0, [])
    """The last ranking asked: its limit and the best ids (listing a set's ids costs a
    pass over all texts, and the same query asked again, as when the index is ready or
    the language comes back, asks for the same ones)."""

    @property
    def total(self) -> int:
        return idbits.count(self.exact) + idbits.count(self.prefixed) + idbits.count(self.typos)

    def all(self) -> int:
        return self.exact | self.prefixed | self.typos


_NOTHING = _Found(0, 0, 0, frozenset())


@dataclass
class _LangIndex:
    """The index of one language, in columns indexed by text id.

    Columns rather than an object per text: at 100,000 facts there are 130,000
    texts, and a tuple each (with its own int ids in every posting list) took
    three times the memory. The texts themselves are not kept (see
    `SearchIndex._text_of`): as strings they took 20 MB a language at 100,000
    facts, the model's own texts being compressed.
    """

    size: int  # how many texts
    refs: list[PageRef]  # one object per page, shared by the page's texts
    fields: bytes  # index into FIELD_ORDER
    kinds: bytes  # index into _ITEM_KINDS
    items: array[int]  # the item's index on its page
    postings: dict[str, array[int] | int]
    """Each word's texts: their ids, or as bits (an int) when that is smaller (see postings.py)."""
    vocabulary: list[str]
    trigrams: dict[str, array[int]]
    topic_of: list[str | None]
    found: dict[tuple[_WordKey, ...], _Found] = field(default_factory=dict)
    """The last query's texts, and those of its first words (see `_found`)."""
    topics: dict[int, frozenset[str]] = field(default_factory=dict)
    """The topics of the last few sets of texts found, by the set (see `_topics_of`)."""


@dataclass
class QueryWord:
    word: str
    prefix: bool
    typos: int


@dataclass(frozen=True)
class Query:
    """A parsed query: its folded words, the last one possibly a prefix."""

    words: tuple[QueryWord, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Query:
        found = words(text)
        # The last word is a prefix only while it is being typed (no space after it).
        typing = bool(text) and not text[-1].isspace()
        parsed = []
        for index, word in enumerate(found):
            last = index == len(found) - 1
            parsed.append(
                QueryWord(word, last and typing and len(word) >= MIN_PREFIX, max_typos(word))
            )
        return cls(tuple(parsed))

    def __bool__(self) -> bool:
        return bool(self.words)

    def word_matches(self, word: str) -> bool:
        """Whether a folded word of some text answers any word of the query."""
        for q in self.words:
            if word == q.word or (q.prefix and word.startswith(q.word)):
                return True
            if q.typos and within_distance(word, q.word, q.typos):
                return True
        return False


class Highlighter:
    """Finds the spans of a text to highlight for a query, at word level."""

    def __init__(self, query: Query) -> None:
        self.query = query
        self._cache: dict[str, bool] = {}

    def __call__(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if not self.query:
            return spans
        for found in _RAW_WORD.finditer(text):
            raw = found.group()
            hit = self._cache.get(raw)
            if hit is None:
                folded = fold(raw)
                hit = any(self.query.word_matches(w) for w in _WORD.findall(folded))
                self._cache[raw] = hit
            if hit:
                spans.append(found.span())
        return spans


@dataclass
class Results:
    matches: list[Match]
    total: int
    topic_ids: frozenset[str] = field(default_factory=frozenset)
    """Every topic with a match on its page, for narrowing the tree."""


def _getter(lang: Lang) -> Callable[[Localized | None], str]:
    def get(text: Localized | None) -> str:
        return text.get(lang) if text is not None else ""

    return get


class SearchIndex:
    """The inverted index of one Dataset, built per language on first use."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._langs: dict[Lang, _LangIndex] = {}

    @classmethod
    def build(cls, dataset: Dataset, langs: Iterable[Lang] = LANGS) -> SearchIndex:
        index = cls(dataset)
        for lang in langs:
            index._index(lang)
        return index

    def is_ready(self, lang: Lang) -> bool:
        return lang in self._langs

    def prepare(self, lang: Lang) -> None:
        """Build the index of one language now (safe to call from a worker thread)."""
        self._index(lang)

    # ------------------------------------------------------------ building

    def _texts(self, lang: Lang) -> Iterator[_Text]:
        d = self.dataset
        for topic in d.topics.values():
            yield from self._topic_texts(lang, PageRef("topic", topic.id))
        for entity in d.entities.values():
            yield from self._entity_texts(lang, entity_ref(d, entity.id))
        for source in d.sources.values():
            yield from self._source_texts(lang, PageRef("source", source.id))

    def _page_texts(self, lang: Lang, ref: PageRef) -> Iterator[_Text]:
        """The texts of one page, as `_texts` lists them."""
        if ref.kind == "topic":
            return self._topic_texts(lang, ref)
        if ref.kind == "source":
            return self._source_texts(lang, ref)
        return self._entity_texts(lang, ref)

    def _topic_texts(self, lang: Lang, ref: PageRef) -> Iterator[_Text]:
        d = self.dataset
        topic = d.topics[ref.id]
        get = _getter(lang)
        whole = "topic"
        titles = {get(topic.title): 0, get(topic.short_title): 0}
        yield _Text(ref, "title", " ".join(t for t in titles if t), whole)
        if topic.summary is not None:
            yield _Text(ref, "summary", get(topic.summary), whole)
        # Page order (see `walk`); each field's texts are listed apart, in data order.
        for section in topic_sections(d, topic, _SEARCHED):
            if isinstance(section, Figures):
                for metric in section.items:
                    text = " ".join(p for p in (get(metric.title), get(metric.note)) if p)
                    yield _Text(ref, "figure", text, whole)
            elif isinstance(section, Facts):
                for i, fact in enumerate(section.items):
                    text = get(fact.text) + (f" ({get(fact.note)})" if fact.note else "")
                    yield _Text(ref, "fact", text, "fact", i)
            elif isinstance(section, Quotes):
                for i, quote in enumerate(section.items):
                    speaker = d.entities[quote.speaker]
                    parts = [
                        get(quote.text),
                        speaker.name.get(lang),
                        get(speaker.role),
                        get(quote.context),
                    ]
                    text = " — ".join(p for p in parts if p)
                    yield _Text(ref, "quote", text, "quote", i)
            elif isinstance(section, Disputes):
                for dispute in section.items:
                    disagreement = dispute.disagreement
                    said = (get(disagreement.about), get(disagreement.note))
                    yield _Text(ref, "figure", " ".join(p for p in said if p), whole)

    def _entity_texts(self, lang: Lang, ref: PageRef) -> Iterator[_Text]:
        entity = self.dataset.entities[ref.id]
        get = _getter(lang)
        names = {get(entity.name): 0, get(entity.short_name): 0}
        yield _Text(ref, "name", " ".join(n for n in names if n), None)
        about = " — ".join(p for p in (get(entity.role), get(entity.description)) if p)
        if about:
            yield _Text(ref, "description", about, None)

    def _source_texts(self, lang: Lang, ref: PageRef) -> Iterator[_Text]:
        source = self.dataset.sources[ref.id]
        get = _getter(lang)
        yield _Text(ref, "title", get(source.title), None)
        rest = [get(source.publisher), get(source.note), source.url or ""]
        if any(rest):
            yield _Text(ref, "source", " ".join(p for p in rest if p), None)

    def _text_of(self, lang: Lang, text_id: int) -> str:
        """The text `text_id` of the index of `lang`, made again from its page.

        The index keeps no texts (at 100,000 facts they took 2 MB a language,
        compressed): a match's text is asked for rarely, and its page's texts
        are a few. Of the page's texts of its field, it is the one as far from
        the first as its id is: a page's texts of one field get ids in a row.
        """
        index = self._index(lang)
        ref, code = index.refs[text_id], index.fields[text_id]
        first = text_id
        while first and index.refs[first - 1] is ref and index.fields[first - 1] == code:
            first -= 1
        field = FIELD_ORDER[code]
        texts = (t.text for t in self._page_texts(lang, ref) if t.field == field and t.text)
        return next(islice(texts, text_id - first, None))

    def _index(self, lang: Lang) -> _LangIndex:
        built = self._langs.get(lang)
        if built is not None:
            return built
        # Text ids are handed out in FIELD_ORDER (ranking sorts ids), but the
        # texts come in page order: each gets a number as it comes, its words
        # are listed under it, and the numbers are turned into ids at the end.
        # No text is held: held apart per field until all were seen, they
        # took 20 MB at 100,000 facts (2 MB compressed); a match's text is
        # made again from its page when asked (see `_text_of`).
        codes = bytearray()  # each text's field, by number
        met_refs: list[PageRef] = []
        met_kinds = bytearray()
        met_items = array("I")
        postings = Postings()
        for text in self._texts(lang):
            if not text.text:
                continue
            number = len(codes)
            codes.append(_FIELD_CODE[text.field])
            met_refs.append(text.ref)
            met_kinds.append(_KIND_CODE[text.item_kind])
            met_items.append(text.item_index)
            postings.add(number, set(words(text.text)))
        size = len(codes)
        # Each field's texts in the order met, after the fields before it.
        next_id: list[int] = []
        for code in range(len(FIELD_ORDER)):
            next_id.append(next_id[-1] + codes.count(code - 1) if code else 0)
        id_of = array("I", bytes(4 * size))
        for number, code in enumerate(codes):
            id_of[number] = next_id[code]
            next_id[code] += 1
        # The postings first: they are let go by number as they are made by
        # id, and the columns below then take the room they leave.
        by_id = postings.finish(id_of)
        refs: list[PageRef] = [_NO_PAGE] * size
        kinds = bytearray(size)
        items = array("I", bytes(4 * size))
        for number, text_id in enumerate(id_of):
            refs[text_id] = met_refs[number]
            kinds[text_id] = met_kinds[number]
            items[text_id] = met_items[number]
        del met_refs, met_kinds, met_items
        fields = b"".join(bytes((code,)) * codes.count(code) for code in range(len(FIELD_ORDER)))
        del id_of, codes
        vocabulary = sorted(by_id)
        trigrams: dict[str, array[int]] = {}
        for word_id, word in enumerate(vocabulary):
            if len(word) >= 3:
                for gram in _trigrams(word):
                    ids = trigrams.get(gram)
                    if ids is None:
                        trigrams[gram] = array("I", (word_id,))
                    else:
                        ids.append(word_id)
        topic_of = [r.id if r.kind == "topic" else None for r in refs]
        built = _LangIndex(
            size,
            refs,
            bytes(fields),
            bytes(kinds),
            items,
            by_id,
            vocabulary,
            trigrams,
            topic_of,
        )
        self._langs[lang] = built
        return built

    # ------------------------------------------------------------ querying

    def _prefixed(self, index: _LangIndex, prefix: str) -> list[str]:
        start = bisect_left(index.vocabulary, prefix)
        found: list[str] = []
        for word in index.vocabulary[start : start + PREFIX_LIMIT]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def _near(self, index: _LangIndex, word: str, limit: int) -> list[str]:
        """Vocabulary words within `limit` edits, found through shared trigrams."""
        grams = _trigrams(word)
        # One edit changes at most three trigrams of a word.
        needed = max(1, len(grams) - 3 * limit)
        counts: Counter[int] = Counter()
        for gram in grams:
            counts.update(index.trigrams.get(gram, ()))
        vocabulary = index.vocabulary
        return [
            vocabulary[word_id]
            for word_id, shared in counts.items()
            if shared >= needed and within_distance(vocabulary[word_id], word, limit)
        ]

    def _texts_with(self, index: _LangIndex, word: str) -> int:
        """The texts holding a word, as bits."""
        return self._union(index, [word])

    def _union(self, index: _LangIndex, words: list[str]) -> int:
        """The texts holding any of the words, as bits."""
        bits = 0
        listed: list[array[int]] = []
        for word in words:
            texts = index.postings.get(word)
            if isinstance(texts, int):
                bits |= texts
            elif texts is not None:
                listed.append(texts)
        # The words kept as ids are made bits together: one pass over all texts.
        return bits | idbits.from_ids(listed, index.size) if listed else bits

    def _word_sets(self, index: _LangIndex, q: QueryWord) -> tuple[int, int, int]:
        """Texts matching one query word exactly, only by prefix, only by a typo (disjoint)."""
        exact = self._texts_with(index, q.word)
        prefixed = 0
        if q.prefix:
            prefixed = self._union(index, [w for w in self._prefixed(index, q.word) if w != q.word])
            prefixed &= ~exact
        typos = 0
        if q.typos:
            near = [
                w
                for w in self._near(index, q.word, q.typos)
                if w != q.word and not (q.prefix and w.startswith(q.word))
            ]
            typos = self._union(index, near) & ~(exact | prefixed)
        return exact, prefixed, typos

    def find(self, query: str | Query, lang: Lang, limit: int | None = 200) -> Results:
        """The best `limit` matches (all when None), how many there are, and their topics."""
        parsed = query if isinstance(query, Query) else Query.parse(query)
        if not parsed:
            return Results([], 0)
        index = self._index(lang)
        found = self._query_sets(index, parsed)
        total = found.total
        if not total:
            return Results([], 0)
        # Only the first `limit` are ranked: a common word's 100,000 texts need
        # counting and their topics, not sorting, once the exact ones fill the list.
        asked, top = found.ranked
        if asked != limit or not top:
            top = []
            for tier in (found.exact, found.prefixed, found.typos):
                need = None if limit is None else limit - len(top)
                if need is not None and need <= 0:
                    break
                top += idbits.smallest(tier, need)
            found.ranked = (limit, top)
        if found.topics is None:
            found.topics = self._topics_of(index, found.all())
        text_of = partial(self._text_of, lang)
        matches = [self._match(index, i, text_of) for i in top]
        return Results(matches, total, found.topics)

    def _query_sets(self, index: _LangIndex, parsed: Query) -> _Found:
        """Texts answering every query word exactly, only by prefix, only by a typo."""
        key = tuple((q.word, q.prefix, q.typos) for q in parsed.words)
        found = self._found(index, parsed.words, key)
        # Keep only this query and the queries of its first words: the next
        # keystroke changes the last word (or adds one), and finds the words
        # before it combined already. Anything else would hold sets of a
        # hundred thousand ids for queries no longer typed.
        keep = {key[:n] for n in range(1, len(key) + 1)}
        for old in [k for k in index.found if k not in keep]:
            del index.found[old]
        return found

    def _found(
        self, index: _LangIndex, qwords: tuple[QueryWord, ...], key: tuple[_WordKey, ...]
    ) -> _Found:
        found = index.found.get(key)
        if found is not None:
            return found
        exact, prefixed, typos = self._word_sets(index, qwords[-1])
        if len(qwords) > 1:
            before = self._found(index, qwords[:-1], key[:-1])
            if not before.total:
                return _NOTHING
            e, p, t = before.exact, before.prefixed, before.typos
            # A text answers exactly when both words do; by prefix when neither
            # needed a typo and one a prefix; else by a typo.
            exact, prefixed, typos = (
                e & exact,
                (e & prefixed) | (p & exact) | (p & prefixed),
                (e & typos) | (p & typos) | (t & (exact | prefixed | typos)),
            )
        found = _Found(exact, prefixed, typos)
        if not (exact or prefixed or typos):
            found = _NOTHING
        index.found[key] = found
        return found

    def matching(self, query: str | Query, lang: Lang) -> frozenset[int]:
        """The ids of every text that answers `query`, unranked (an empty query: none).

        For indexes over texts of their own (see `TextIndex`), whose ids are
        positions in a list the caller keeps in its own order.
        """
        parsed = query if isinstance(query, Query) else Query.parse(query)
        if not parsed:
            return frozenset()
        return frozenset(idbits.ids(self._query_sets(self._index(lang), parsed).all()))

    def _topics_of(self, index: _LangIndex, texts: int) -> frozenset[str]:
        """The topics of a set of texts; the last few sets' are kept, as typing asks again.

        Typing on in a word ("ent", "ente", "enter") often finds the very same
        set of texts: its topics are not looked up again.
        """
        topics = index.topics.pop(texts, None)
        if topics is None:
            found = set(idbits.pick(index.topic_of, texts))
            topics = frozenset(topic for topic in found if topic is not None)
            while len(index.topics) >= TOPIC_SETS_KEPT:
                del index.topics[next(iter(index.topics))]
        index.topics[texts] = topics  # now the most recently asked
        return topics

    def search(self, query: str, lang: Lang, limit: int | None = 200) -> list[Match]:
        """The best matches for a query, best first."""
        return self.find(query, lang, limit).matches

    @staticmethod
    def _match(index: _LangIndex, text_id: int, text_of: Callable[[int], str]) -> Match:
        ref = index.refs[text_id]
        kind = _ITEM_KINDS[index.kinds[text_id]]
        item = None
        if kind is not None:
            item = ItemRef(ref.id, kind, index.items[text_id])  # type: ignore[arg-type]
        return Match._stored(ref, FIELD_ORDER[index.fields[text_id]], text_of, text_id, item)


def highlighter(query: str) -> Callable[[str], list[tuple[int, int]]]:
    """A function giving the spans of a text that answer `query` (for highlighting)."""
    return Highlighter(Query.parse(query))


class TextIndex(SearchIndex):
    """The same matching rules over a list of texts of one's own (a timeline, a name list).

    `texts(lang)` gives the texts; the ids `matching` returns are positions in
    that list. Every text gets an id (an empty one matches nothing).
    """

    def __init__(self, dataset: Dataset, texts: Callable[[Lang], Iterable[str]]) -> None:
        super().__init__(dataset)
        self._own_texts = texts

    def _page_texts(self, lang: Lang, ref: PageRef) -> Iterator[_Text]:
        return self._texts(lang)  # all its texts are of one page and field

    def _texts(self, lang: Lang) -> Iterator[_Text]:
        ref = PageRef("topic", "")
        for text in self._own_texts(lang):
            # One field for all: ids are handed out in the order given. A blank
            # keeps an empty text's place (the index skips empty texts).
            yield _Text(ref, "fact", text or " ", None)
