"""Every size from 12x4 to 250x80: two panes, one pane at a time, or a notice."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from drive import wait_until
from helpers import screen_lines, screen_text
from pty_session import PtySession, coop_tui
from textual.app import ComposeResult
from textual.widget import Widget

from tui.factory import make_app
from tui.ui.layout import MIN_HEIGHT, MIN_WIDTH, NARROW_BELOW, TooSmall
from tui.ui.screens.main import MainScreen
from tui.ui.widgets import DetailPane, SearchBar, TopicTree


@pytest.mark.parametrize(
    ("size", "classes"),
    [
        ((40, 12), {"-narrow", "-high-enough"}),
        ((80, 24), {"-two-panes", "-high-enough"}),
        ((200, 50), {"-wide", "-high-enough"}),
        ((12, 4), {"-too-narrow", "-too-low"}),
    ],
)
async def test_the_screen_is_styled_for_its_size_from_its_first_frame(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], classes: set[str]
) -> None:
    # Textual sets the breakpoints' classes when the screen's first Resize
    # arrives: the widgets must be made (and styled) with them already, or
    # every widget is styled again then.
    seen: list[set[str]] = []
    compose = MainScreen.compose

    def noting_compose(screen: MainScreen) -> ComposeResult:
        seen.append(set(screen.classes))
        return compose(screen)

    monkeypatch.setattr(MainScreen, "compose", noting_compose)
    app = make_app(lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert seen == [classes]
        assert classes <= set(app.screen.classes)


async def test_40x12_shows_one_pane_at_a_time_switched_by_tab_enter_and_escape() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        tree, detail = app.query_one(TopicTree), app.query_one(DetailPane)
        screen = screen_text(app)
        for title in ("Center", "Industry", "Pharma", "Trade"):
            assert title in screen
        assert tree.display and not detail.display
        # The tree has the whole width, not a squeezed third.
        assert tree.size.width >= 36
        # Pilot.press waits until the process uses little CPU, which a loaded
        # machine fakes: wait for the pane a key's class change shows instead.
        await pilot.press("tab")
        await wait_until(pilot, lambda: detail.display and not tree.display, "the detail pane")
        assert detail.has_focus
        assert "Center of Belarusian Machinery" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: tree.display and not detail.display, "the tree")
        assert tree.has_focus
        # Enter on a topic without subtopics opens its text.
        await pilot.press("j", "j", "j")
        assert app.topic_id == "trade"
        await pilot.press("enter")
        if app.dataset.children("trade"):
            await pilot.press("j", "enter")
        await pilot.pause()
        assert detail.display and detail.has_focus
        await pilot.press("shift+tab")
        await pilot.pause()
        assert tree.has_focus and tree.display


async def test_wide_terminals_show_both_panes_and_tab_still_moves_between_them() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(NARROW_BELOW, 24)) as pilot:
        tree, detail = app.query_one(TopicTree), app.query_one(DetailPane)
        assert tree.display and detail.display
        await pilot.press("tab")
        assert detail.has_focus and tree.display
        # In the pane Tab walks its links; Shift+Tab (or Esc) goes back to the tree.
        await pilot.press("tab")
        assert detail.has_focus and detail.current_link is not None
        await pilot.press("shift+tab")  # before the first link: the tree
        assert tree.has_focus
        await pilot.press("tab", "escape")
        assert tree.has_focus


@pytest.mark.parametrize("size", [(12, 4), (MIN_WIDTH - 1, 24), (80, MIN_HEIGHT - 1)])
async def test_below_20x6_a_notice_shows_and_q_quits(size: tuple[int, int]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=size) as pilot:
        text = screen_text(app)
        assert "Terminal too" in text and "q quits" in text.replace("\n", " ")
        assert "Center" not in text
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_the_notice_goes_when_the_terminal_grows_and_comes_back() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=(12, 4)) as pilot:
        assert "Мало места" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "Центр" in screen_text(app)
        assert "Мало места" not in screen_text(app)
        await pilot.resize_terminal(15, 5)
        await pilot.pause()
        assert "15×5" in screen_text(app)


async def test_the_notice_is_made_when_the_terminal_first_gets_too_small() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        # Not on the first screen of a terminal big enough: made when needed.
        assert not app.query(TooSmall)
        await pilot.press("slash")
        await wait_until(pilot, lambda: bool(app.query(SearchBar)), "the search line")
        await pilot.resize_terminal(12, 4)
        await wait_until(pilot, lambda: "Terminal too" in screen_text(app), "the notice")
        assert "Center" not in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "Terminal too" not in screen_text(app), "the panes")
        assert "Center" in screen_text(app)
        # The search line stays under the panes, on the row above the keys.
        search = app.query_one(SearchBar).region
        assert search.y == 22 and search.width == 80
        assert app.query_one(TopicTree).region.bottom == search.y
        assert app.query_one("#detail-box").region.bottom == search.y
        await pilot.resize_terminal(15, 5)
        await wait_until(pilot, lambda: "15×5" in screen_text(app), "the notice again")
        assert len(app.query(TooSmall)) == 1


@pytest.mark.parametrize("pane_keys, pane", [((), TopicTree), (("tab",), DetailPane)])
async def test_focus_returns_to_the_readers_pane_after_too_small(
    pane_keys: tuple[str, ...], pane: type[Widget]
) -> None:
    # Hiding both panes lets Textual move focus elsewhere; growing back restores it.
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*pane_keys)
        assert isinstance(app.focused, pane)
        await pilot.resize_terminal(12, 4)
        await pilot.pause()
        await pilot.resize_terminal(100, 30)
        # The panes come back with the layout the resize brings, then the focus.
        await wait_until(pilot, lambda: isinstance(app.focused, pane), f"the focus on {pane}")
        if pane is TopicTree:
            await pilot.press("j")
            assert app.topic_id == "industry"


@pytest.mark.parametrize("pane_keys, pane", [((), TopicTree), (("tab",), DetailPane)])
async def test_focus_moved_by_a_resize_alone_goes_back_to_the_readers_pane(
    pane_keys: tuple[str, ...], pane: type[Widget]
) -> None:
    # In a burst of resizes Textual can act on a pane's hiding after it is back
    # and hand focus to the other pane: that is not the reader's choice.
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*pane_keys)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        other = DetailPane if pane is TopicTree else TopicTree
        app.screen.set_focus(app.query_one(other))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, pane)
        if pane is TopicTree:
            await pilot.press("tab")  # the reader's own move sticks
            await pilot.resize_terminal(90, 26)
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.focused, DetailPane)


@pytest.mark.slow
async def test_a_storm_of_resizes_leaves_a_working_app() -> None:
    app = make_app(lang="en")
    rng = random.Random(5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "j", "tab")
        for _ in range(40):
            await pilot.resize_terminal(rng.randint(1, 250), rng.randint(1, 80))
        for size in [(250, 80), (40, 12), (1, 1), (120, 40)]:
            await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.is_running
        lines = screen_lines(app)
        assert len(lines) == 40 and all(len(line) == 120 for line in lines)
        assert "Trade" in "\n".join(lines)
        await pilot.press("shift+tab", "k")
        assert app.topic_id == "pharma"


@pytest.mark.parametrize("size", [(40, 12), (59, 20), (60, 20), (80, 24), (200, 60), (250, 80)])
async def test_the_first_topics_are_readable_at_every_size(size: tuple[int, int]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=size):
        screen = screen_text(app)
        for title in ("Center", "Industry", "Pharma", "Trade"):
            assert title in screen


@pytest.mark.e2e
def test_a_real_terminal_resized_in_a_burst_keeps_working(tmp_path: Path) -> None:
    # SIGWINCH after SIGWINCH with no pause, as dragging a window corner does.
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color")
    session = PtySession([coop_tui()], size=(80, 24), env=env)
    rng = random.Random(7)
    try:
        assert session.wait_for("Center")
        # A signal can land inside Textual's handler for the one before and
        # leave a stale size last in line; several bursts make that likely.
        for final in ((100, 30), (90, 26), (120, 40)):
            for _ in range(200):
                session.resize(rng.randint(1, 250), rng.randint(1, 80))
            session.resize(*final)
            session.settle()
            assert session.wait_for("Trade"), session.text()
            assert "too small" not in session.text()
        session.press("j", "j", "j", settle=0)
        assert session.wait_for("Target $3.0bn"), session.text()
        session.press("q", settle=0)
        assert session.wait_exit(10) == 0
        assert session.restored()
    finally:
        session.kill()
