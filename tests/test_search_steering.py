"""Search you can steer: every page found, grouped by kind with counts; ↑/↓ and n/N walk the
list in the order shown; the current one is marked; the detail pane follows while typing."""

from __future__ import annotations

from typing import Any

import pytest
from drive import search, type_query
from helpers import screen_text
from textual.pilot import Pilot

from tui.factory import make_app
from tui.links import PageRef
from tui.results import KINDS, kind_counts, result_entries
from tui.ui.app import CoopApp
from tui.ui.widgets import DetailPane, SearchBar, TopicTree
from tui.ui.widgets.topic_tree import GROUP_MARK, page_of

SIZE = (100, 40)


async def _type(pilot: Pilot[Any], query: str) -> None:
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await search(pilot, query)


def _shown_pages(app: CoopApp) -> list[PageRef]:
    """The pages the narrowed tree lists, top to bottom (headings and plain ancestors left out)."""
    tree = app.query_one(TopicTree)
    entries = {e.ref for e in app.main.search.entries}
    order: list[PageRef] = []
    stack = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        ref = page_of(node.data)
        if ref is not None and ref in entries:
            order.append(ref)
        stack.extend(reversed(node.children))
    return order


async def test_every_page_found_is_listed_grouped_by_kind_with_counts() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "Polyakov")
        assert app.main.search.results is not None
        entries = result_entries(app.dataset, app.main.search.results)
        kinds = [e.ref.kind for e in entries]
        assert {"topic", "person", "source"} <= set(kinds)
        # Grouped, in the order of KINDS.
        assert kinds == sorted(kinds, key=KINDS.index)
        tree = app.query_one(TopicTree)
        headings = [n for n in tree.root.children if n.data and n.data.startswith(GROUP_MARK)]
        counts = kind_counts(entries)
        assert [n.data[1:] for n in headings if n.data] == [k for k in counts if k != "topic"]
        for heading in headings:
            assert heading.data is not None
            assert len(heading.children) == counts[heading.data[1:]]
            assert str(heading.label).endswith(f"· {counts[heading.data[1:]]}")
        assert "People · 1" in screen_text(app) or "People ·" in screen_text(app)
        assert _shown_pages(app) == [e.ref for e in entries]


@pytest.mark.slow
async def test_down_up_and_n_walk_the_list_in_the_order_shown_marking_the_current() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "Polyakov")
        order = _shown_pages(app)
        assert len(order) > 3
        start = app.main.search.at
        assert app.page == order[start]
        tree = app.query_one(TopicTree)
        visited: list[PageRef | None] = []
        for _ in range(len(order)):
            await pilot.press("down")
            await pilot.pause()
            visited.append(app.page)
            # The current result is marked: the tree's cursor is on it.
            assert tree.cursor_node is not None
            assert page_of(tree.cursor_node.data) == app.page
            assert app.query_one(SearchBar).input.has_focus  # still typing
        expected = [order[(start + i + 1) % len(order)] for i in range(len(order))]
        assert visited == expected  # each page once, in order, then round again
        await pilot.press("up")
        await pilot.pause()
        assert app.page == order[(start + len(order) - 1) % len(order)]
        assert f"{(start + len(order) - 1) % len(order) + 1}/{len(order)} pages" in screen_text(app)
        # Enter chooses the current one; n and N go on from there.
        at = app.main.search.at
        await pilot.press("enter", "n")
        await pilot.pause()
        assert app.page == order[(at + 1) % len(order)]
        await pilot.press("N", "N")
        await pilot.pause()
        assert app.page == order[(at - 1) % len(order)]
        # Moving the tree's cursor onto a result makes it the current one.
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.page in order


async def test_the_detail_pane_follows_the_selected_result_while_typing() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")  # Trade
        await _type(pilot, "Gomselm")
        assert app.page is not None and app.page.id in ("industry.tractors", "gomselmash")
        assert "Gomselmash" in screen_text(app)
        await type_query(pilot, "qqq")
        pane = app.query_one(DetailPane)
        assert pane.page is None  # no page: a message in its place
        text = screen_text(app)
        assert "Nothing matches “Gomselmqqq”" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.topic_id == "trade"  # nothing chosen: back where the reader was
