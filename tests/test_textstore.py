"""The compressed text store, and a big data set read through it: the same texts, on every page."""

from __future__ import annotations

import copy
import pickle
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli

from tui import textstore
from tui.links import PageRef
from tui.loader import load, load_dataset
from tui.model import Dataset, Localized
from tui.paths import bundled_data_path
from tui.render.page import build_page
from tui.report import plain_text, text_report
from tui.search import SearchIndex
from tui.textstore import TextStore

TEXTS: list[str | None] = [
    "Минский тракторный завод",
    None,
    "",
    "Gomselmash 🚜 — «Гомсельмаш» 👩‍🔬 ё é",
    "x" * 300_000,
    "\ud800 lone surrogate",
    "tab\tand\nnew line",
    None,
    "last",
]


@pytest.mark.parametrize("block_chars", [1, 16, 1000, 1_000_000])
def test_every_text_reads_back_as_it_was_put(block_chars: int) -> None:
    store = TextStore(block_chars=block_chars, cached=2)
    numbers = [store.append(text) for text in TEXTS]
    assert numbers == list(range(len(TEXTS)))
    assert len(store) == len(TEXTS)
    # Before the last block is sealed, after, in order, backwards, and iterated.
    assert [store[n] for n in numbers] == TEXTS
    store.seal()
    assert [store[n] for n in reversed(numbers)] == TEXTS[::-1]
    assert list(store) == TEXTS
    with pytest.raises(IndexError):
        store[len(TEXTS)]
    with pytest.raises(IndexError):
        store[-1]


def test_texts_are_kept_compressed() -> None:
    store = TextStore()
    for n in range(5_000):
        store.append(f"Предприятие № {n} поставляет тракторы в Колпино ({n % 7} единиц)")
    store.seal()
    raw = sum(len(t.encode()) for t in store if t is not None)
    assert store.compressed_bytes * 4 < raw


def test_a_shelf_and_a_place_find_the_text() -> None:
    store = TextStore(block_chars=50)
    for n in range(1_000):
        store.append(f"text {n}")
    for n in (0, 255, 256, 999):
        shelf, place = store.shelf(n)
        assert 0 <= place < textstore.SHELF_TEXTS
        assert shelf.store[shelf.base + place] == f"text {n}"
    assert store.shelf(3)[0] is store.shelf(200)[0]


def test_threads_reading_at_once_each_get_their_own_text() -> None:
    store = TextStore(block_chars=64, cached=2)
    for n in range(4_000):
        store.append(f"{n}: " + "ж" * (n % 50))
    store.seal()
    wrong: list[int] = []

    def read(start: int) -> None:
        for n in range(start, 4_000, 7):
            if store[n] != f"{n}: " + "ж" * (n % 50):
                wrong.append(n)

    threads = [threading.Thread(target=read, args=(s,)) for s in range(7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


# ---------------------------------------------------------------- Localized


def _stored(ru: str | None, en: str | None) -> Localized:
    store = TextStore(block_chars=4)
    store.append("before")
    return Localized.stored(store, ru, en)


@pytest.mark.parametrize(
    ("ru", "en"),
    [("Завод", "Plant"), ("Завод", None), (None, "Plant"), ("", "x"), ("same", "same")],
)
def test_a_stored_text_behaves_as_the_same_text_kept_as_strings(
    ru: str | None, en: str | None
) -> None:
    plain, stored = Localized(ru, en), _stored(ru, en)
    assert (stored.ru, stored.en) == (ru, en)
    assert stored == plain and plain == stored
    assert hash(stored) == hash(plain)
    assert stored != Localized(ru, "other")
    assert repr(stored) == repr(plain) == f"Localized(ru={ru!r}, en={en!r})"
    for lang in ("ru", "en"):
        assert stored.get(lang) == plain.get(lang)
        assert stored.is_fallback(lang) == plain.is_fallback(lang)
    assert stored.variants() == plain.variants()
    assert pickle.loads(pickle.dumps(stored)) == plain
    assert copy.deepcopy(stored) == plain
    with pytest.raises(AttributeError):
        stored.ru = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        plain.en = "changed"  # type: ignore[misc]


# ---------------------------------------------------------------- a data set read through the store


@pytest.fixture(scope="module")
def stored_dataset() -> Iterator[Dataset]:
    """The bundled data loaded as a big data set is: every text in the store, in small blocks."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "COMPACT_BYTES", 0)
        # Small blocks and a small cache: many blocks, read and dropped again and again.
        patch.setattr(textstore, "BLOCK_CHARS", 300)
        patch.setattr(textstore, "CACHED_BLOCKS", 2)
        yield load_dataset([bundled_data_path()])


def test_big_data_keeps_its_texts_in_the_store_and_small_data_as_strings(
    stored_dataset: Dataset, bundled_dataset: Dataset
) -> None:
    topic = next(iter(stored_dataset.topics.values()))
    assert type(topic.title) is not Localized  # read from the store
    assert type(next(iter(bundled_dataset.topics.values())).title) is Localized
    assert stored_dataset == bundled_dataset


def _pages(dataset: Dataset) -> Iterator[tuple[PageRef, str]]:
    refs = [PageRef("topic", t) for t in dataset.topics]
    refs += [PageRef("source", s) for s in dataset.sources]
    refs += [PageRef(e.kind, e.id) for e in dataset.entities.values()]
    for lang in ("ru", "en"):
        for ref in refs:
            page = build_page(dataset, ref, lang)
            yield ref, plain_text(page.renderable(), width=100)


def test_every_page_shows_the_texts_it_showed_before(
    stored_dataset: Dataset, bundled_dataset: Dataset
) -> None:
    # A text read from the wrong place in the store (its neighbour's) changes a page.
    for (ref, stored), (_, plain) in zip(_pages(stored_dataset), _pages(bundled_dataset)):
        assert stored == plain, ref
    for lang in ("ru", "en"):
        assert text_report(stored_dataset, lang) == text_report(bundled_dataset, lang)


def test_a_topics_page_shows_its_facts_as_the_data_file_words_them(
    stored_dataset: Dataset,
) -> None:
    # Read apart from the loader: each topic's facts as written in the TOML.
    written: dict[str, list[str]] = {}
    for path in sorted(Path(bundled_data_path()).glob("*.toml")):
        for table in tomli.loads(path.read_text(encoding="utf-8")).get("topic", []):
            written[table["id"]] = [
                f["text"]["ru"] if isinstance(f["text"], dict) else f["text"]
                for f in table.get("fact", [])
            ]
    assert any(written.values())
    for topic_id, facts in written.items():
        page = plain_text(build_page(stored_dataset, PageRef("topic", topic_id), "ru").renderable())
        flat = re.sub(r"\s+", "", page)
        for fact in facts:
            assert re.sub(r"\s+", "", fact) in flat, (topic_id, fact)


def test_search_over_the_store_finds_what_it_finds_over_strings(
    stored_dataset: Dataset, bundled_dataset: Dataset
) -> None:
    stored, plain = SearchIndex(stored_dataset), SearchIndex(bundled_dataset)
    found = 0
    for query in ("завод", "trade", "Гомсель", "2019", "минск трактор", "Belarus"):
        for lang in ("ru", "en"):
            got = stored.find(query, lang, limit=None)
            want = plain.find(query, lang, limit=None)
            assert got.total == want.total
            found += got.total
            assert [(m.ref, m.field, m.item, m.text) for m in got.matches] == [
                (m.ref, m.field, m.item, m.text) for m in want.matches
            ]
    assert found > 100
