"""Keys typed ahead in bursts, over every view: coop-tui neither crashes nor stops taking keys.

Over SSH, or from a fast typist, several keys arrive in one read; Textual
hands them on one by one while the keys before them are still at work
(opening a view, replacing a list's rows, opening the search line). Random
bursts of the key table's own keys found three faults this way: a `/` after
a key that opened a view held every later key for good, a list's message
about rows since replaced raised an IndexError or opened another row's page,
and the footer asking a closing view for its keys raised.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from drive import key_event, search_line_text, wait_until
from textual.pilot import Pilot

from tui.factory import make_app
from tui.keymap import KEYS
from tui.links import PageRef
from tui.model import Lang
from tui.ui.app import CoopApp
from tui.ui.screens import BookmarksScreen

# Left out: the keys that end or suspend coop-tui, and `o`, which starts a web browser.
LEFT_OUT = {"q", "ctrl+q", "ctrl+z", "o"}
# Every key of the key table (one source of truth), and letters a filter or query takes.
BURST_KEYS = sorted({name for key in KEYS for name in key.keys} - LEFT_OUT) + ["a", "m", "x", "z"]


async def until_keys_settle(app: CoopApp, pilot: Pilot[None]) -> None:
    # Bounded: a freeze shows as keys still held at the end, checked below.
    for _ in range(20):
        await pilot.pause(0.02)
        if app._held_keys is None:
            return


@pytest.mark.parametrize("seed", [4, 33, 45, 49, 87, 101, 202, 303])
async def test_random_bursts_over_every_view_leave_coop_tui_answering(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the citation view's `s` saves a file here
    pick = random.Random(seed)
    lang: Lang = pick.choice(["en", "ru"])
    app = make_app(lang=lang)
    size = pick.choice([(80, 24), (40, 12), (120, 40)])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(12):
            for _ in range(pick.randint(1, 6)):
                app.post_message(key_event(pick.choice(BURST_KEYS)))
            await until_keys_settle(app, pilot)
        await wait_until(pilot, lambda: app._held_keys is None, "the keys after a / handed on")
        # Still answering: back to the main screen, and a search typed there works.
        for _ in range(10):
            if app.screen is app.main:
                break
            await pilot.press("escape")
        assert app.screen is app.main
        await pilot.press("escape", "escape", "slash", *"maz")
        await wait_until(
            pilot,
            lambda: search_line_text(app) == "maz",
            "a search typed after the bursts",
        )


@pytest.mark.parametrize("view_key", ["i", "t"])
async def test_a_second_enter_in_a_burst_leaves_the_main_screen_open(view_key: str) -> None:
    # The first Enter opens the item and closes the view; the list's message
    # for the second was read after that, and the view's `dismiss` closed
    # whatever was on top then: the main screen, and Textual raised.
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(view_key)
        await wait_until(pilot, lambda: app.screen is not app.main, "the view")
        await pilot.pause()
        view = app.screen
        for _ in range(3):
            app.post_message(key_event("enter"))
        await wait_until(pilot, lambda: app.screen is app.main, "the item opened")
        await pilot.pause()
        assert app.screen is app.main
        assert view not in app.screen_stack


async def test_enter_then_d_in_the_bookmarks_opens_the_bookmark_enter_was_on() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        first, second = PageRef("organisation", "gomselmash"), PageRef("organisation", "ptz")
        for ref in (first, second):
            app.open_page(ref)
            await pilot.press("b")
        await pilot.press("B")
        await wait_until(pilot, lambda: isinstance(app.screen, BookmarksScreen), "the bookmarks")
        await pilot.pause()
        for name in ("enter", "d"):
            app.post_message(key_event(name))
        await wait_until(pilot, lambda: app._held_keys is None, "the keys handled")
        for _ in range(5):
            await pilot.pause()
        # Enter was on the first. `d` after it may have deleted that one before
        # the list's message was read: then the list stays open with the other,
        # and nothing opens rather than the bookmark that took its place.
        if app.screen is app.main:
            assert app.page == first
        else:
            assert isinstance(app.screen, BookmarksScreen)
            assert app.page == second  # the last page opened, as before the list
            assert app.screen.refs == [second]


@pytest.mark.parametrize("after", ["slash", "question_mark", "B", "t", "i", "c"])
async def test_keys_typed_after_q_in_one_burst_let_coop_tui_end_cleanly(after: str) -> None:
    # They were still acted on while the screens were taken down: the search
    # line mounted on a screen no longer there, help and the bookmarks looked
    # up widgets already gone, and coop-tui ended in a traceback.
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for name in ("q", after, "a", "enter"):
            app.post_message(key_event(name))
        for _ in range(200):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)  # not pilot.pause: it waits on a screen that is gone
        assert not app.is_running
    assert app.return_code == 0
