"""Backlinks, history, the state file and citations, without a UI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from tui.links import History, ItemRef, PageRef, backlinks
from tui.render import build_page, citation
from tui.state import StateStore, bookmarks_from, state_dir


def plain(page) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=100, record=True, color_system=None, force_terminal=False)
    console.print(page.renderable())
    return console.export_text()


def test_backlinks_of_gomselmash_name_topics_facts_and_quotes(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    items = backlinks(bundled_dataset).of(PageRef("organisation", "gomselmash"))
    assert ItemRef("industry.tractors") in items
    assert ItemRef("industry.tractors", "fact", 0) in items
    assert ItemRef("industry.tractors", "quote", 0) in items
    assert backlinks(bundled_dataset) is backlinks(bundled_dataset)  # built once


def test_a_speaker_is_mentioned_by_their_quotes(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    items = backlinks(bundled_dataset).of(PageRef("person", "polyakov"))
    assert any(item.kind == "quote" for item in items)


def test_entity_page_lists_where_it_is_mentioned_in_both_languages(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    ref = PageRef("organisation", "gomselmash")
    english = plain(build_page(bundled_dataset, ref, "en"))
    assert "Mentioned in" in english
    assert "▸ Industry › Tractors" in english
    assert "A vivid example is the cooperation of the Petersburg" in english
    russian = plain(build_page(bundled_dataset, ref, "ru"))
    assert "Упоминается в" in russian
    page = build_page(bundled_dataset, ref, "en")
    assert PageRef("topic", "industry.tractors") in [link.target for link in page.links]


def test_source_page_lists_what_cites_it(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    text = plain(build_page(bundled_dataset, PageRef("source", "article"), "en"))
    assert "Cited in" in text
    assert "2025-09-29" in text


def test_topic_page_links_names_markers_and_subtopics(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    page = build_page(bundled_dataset, PageRef("topic", "industry"), "en")
    targets = {link.target for link in page.links}
    assert PageRef("organisation", "ptz") in targets
    assert PageRef("topic", "industry.tractors") in targets
    assert any(t.kind == "source" for t in targets)
    assert all(0 <= block < len(page.blocks) for block in page.link_blocks)


def test_citation_of_a_quote_names_speaker_date_and_source(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    item = ItemRef("trade.turnover", "quote", 0)
    text = citation(bundled_dataset, PageRef("topic", "trade.turnover"), "ru", item)
    assert text.startswith("«Мы уже можем замахнуться на 3 млрд долларов")
    assert "Кирилл Поляков" in text and "29.09.2025" in text
    assert "Источник:" in text


def test_history_goes_back_and_forward_and_drops_the_branch_left() -> None:
    history = History()
    a, b, c, d = (PageRef("topic", x) for x in "abcd")
    for ref in (a, b, b, c):
        history.visit(ref)
    assert history.current == c
    assert history.back() == b  # b visited twice in a row is one step
    assert history.back() == a
    assert history.back() is None
    assert history.forward() == b
    history.visit(d)
    assert history.current == d
    assert history.forward() is None  # c, ahead of b, was dropped
    assert history.back() == b
    assert history.back() == a


def test_state_dir_follows_xdg_state_home() -> None:
    assert state_dir({"XDG_STATE_HOME": "/x/state"}) == Path("/x/state/coop-tui")
    assert state_dir({"XDG_STATE_HOME": "relative"}).parts[-3:] == (".local", "state", "coop-tui")


def test_state_round_trips_and_keeps_other_keys(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "deep" / "state.json")
    assert store.load().data == {} and store.load().notice is None
    refs = [PageRef("topic", "pharma"), PageRef("organisation", "ptz")]
    assert store.save({"theme": "nord", "bookmarks": [ref.to_json() for ref in refs]}) is None
    loaded = store.load()
    assert loaded.notice is None
    assert bookmarks_from(loaded.data) == refs
    assert loaded.data["theme"] == "nord"
    assert os.listdir(tmp_path / "deep") == ["state.json"]


@pytest.mark.parametrize(
    "content, notice",
    [
        (b"{broken", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
    ],
)
def test_a_bad_state_file_is_ignored_with_a_notice(
    tmp_path: Path, content: bytes, notice: str
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    loaded = StateStore(path).load()
    assert loaded.data == {}
    assert loaded.notice is not None
    assert notice in str(loaded.notice) and str(path) in str(loaded.notice)


def test_an_unreadable_state_file_is_ignored_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.mkdir()  # a folder where the file should be: reading fails for root too
    loaded = StateStore(path).load()
    assert loaded.data == {} and loaded.notice and "cannot read" in str(loaded.notice)


def test_bookmarks_skip_entries_that_are_not_pages() -> None:
    data = json.loads('{"bookmarks": [["topic", "a"], ["nonsense", "b"], 3, ["topic", "a"]]}')
    assert bookmarks_from(data) == [PageRef("topic", "a")]
    assert bookmarks_from({"bookmarks": "x"}) == []


def test_a_failed_save_is_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    notice = StateStore(blocker / "state.json").save({"a": 1})
    assert notice is not None and "cannot save" in str(notice)
