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
combines the texts with set operations, which run in C. No keystroke walks all
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
from operator import itemgetter
from typing import Callable, Literal, NamedTuple

from .links import ItemRef, PageRef, entity_ref
from .model import LANGS, Dataset, Lang, Localized
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


@dataclass(frozen=True)
class Match:
    """One text that matched: which page it is on and where on that page."""

    ref: PageRef
    field: Field
    text: str
    item: ItemRef | None = None
    """The topic, fact or quote the text belongs to (None on entity and source pages)."""

    @property
    def topic_id(self) -> str | None:
        return self.ref.id if self.ref.kind == "topic" else None


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

# The texts' sets of ids kept between keystrokes (see `_texts_with`), counted in
# ids: a common word's set at 100,000 facts holds 100,000 of them, about 6 MB.
SET_CACHE_IDS = 300_000


@dataclass
class _LangIndex:
    """The index of one language, in columns indexed by text id.

    Columns rather than an object per text: at 100,000 facts there are 130,000
    texts, and a tuple each (with its own int ids in every posting list) took
    three times the memory. The strings are the model's own, not copies.
    """

    texts: list[str]
    refs: list[PageRef]  # one object per page, shared by the page's texts
    fields: bytes  # index into FIELD_ORDER
    kinds: bytes  # index into _ITEM_KINDS
    items: array[int]  # the item's index on its page
    postings: dict[str, array[int]]
    vocabulary: list[str]
    trigrams: dict[str, array[int]]
    topic_of: list[str | None]
    sets: dict[str, frozenset[int]] = field(default_factory=dict)
    cached_ids: int = 0


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

        def get(text: Localized | None) -> str:
            return text.get(lang) if text is not None else ""

        for topic in d.topics.values():
            ref = PageRef("topic", topic.id)
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
                    for disagreement, _sides in section.items:
                        said = (get(disagreement.about), get(disagreement.note))
                        yield _Text(ref, "figure", " ".join(p for p in said if p), whole)
        for entity in d.entities.values():
            ref = entity_ref(d, entity.id)
            names = {get(entity.name): 0, get(entity.short_name): 0}
            yield _Text(ref, "name", " ".join(n for n in names if n), None)
            about = " — ".join(p for p in (get(entity.role), get(entity.description)) if p)
            if about:
                yield _Text(ref, "description", about, None)
        for source in d.sources.values():
            ref = PageRef("source", source.id)
            yield _Text(ref, "title", get(source.title), None)
            rest = [get(source.publisher), get(source.note), source.url or ""]
            if any(rest):
                yield _Text(ref, "source", " ".join(p for p in rest if p), None)

    def _index(self, lang: Lang) -> _LangIndex:
        built = self._langs.get(lang)
        if built is not None:
            return built
        # Text ids are handed out in FIELD_ORDER (ranking sorts ids): gather each
        # field's texts apart, in columns (a tuple per text would double the
        # memory of building), then join them.
        columns: dict[Field, tuple[list[str], list[PageRef], bytearray, array[int]]] = {
            f: ([], [], bytearray(), array("I")) for f in FIELD_ORDER
        }
        for text in self._texts(lang):
            if text.text:
                column = columns[text.field]
                column[0].append(text.text)
                column[1].append(text.ref)
                column[2].append(_KIND_CODE[text.item_kind])
                column[3].append(text.item_index)
        texts: list[str] = []
        refs: list[PageRef] = []
        fields = bytearray()
        kinds = bytearray()
        items = array("I")
        for code, f in enumerate(FIELD_ORDER):
            f_texts, f_refs, f_kinds, f_items = columns.pop(f)
            texts += f_texts
            refs += f_refs
            fields += bytes((code,)) * len(f_texts)
            kinds += f_kinds
            items += f_items
            del f_texts, f_refs, f_kinds, f_items
        postings: dict[str, array[int]] = {}
        for text_id, wording in enumerate(texts):
            for word in set(words(wording)):
                bucket = postings.get(word)
                if bucket is None:
                    postings[word] = array("I", (text_id,))
                else:
                    bucket.append(text_id)
        vocabulary = sorted(postings)
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
            texts,
            refs,
            bytes(fields),
            bytes(kinds),
            items,
            postings,
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

    def _texts_with(self, index: _LangIndex, word: str) -> frozenset[int]:
        """The texts holding a word, as a set; kept once asked, as typing asks again.

        The kept sets are bounded (SET_CACHE_IDS): a session of searches would
        otherwise keep a set for every word it ever expanded to. The least
        recently asked go first, so the words of the query being typed stay.
        """
        sets = index.sets
        cached = sets.pop(word, None)
        if cached is None:
            cached = frozenset(index.postings.get(word, ()))
            index.cached_ids += len(cached)
            while index.cached_ids > SET_CACHE_IDS and sets:
                oldest = next(iter(sets))
                index.cached_ids -= len(sets.pop(oldest))
        sets[word] = cached  # now the most recently asked (dicts keep insertion order)
        return cached

    def _union(self, index: _LangIndex, base: frozenset[int], words: list[str]) -> frozenset[int]:
        if not words:
            return base
        return base.union(*(self._texts_with(index, w) for w in words))

    def _word_sets(
        self, index: _LangIndex, q: QueryWord
    ) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        """Texts matching one query word exactly, by prefix (or exactly), and at all."""
        exact = self._texts_with(index, q.word)
        prefixed = exact
        if q.prefix:
            prefixed = self._union(
                index, exact, [w for w in self._prefixed(index, q.word) if w != q.word]
            )
        anyhow = prefixed
        if q.typos:
            anyhow = self._union(index, prefixed, self._near(index, q.word, q.typos))
        return exact, prefixed, anyhow

    def find(self, query: str | Query, lang: Lang, limit: int | None = 200) -> Results:
        """The best `limit` matches (all when None), how many there are, and their topics."""
        parsed = query if isinstance(query, Query) else Query.parse(query)
        if not parsed:
            return Results([], 0)
        index = self._index(lang)
        exact, prefixed, anyhow = self._query_sets(index, parsed)
        if not anyhow:
            return Results([], 0)
        # Sets of small ints iterate almost in order, so these sorts are nearly linear.
        ranked: list[int] = sorted(exact)
        if len(prefixed) > len(exact):
            ranked += sorted(prefixed - exact)
        if len(anyhow) > len(prefixed):
            ranked += sorted(anyhow - prefixed)
        top = ranked if limit is None else ranked[:limit]
        matches = [self._match(index, i) for i in top]
        return Results(matches, len(ranked), self._topics(index, ranked))

    def _query_sets(
        self, index: _LangIndex, parsed: Query
    ) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        """Texts answering every query word exactly, by prefix, and at all."""
        exact: frozenset[int] | None = None
        prefixed: frozenset[int] | None = None
        anyhow: frozenset[int] | None = None
        for q in parsed.words:
            e, p, a = self._word_sets(index, q)
            exact = e if exact is None else exact & e
            prefixed = p if prefixed is None else prefixed & p
            anyhow = a if anyhow is None else anyhow & a
            if not anyhow:
                return frozenset(), frozenset(), frozenset()
        assert exact is not None and prefixed is not None and anyhow is not None
        return exact, prefixed, anyhow

    def matching(self, query: str | Query, lang: Lang) -> frozenset[int]:
        """The ids of every text that answers `query`, unranked (an empty query: none).

        For indexes over texts of their own (see `TextIndex`), whose ids are
        positions in a list the caller keeps in its own order.
        """
        parsed = query if isinstance(query, Query) else Query.parse(query)
        if not parsed:
            return frozenset()
        return self._query_sets(self._index(lang), parsed)[2]

    @staticmethod
    def _topics(index: _LangIndex, text_ids: list[int]) -> frozenset[str]:
        if not text_ids:
            return frozenset()
        # itemgetter looks every id up in C: no Python loop over a big result.
        found = itemgetter(*text_ids)(index.topic_of)
        topics = {found} if len(text_ids) == 1 else set(found)
        topics.discard(None)
        return frozenset(t for t in topics if t is not None)

    def search(self, query: str, lang: Lang, limit: int | None = 200) -> list[Match]:
        """The best matches for a query, best first."""
        return self.find(query, lang, limit).matches

    @staticmethod
    def _match(index: _LangIndex, text_id: int) -> Match:
        ref = index.refs[text_id]
        kind = _ITEM_KINDS[index.kinds[text_id]]
        item = None
        if kind is not None:
            item = ItemRef(ref.id, kind, index.items[text_id])  # type: ignore[arg-type]
        return Match(ref, FIELD_ORDER[index.fields[text_id]], index.texts[text_id], item)


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

    def _texts(self, lang: Lang) -> Iterator[_Text]:
        ref = PageRef("topic", "")
        for text in self._own_texts(lang):
            # One field for all: ids are handed out in the order given. A blank
            # keeps an empty text's place (the index skips empty texts).
            yield _Text(ref, "fact", text or " ", None)
