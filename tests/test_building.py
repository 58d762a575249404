"""A page that takes long to build says "building…" and never holds the reader.

Pages are built in a thread (tui/ui/widgets/page_job.py). Here the page
builder is replaced by one that, for chosen pages, waits on an event the test
sets: a build that takes as long as the test wants, without any sleep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from drive import wait_until
from helpers import screen_text

import tui.ui.screens.main
import tui.ui.widgets.detail_pane
from tui.factory import make_app
from tui.links import PageRef
from tui.model import Dataset, Lang
from tui.render import build_page, page_title
from tui.ui.widgets import DetailPane, TopicTree

SIZE = (120, 40)
BUILDING = "building…"
real_build_page = build_page


class SlowPages:
    """A page builder that holds every page but the first until the test releases it.

    Every page: the pages beside the cursor are built ahead, from the start.
    """

    def __init__(self, first: str) -> None:
        self.first = first
        self.held: dict[str, threading.Event] = {}
        self.started: set[str] = set()
        self.builds: dict[str, int] = {}
        self._lock = threading.Lock()

    def gate(self, topic_id: str) -> threading.Event:
        with self._lock:
            return self.held.setdefault(topic_id, threading.Event())

    def release(self, topic_id: str) -> None:
        self.gate(topic_id).set()

    def __call__(self, dataset: Dataset, ref: PageRef, lang: Lang, *args: Any) -> Any:
        if ref.id != self.first:
            gate = self.gate(ref.id)
            self.started.add(ref.id)
            with self._lock:
                self.builds[ref.id] = self.builds.get(ref.id, 0) + 1
            gate.wait()
        return real_build_page(dataset, ref, lang, *args)

    def release_all(self) -> None:
        with self._lock:
            gates = list(self.held.values())
        for gate in gates:
            gate.set()


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch, bundled_dataset: Dataset) -> Iterator[SlowPages]:
    pages = SlowPages(bundled_dataset.roots[0].id)
    monkeypatch.setattr(tui.ui.screens.main, "build_page", pages)
    yield pages
    pages.release_all()  # no thread left waiting after the test


def topic_below(app: Any, lines: int = 1) -> str:
    tree = app.query_one(TopicTree)
    node = tree.get_node_at_line(tree.cursor_line + lines)
    assert node is not None and node.data is not None
    return str(node.data)


def title_of(app: Any, topic_id: str) -> str:
    return page_title(app.dataset, PageRef("topic", topic_id), "en")


async def test_a_slow_page_says_building_while_the_tree_moves_and_esc_abandons_it(
    slow: SlowPages,
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        tree = app.query_one(TopicTree)
        second, third = topic_below(app, 1), topic_below(app, 2)
        await pilot.press("j")
        # The key came back although the page is still being built.
        assert second in slow.started and not slow.gate(second).is_set()
        text = screen_text(app)
        assert BUILDING in text and title_of(app, second) in text
        assert pane.building

        # The tree moves meanwhile; the next page shows when it is built.
        await pilot.press("j")
        assert tree.cursor_node is not None and tree.cursor_node.data == third
        assert BUILDING in screen_text(app) and title_of(app, third) in screen_text(app)
        slow.release(third)
        await wait_until(pilot, lambda: pane.page is not None, "the third page")
        assert pane.page is not None and pane.page.title == title_of(app, third)
        assert BUILDING not in screen_text(app)

        # Back to the slow page, then Esc: the build is abandoned, the tree has focus.
        await pilot.press("k")
        assert BUILDING in screen_text(app)
        await pilot.press("l", "escape")  # l: into the page; Esc from there goes back
        assert not pane.building
        assert tree.has_focus
        text = screen_text(app)
        assert BUILDING not in text and "Building stopped" in text
        # Its result, when it comes, is dropped.
        slow.release(second)
        await pilot.pause(0.2)
        assert pane.page is None and "Building stopped" in screen_text(app)


async def test_esc_in_the_tree_abandons_the_build_too(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        await pilot.press("j")
        assert pane.building
        await pilot.press("escape")
        assert not pane.building and "Building stopped" in screen_text(app)


async def test_q_quits_at_once_while_a_page_builds(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert BUILDING in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_a_page_that_builds_fast_never_shows_building(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def quick(dataset: Dataset, ref: PageRef, lang: Lang, *args: Any) -> Any:
        # As a page with a few hundred items: longer than a thread's turn
        # (so the pane really waits for it), well within the pane's wait.
        threading.Event().wait(0.02)
        return real_build_page(dataset, ref, lang, *args)

    monkeypatch.setattr(tui.ui.screens.main, "build_page", quick)
    # The pane waits 0.15 s before it says "building"; a loaded machine (the
    # test workers beside this one) can take that long to run a 0.02 s build.
    # What is tested is that a build done within the wait is never announced.
    monkeypatch.setattr(tui.ui.widgets.detail_pane, "WAIT_SECONDS", 30.0)
    shown: list[str] = []
    real_show = DetailPane._show_building

    def spy(pane: DetailPane, width: int) -> None:
        shown.append(pane._building[0])
        real_show(pane, width)

    monkeypatch.setattr(DetailPane, "_show_building", spy)
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        for _ in range(4):
            below = topic_below(app)
            await pilot.press("j")
            # Shown in the same key press, as before pages were built in a thread.
            assert pane.page is not None and pane.page.title == title_of(app, below)
            assert BUILDING not in screen_text(app)
    assert shown == []


async def test_keys_in_a_burst_over_slow_pages_show_the_last_page(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        passed = [topic_below(app, n) for n in range(1, 5)]
        # Each key opens its page, whose build is still running when the next comes.
        await pilot.press("j", "j", "j", "j")
        last = passed[-1]
        await wait_until(pilot, lambda: set(passed) <= slow.started, "every page's build")
        assert BUILDING in screen_text(app) and title_of(app, last) in screen_text(app)
        # The last page comes first, then the others: those are stale and dropped.
        slow.release(last)
        await wait_until(pilot, lambda: pane.page is not None, "the last page")
        for topic_id in passed[:-1]:
            slow.release(topic_id)
        await pilot.pause(0.2)
        assert pane.page is not None and pane.page.title == title_of(app, last)
        assert app.topic_id == last


async def test_the_page_built_ahead_is_the_one_shown_not_built_again(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        below = topic_below(app)
        # The page below the cursor is built ahead while the reader reads.
        await wait_until(pilot, lambda: below in slow.started, "the page below built ahead")
        await pilot.press("j")
        assert BUILDING in screen_text(app)
        slow.release(below)
        await wait_until(pilot, lambda: pane.page is not None, "the page below")
        assert pane.page is not None and pane.page.title == title_of(app, below)
        assert slow.builds[below] == 1


async def test_enter_on_the_same_row_builds_a_stopped_page_again(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        tree = app.query_one(TopicTree)
        second = topic_below(app)
        await pilot.press("j", "escape")
        assert "Building stopped" in screen_text(app) and slow.builds[second] == 1
        # Enter on the row the cursor is still on: the page is built again.
        await pilot.press("enter")
        assert slow.builds[second] == 2
        text = screen_text(app)
        assert BUILDING in text and title_of(app, second) in text
        assert "Building stopped" not in text and pane.building
        slow.release(second)
        await wait_until(pilot, lambda: pane.page is not None, "the page built again")
        assert pane.page is not None and pane.page.title == title_of(app, second)
        assert tree.cursor_node is not None and tree.cursor_node.data == second


async def test_a_click_on_the_same_row_builds_a_stopped_page_again(slow: SlowPages) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        tree = app.query_one(TopicTree)
        second = topic_below(app)
        await pilot.press("j", "escape")
        assert "Building stopped" in screen_text(app)
        # The row under the cursor, as the reader sees it on the screen.
        row = tree.content_region.y - tree.region.y + tree.cursor_line - round(tree.scroll_y)
        column = tree.content_region.x - tree.region.x + 4
        assert await pilot.click(TopicTree, offset=(column, row))
        await wait_until(pilot, lambda: slow.builds[second] == 2, "the page built again")
        assert BUILDING in screen_text(app) and pane.building
        slow.release(second)
        await wait_until(pilot, lambda: pane.page is not None, "the page built again")
        assert pane.page is not None and pane.page.title == title_of(app, second)
