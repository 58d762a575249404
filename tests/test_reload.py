"""Live reload: the watcher on real files, and the running App on a copied data folder."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from helpers import screen_text

from tui.factory import make_app
from tui.ui.app import CoopApp
from tui.ui.widgets import TopicTree
from tui.watch import DataWatcher

ROOT = Path(__file__).resolve().parent.parent


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def touch(path: Path, text: str, *, seconds_later: int = 1) -> None:
    """Write `text` and move the mtime on, as a save a moment later would."""
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + seconds_later
    os.utime(path, (stamp, stamp))


def test_watcher_reports_a_save_once_it_settles(tmp_path: Path) -> None:
    data = tmp_path / "a.toml"
    data.write_text("one", encoding="utf-8")
    clock = FakeClock()
    watcher = DataWatcher([tmp_path], settle=0.2, clock=clock)
    assert watcher.poll() is False  # nothing changed
    touch(data, "two")
    assert watcher.poll() is False  # changed, not settled yet
    clock.now += 0.1
    touch(data, "three", seconds_later=2)  # the editor writes again
    assert watcher.poll() is False
    clock.now += 0.1
    assert watcher.poll() is False  # 0.1 s since the last write
    clock.now += 0.15
    assert watcher.poll() is True  # quiet for 0.25 s: one reload
    clock.now += 1
    assert watcher.poll() is False  # and only one


def test_watcher_sees_files_come_and_go_and_atomic_saves(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("a", encoding="utf-8")
    clock = FakeClock()
    watcher = DataWatcher([tmp_path], settle=0, clock=clock)

    def changed() -> bool:
        first = watcher.poll()
        return first or watcher.poll()

    (tmp_path / "b.toml").write_text("b", encoding="utf-8")
    assert changed()
    # An editor's atomic save: write a temporary file, rename it over the old one.
    temporary = tmp_path / ".a.toml.swp"
    temporary.write_text("a2", encoding="utf-8")
    os.replace(temporary, tmp_path / "a.toml")
    assert changed()
    (tmp_path / "b.toml").unlink()
    assert changed()
    # Files that are not data (not *.toml, or hidden editor files) are not watched.
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".#a.toml").write_text("lock", encoding="utf-8")
    assert not changed()


def test_watcher_on_a_file_that_disappears_and_returns(tmp_path: Path) -> None:
    data = tmp_path / "a.toml"
    data.write_text("a", encoding="utf-8")
    watcher = DataWatcher([data], settle=0, clock=FakeClock())
    data.unlink()
    assert watcher.poll() is False and watcher.poll() is True
    data.write_text("a", encoding="utf-8")
    assert watcher.poll() is False and watcher.poll() is True


def squeezed(text: str) -> str:
    return "".join(text.split())


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


async def wait_for(pilot, predicate, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    """Let the app run until `predicate()` holds (the watcher works in real time).

    The timeout is for a hang: under load a reload may take seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.05)
        if predicate():
            return True
    return False


async def test_saving_a_data_file_reloads_the_running_app(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    trade = folder / "topics-4-trade.toml"
    app = make_app([folder], "en", watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#topics", TopicTree).select_topic("trade.turnover")
        await pilot.pause()
        assert "Trade › Turnover" in screen_text(app)

        good = trade.read_text(encoding="utf-8")
        touch(trade, good.replace('en = "Turnover" }', 'en = "Turnover, edited" }'))
        assert await wait_for(pilot, lambda: "Turnover, edited" in screen_text(app))
        # The tree position and the open page are kept. (How fast a save shows
        # is measured by hand and in the note, not asserted: machines are noisy.)
        assert app.topic_id == "trade.turnover"
        assert "Trade › Turnover, edited" in screen_text(app)

        # Break the file: the old content stays, the error shows with its line and column.
        broken = good.replace('id = "trade.turnover"', 'id = "trade.turnover')
        touch(trade, broken, seconds_later=2)
        assert await wait_for(pilot, lambda: "Data not reloaded" in screen_text(app))
        line = broken.split("\n").index('id = "trade.turnover') + 1
        # A long temporary path wraps in the bar; compare without the line breaks.
        assert squeezed(f"topics-4-trade.toml:{line}:21: TOML syntax error: string not closed") in (
            squeezed(screen_text(app))
        )
        assert "Trade › Turnover, edited" in screen_text(app)
        assert app.topic_id == "trade.turnover"

        # Fix it: the error goes away and the new text shows.
        touch(trade, good.replace('en = "Turnover" }', 'en = "Turnover, fixed" }'), seconds_later=3)
        assert await wait_for(
            pilot,
            lambda: (
                "Turnover, fixed" in screen_text(app)
                and "Data not reloaded" not in screen_text(app)
            ),
        )


async def test_a_deleted_topic_falls_back_to_its_parent(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    trade = folder / "topics-4-trade.toml"
    app = make_app([folder], "en", watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#topics", TopicTree).select_topic("trade.innoprom")
        await pilot.pause()
        text = trade.read_text(encoding="utf-8")
        start = text.index('[[topic]]\nid = "trade.innoprom"')
        touch(trade, text[:start])
        assert await wait_for(pilot, lambda: app.topic_id == "trade")
        await pilot.pause()
        assert "INNOPROM 2025" not in screen_text(app)
        assert "╭─ Trade ─" in screen_text(app)


async def test_the_app_reads_no_files_without_watch_paths(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    from tui.ui.app import CoopApp

    app = CoopApp(bundled_dataset, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [w for w in app.workers if w.group == "data-watch"]


@pytest.mark.parametrize(
    "lang, words", [("ru", "Данные не перечитаны"), ("en", "Data not reloaded")]
)
async def test_the_error_bar_speaks_the_language(tmp_path: Path, lang: str, words: str) -> None:
    folder = copy_data(tmp_path)
    app = make_app([folder], lang, watch=True)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        sources = folder / "sources.toml"
        good = sources.read_text(encoding="utf-8")
        touch(sources, good + "broken =\n")
        assert await wait_for(pilot, lambda: words in screen_text(app))
        line = good.count("\n") + 1
        assert squeezed(f"sources.toml:{line}:9: TOML syntax error: missing value") in squeezed(
            screen_text(app)
        )
        # The bar follows a change of language made while it shows.
        other = {"ru": "Data not reloaded", "en": "Данные не перечитаны"}[lang]
        app.action_toggle_language()
        assert await wait_for(pilot, lambda: other in screen_text(app))


async def test_the_watcher_ends_when_its_worker_is_cancelled(tmp_path: Path) -> None:
    # The App cancels its workers as it ends; the event loop's close then waits
    # for this thread. A browser session whose server died ended its App without
    # the Unmount that stops the watcher, and hung in that wait for good.
    app = make_app([copy_data(tmp_path)], "en", watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app._watcher is not None
        closed: list[bool] = []
        close = app._watcher.close

        def closing() -> None:
            closed.append(True)
            close()

        app._watcher.close = closing  # type: ignore[method-assign]
        assert await wait_for(pilot, lambda: any(w.group == "data-watch" for w in app.workers))
        [worker] = [w for w in app.workers if w.group == "data-watch"]
        worker.cancel()
        assert await wait_for(pilot, lambda: bool(closed))
        assert not app._stop_watching.is_set()


async def test_the_watcher_ends_with_an_app_that_neither_unmounted_nor_cancelled_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A browser session whose server was killed ended its App on its closed
    # input just as the watcher started: no Unmount, and the worker started
    # after the App had cancelled its workers. The event loop's close then
    # waited for the watcher's thread for good (seen under load, on Python 3.9).
    monkeypatch.setattr(CoopApp, "on_unmount", lambda self: None)
    app = make_app([copy_data(tmp_path)], "en", watch=True)
    closed = threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app._watcher is not None
        close = app._watcher.close

        def closing() -> None:
            closed.set()
            close()

        app._watcher.close = closing  # type: ignore[method-assign]
        assert await wait_for(pilot, lambda: any(w.group == "data-watch" for w in app.workers))
        monkeypatch.setattr(app.workers, "cancel_all", lambda: None)
    # The App has ended: its watcher with it (a bound for a hang, not a speed limit).
    assert closed.wait(timeout=30)
    assert not app._stop_watching.is_set()
