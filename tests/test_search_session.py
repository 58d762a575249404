"""The search's state apart from the screen: what a query found and which page is selected."""

from __future__ import annotations

from tui.links import PageRef
from tui.model import Dataset
from tui.search import SearchIndex
from tui.search_session import SearchSession

GOMSELMASH = PageRef("organisation", "gomselmash")


def test_a_new_session_has_found_nothing_and_steps_nowhere() -> None:
    session = SearchSession()
    assert not session.active and session.selected is None
    assert session.step(1) is None and session.count_text("en") is None


def test_a_query_selects_the_best_match_and_steps_round_the_list(
    bundled_dataset: Dataset,
) -> None:
    index = SearchIndex.build(bundled_dataset, ["en"])
    session = SearchSession()
    session.run(index, bundled_dataset, "Polyakov", "en")
    assert session.active and session.results is not None
    assert len(session.entries) > 3
    best = session.results.matches[0].ref
    assert session.selected is not None and session.selected.ref == best
    start = session.at
    pages = [session.step(1) for _ in session.entries]
    assert [e.ref for e in pages if e is not None] == [
        session.entries[(start + i + 1) % len(session.entries)].ref
        for i in range(len(session.entries))
    ]
    assert session.at == start  # once round, back where it began
    back = session.step(-1)
    assert back is not None and back.ref == session.entries[start - 1].ref
    count = session.count_text("en")
    assert count is not None and f"{session.at + 1}/{len(session.entries)} pages" in count


def test_moving_onto_a_found_page_selects_it_and_a_page_not_found_changes_nothing(
    bundled_dataset: Dataset,
) -> None:
    index = SearchIndex.build(bundled_dataset, ["en"])
    session = SearchSession()
    session.run(index, bundled_dataset, "Gomselmash", "en")
    at = next(i for i, e in enumerate(session.entries) if e.ref == GOMSELMASH)
    session.select(0 if at else 1)
    assert session.follow(GOMSELMASH) and session.at == at
    assert not session.follow(PageRef("topic", "no-such-topic")) and session.at == at


def test_a_query_with_no_match_selects_nothing_and_says_so(bundled_dataset: Dataset) -> None:
    index = SearchIndex.build(bundled_dataset, ["en"])
    session = SearchSession()
    session.run(index, bundled_dataset, "qqqqzzzz", "en")
    assert session.active and session.entries == [] and session.selected is None
    assert session.step(1) is None
    assert session.count_text("en") == "no matches"
    session.clear()
    assert not session.active and session.query == ""
