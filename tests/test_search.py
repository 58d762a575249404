"""The search index without a UI: folding, typos, ranking, highlighting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.links import ItemRef, PageRef
from tui.loader import load_dataset
from tui.model import Dataset, Lang
from tui.search import (
    FIELD_ORDER,
    Query,
    SearchIndex,
    fold,
    highlighter,
    within_distance,
    words,
)


@pytest.fixture(scope="module")
def index(bundled_dataset) -> SearchIndex:  # type: ignore[no-untyped-def]
    return SearchIndex.build(bundled_dataset)


def test_fold_ignores_case_and_diacritics_and_yo() -> None:
    assert fold("ЁЛКА") == "елка"
    assert fold("Café Ñandú") == "cafe nandu"
    assert fold("Гомсельмаш") == fold("гомсельмаш")


def test_bounded_edit_distance() -> None:
    assert within_distance("biocad", "biokad", 1)
    assert not within_distance("biocad", "biokat", 1)
    assert within_distance("gomselmash", "gomselmsh", 1)
    assert not within_distance("ptz", "mtzzz", 1)


def test_biocad_ranks_the_pharma_topic_title_first(index: SearchIndex) -> None:
    matches = index.search("Biocad", "en")
    assert matches[0].ref == PageRef("topic", "pharma.biocad-geropharm")
    assert matches[0].field == "title"
    # The organisation's own page is found too, right behind the title.
    assert PageRef("organisation", "biocad") in [m.ref for m in matches[:3]]


def test_title_matches_come_before_facts(index: SearchIndex) -> None:
    fields = [m.field for m in index.search("gomselmash", "en")]
    assert fields[0] in ("title", "name")
    assert fields.index("fact") > fields.index("summary")


def test_russian_search_is_case_and_typo_tolerant(index: SearchIndex) -> None:
    for query in ("БИОКАД", "биокад", "биокат"):
        found = index.find(query, "ru")
        assert "pharma.biocad-geropharm" in found.topic_ids, query


def test_every_query_word_must_match_one_text(index: SearchIndex) -> None:
    found = index.find("Biocad tractors", "en")
    assert found.total == 0 and not found.matches
    assert index.find("Biocad Geropharm", "en").matches[0].ref.id == "pharma.biocad-geropharm"


def test_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    assert index.find("Gomsel", "en").total > 0
    # With a space after it the word is finished: no prefix, and "gomsel" is too far from any word.
    assert index.find("Gomsel ", "en").total == 0


def test_search_covers_quotes_sources_and_people(index: SearchIndex) -> None:
    quote = index.search("distribute production volumes", "en")[0]
    assert quote.field == "quote"
    assert quote.item == ItemRef("pharma.biocad-geropharm", "quote", 0)
    assert any(m.ref == PageRef("person", "polyakov") for m in index.search("Polyakov", "en"))
    assert any(m.ref.kind == "source" for m in index.search("BelTA", "en"))


def test_searching_in_one_language_does_not_find_the_other(index: SearchIndex) -> None:
    assert index.find("Гомсельмаш", "en").total == 0
    assert index.find("Gomselmash", "ru").total == 0


def test_empty_query_finds_nothing(index: SearchIndex) -> None:
    assert index.find("", "en").total == 0
    assert index.find("  ,. ", "en").total == 0


def test_highlighter_marks_whole_words_in_the_original_text() -> None:
    mark = highlighter("биокад")
    text = "компании «Биокат» и «Биокад»"
    assert [text[s:e] for s, e in mark(text)] == ["Биокат", "Биокад"]
    assert Query.parse("ab cd").words[-1].prefix
    assert not Query.parse("ab cd ").words[-1].prefix


def test_markup_in_data_is_searched_as_plain_words(tmp_path: Path) -> None:
    (tmp_path / "d.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "s"\n[[topic]]\nid = "t"\ntitle = "[@click=app.quit]x[/]"\n',
        encoding="utf-8",
    )
    found = SearchIndex.build(load_dataset([tmp_path])).search("click", "en")
    assert found[0].text == "[@click=app.quit]x[/]"


def test_a_number_is_never_taken_for_a_typo_of_another() -> None:
    # "2019" is a year, not a misspelt 2018; words keep their one typo.
    query = Query.parse("2019 tractrs ")
    assert not query.word_matches("2018")
    assert query.word_matches("2019")
    assert query.word_matches("tractors")


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("gomselmsh", "en"),
        ("belarus trade turnover 2024", "en"),
        ("minsk buses trolleybuses", "en"),
        ("tractrs minsk", "en"),
        ("петербрг беларусь", "ru"),
        ("петербург белорусс поставки", "ru"),
        ("петербург беларус", "ru"),
    ],
)
def test_typing_a_query_finds_what_a_fresh_search_finds(
    bundled_dataset: Dataset, query: str, lang: Lang
) -> None:
    # Each keystroke reuses what the one before found (its words combined, the
    # topics of its sets); the answer must be the one a first search gives:
    # the same matches in the same order, the same count, the same topics.
    typed = SearchIndex(bundled_dataset)
    # Every text, in id order: by field in ranking order, then as listed.
    listed = [t for t in typed._texts(lang) if t.text]
    texts = [t.text for t in sorted(listed, key=lambda t: FIELD_ORDER.index(t.field))]
    assert len(texts) == typed._index(lang).size
    asked = []
    for end in [*range(1, len(query) + 1), len(query) - 3, len(query)]:
        text = query[:end]
        fresh = SearchIndex(bundled_dataset).find(text, lang)
        got = typed.find(text, lang)
        assert got.matches == fresh.matches, text
        assert (got.total, got.topic_ids) == (fresh.total, fresh.topic_ids), text
        asked.append(got.total)
    # And what is found is what the rules say, text by text: every word
    # matches, exact matches first, then those needing a prefix, then a typo.
    for text in (query[: len(query) // 2], query[:-2], query, query + " "):
        got = typed.find(text, lang)
        expected = _ranked_by_the_rules(texts, Query.parse(text))
        assert got.total == len(expected), text
        assert [m.text for m in got.matches] == [texts[i] for i in expected[:200]], text
    assert asked[-1] > 0


def _ranked_by_the_rules(texts: list[str], query: Query) -> list[int]:
    """Text ids answering `query`, best first, found by reading every text."""
    ranked = []
    for text_id, text in enumerate(texts):
        found = set(words(text))
        tiers = []
        for q in query.words:
            if q.word in found:
                tiers.append(0)
            elif q.prefix and any(w.startswith(q.word) for w in found):
                tiers.append(1)
            elif q.typos and any(within_distance(w, q.word, q.typos) for w in found):
                tiers.append(2)
            else:
                break
        else:
            ranked.append((max(tiers), text_id))
    return [text_id for _, text_id in sorted(ranked)]
