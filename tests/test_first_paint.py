"""What the first paint does without: the modules it defers, and the garbage collector.

Start-up is measured by benchmarks/profile_paint.py (README, "Where the first
paint goes"); these tests keep what it found from coming back unseen: a module
imported at the top of another again, or the collector left off for good.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tui.ui.lifecycle
from tui import cli
from tui.factory import make_app
from tui.ui.app import CoopApp

# Imported when first used, after the first frame: the search line (the first
# `/`), the bar that says a save broke the data, the search index and its
# results (built once the screen is up), the
# palette's commands, the other views and dialogs, the loader and the JSON
# export (a start from the data cache, a pickle, needs neither) and Rich's
# emoji table (nothing on the first screen is markup).
DEFERRED = (
    "tui.ui.widgets.search_bar",
    "tui.ui.widgets.query_input",
    "tui.ui.widgets.data_error_bar",
    "tui.search",
    "tui.search_results",
    "tui.ui.commands",
    "tui.ui.view_commands",
    "tui.ui.palette",
    "tui.fuzzy",
    "tui.index_lists",
    "tui.ui.screens.timeline",
    "tui.ui.screens.help",
    "tui.ui.screens.index",
    "tui.ui.screens.bookmarks",
    "tui.ui.screens.citation",
    "tui.loader",
    "tui.jsonio",
    "tomllib",
    "tomli",
    "rich._emoji_codes",
)

# The modules present when the first frame has been written, one name a line.
_MODULES_AT_FIRST_PAINT = """
import sys
from tui.cache import DatasetCache
from tui.factory import make_app
from tui.paths import bundled_data_path

app = make_app([bundled_data_path()], "en", cache=DatasetCache())
seen = []

def after_first_paint():
    seen.append(sorted(sys.modules))
    app.exit()

# Called once the first frame is written (App.call_after_refresh in on_mount).
app._after_first_paint = after_first_paint
app.run(headless=True, size=(80, 24))
print("\\n".join(seen[0]))
"""


def test_the_first_paint_imports_none_of_what_it_does_not_show(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = [sys.executable, "-c", _MODULES_AT_FIRST_PAINT]
    # The first start fills the data cache; the second starts from it, as a reader's does.
    for _ in range(2):
        result = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, result.stderr
    modules = set(result.stdout.split())
    # The first screen itself is there: the hook ran after it was made.
    assert {"tui.ui.widgets.topic_tree", "tui.ui.widgets.key_bar", "tui.render.topic"} <= modules
    assert sorted(modules.intersection(DEFERRED)) == []


@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the garbage collector as it was found."""
    enabled = gc.isenabled()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()


def test_the_command_line_keeps_the_collector_off_until_the_app_runs(
    monkeypatch: pytest.MonkeyPatch, collector: None
) -> None:
    seen: list[tuple[bool, bool]] = []

    def run_app(app: CoopApp) -> int:
        seen.append((gc.isenabled(), app.collect_after_first_paint))
        return 0

    monkeypatch.setattr(tui.ui.lifecycle, "run_app", run_app)
    gc.enable()
    assert cli.run_tui(None, "en") == 0
    # Off while the App starts; the App turns it on after its first frame.
    assert seen == [(False, True)]


async def test_the_app_turns_the_collector_on_after_its_first_frame(collector: None) -> None:
    app = make_app(None, "en")
    app.collect_after_first_paint = True
    gc.disable()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # message-loop turns, not a clock
            if gc.isenabled():
                break
            await pilot.pause()
        assert gc.isenabled()
        assert not app.collect_after_first_paint
        assert app.main.topic_tree.cursor_node is not None


class _IntervalProbe:
    """Stands in for the App in run_app: notes the switch interval while it runs."""

    return_code = 0

    def __init__(self) -> None:
        self.seen: list[float] = []

    async def run_async(self) -> None:
        self.seen.append(sys.getswitchinterval())


def test_frames_wait_for_the_writer_thread_at_most_a_short_switch_interval() -> None:
    # Textual's writer thread needs the GIL to put a frame on the terminal: with
    # the default 5 ms interval the first frame waited for the main thread that long.
    before = sys.getswitchinterval()
    probe = _IntervalProbe()
    assert tui.ui.lifecycle.run_app(probe) == 0  # type: ignore[arg-type]
    assert probe.seen == [tui.ui.lifecycle.SWITCH_INTERVAL]
    assert tui.ui.lifecycle.SWITCH_INTERVAL <= 0.001
    assert sys.getswitchinterval() == before
