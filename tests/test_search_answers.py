"""Search answers on a 2,000-fact generated data set, against answers recorded before.

The index's inner workings (how it keeps sets of texts, what it remembers
between keystrokes) may change for speed or memory; what a reader finds must
not. `fixtures/search_answers_2000.json` holds, for each query below typed
letter by letter as the search line types it, a digest of every keystroke's
answer (the matches in order, the count, the topics) and of the query's full
unranked answer, recorded from the code as it was. A change that alters any
answer changes a digest; the counts beside them say roughly where.

To record again after a change meant to alter answers:
`python tests/test_search_answers.py > tests/fixtures/search_answers_2000.json`.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

import pytest

from tui import postings
from tui.loader import load_dataset
from tui.model import Dataset, Lang
from tui.search import SearchIndex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_dataset import make_dataset

FACTS = 2000
RECORDED = Path(__file__).resolve().parent / "fixtures" / "search_answers_2000.json"

# Common and rare words, prefixes, typos, numbers, several words, and words of
# names, roles, quotes and sources; a trailing space ends the last word.
QUERIES: dict[Lang, tuple[str, ...]] = {
    "en": (
        "enterprise",
        "enterprise no. 42",
        "kolpino tractors",
        "tractrs kolpino ",
        "municipal machinery",
        "municipal mach",
        "units in 2019",
        "2019 ",
        "gomal",
        "mins",
        "works no",
        "report on cooperation",
        "business herald",
        "vice-governor",
        "polykov ",
        "st petersburg",
        "https news",
        "medicines minsk",
        "buses gomel",
        "supplies lorries",
        "in in",
        "s",
        "zzzz",
    ),
    "ru": (
        "предприятие",
        "тракторы колпино",
        "колпно",
        "могилёв",
        "могилев ",
        "единиц в 2019 году",
        "в городе",
        "завод",
        "посол",
        "деловой вестник",
        "№42",
        "поставляет шины",
        "вице-губернатор",
        "смирнва ",
        "молочная продукция",
        "молочная прод",
        "ЗАВОД №4",
        "пр",
    ),
}


def answers(dataset: Dataset) -> dict[str, dict[str, list[object]]]:
    """For each query: [count, topics, digest] of its answers, typed on one index per language."""
    index = SearchIndex(dataset)
    recorded: dict[str, dict[str, list[object]]] = {}
    for lang, queries in QUERIES.items():
        got: dict[str, list[object]] = {}
        for query in queries:
            digest = hashlib.sha256()
            results = None
            for end in range(1, len(query) + 1):
                results = index.find(query[:end], lang)
                digest.update(repr((results.total, sorted(results.topic_ids))).encode())
                for number, match in enumerate(results.matches):
                    # The texts are made from their pages (the same code before
                    # and after): the first few say that the ids still point at them.
                    text = match.text if number < 10 else ""
                    digest.update(repr((match.ref, match.field, match.item, text)).encode())
            everything = index.find(query, lang, limit=None)
            digest.update(repr([(m.ref, m.field, m.item) for m in everything.matches]).encode())
            digest.update(repr(sorted(index.matching(query, lang))).encode())
            assert results is not None
            got[query] = [results.total, len(results.topic_ids), digest.hexdigest()[:16]]
        recorded[lang] = got
    return recorded


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("facts-2k")
    make_dataset(FACTS, out)
    return load_dataset([out])


# 2,000 facts never reach the number of texts at which a word's texts are made
# bits while the index is built (postings.FLUSH): a small one makes them so.
@pytest.mark.parametrize("flush", [postings.FLUSH, 7])
def test_answers_are_those_recorded(
    dataset: Dataset, flush: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings, "FLUSH", flush)
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    got = answers(dataset)
    assert got == recorded
    # The queries find something, mostly: a digest of nothing would prove little.
    found = [count for per_lang in got.values() for count, _topics, _digest in per_lang.values()]
    assert sum(1 for count in found if count) >= len(found) - 2


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        make_dataset(FACTS, Path(folder))
        got = answers(load_dataset([Path(folder)]))
        lines = {
            lang: [
                f"  {json.dumps(q, ensure_ascii=False)}: {json.dumps(a)}"
                for q, a in per_lang.items()
            ]
            for lang, per_lang in got.items()
        }
        print(
            "{\n"
            + ",\n".join(
                f" {json.dumps(lang)}: {{\n" + ",\n".join(rows) + "\n }"
                for lang, rows in lines.items()
            )
            + "\n}"
        )
