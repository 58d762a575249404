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
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.dom import DOMNode

import tui.ui.lifecycle
from tui import cli
from tui.factory import make_app
from tui.paths import bundled_data_path
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
# argv[1]: a data folder opened as big data (its roots first, the load after), or none.
_MODULES_AT_FIRST_PAINT = """
import sys
from pathlib import Path
from tui.cache import DatasetCache
from tui.factory import make_app
from tui.paths import bundled_data_path

if len(sys.argv) > 1:
    app = make_app([Path(sys.argv[1])], "en", background=True)
else:
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

# What a big data set's first frame needs of the loader: the file list and the
# TOML reader, for the preview of its roots. The rest is the load's, after it.
LOADER_PASSES = (
    "tui.loader.load",
    "tui.loader.build",
    "tui.loader.datafile",
    "tui.loader.tables",
    "tui.loader.links",
    "tui.loader.schema",
    "tui.loader.tree",
)


def _modules_at_first_paint(tmp_path: Path, *args: str) -> set[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = [sys.executable, "-c", _MODULES_AT_FIRST_PAINT, *args]
    result = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_first_paint_imports_none_of_what_it_does_not_show(tmp_path: Path) -> None:
    # The first start fills the data cache; the second starts from it, as a reader's does.
    _modules_at_first_paint(tmp_path)
    modules = _modules_at_first_paint(tmp_path)
    # The first screen itself is there: the hook ran after it was made.
    assert {"tui.ui.widgets.topic_tree", "tui.ui.widgets.key_bar", "tui.render.topic"} <= modules
    assert sorted(modules.intersection(DEFERRED)) == []


def test_big_data_paints_its_roots_before_importing_the_loaders_passes(tmp_path: Path) -> None:
    modules = _modules_at_first_paint(tmp_path, str(bundled_data_path()))
    # The preview read the roots with the TOML reader; the load has not begun.
    assert {"tui.preview", "tui.loader.toml_reader", "tui.ui.widgets.topic_tree"} <= modules
    assert sorted(modules.intersection(LOADER_PASSES)) == []


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


async def test_each_widget_of_the_first_screen_is_styled_once_before_the_first_frame() -> None:
    app = make_app(None, "en")
    styled: Counter[str] = Counter()
    painted: list[bool] = []
    apply = app.stylesheet.apply

    def counted(node: DOMNode, *args: Any, **kwargs: Any) -> None:
        # Widgets and screens; the bare DOMNodes are a widget's component classes.
        if not painted and type(node) is not DOMNode:
            styled[f"{type(node).__name__}#{node.id}"] += 1
        apply(node, *args, **kwargs)

    app.stylesheet.apply = counted  # type: ignore[method-assign]
    after_first_paint = app._after_first_paint

    def note_the_first_frame() -> None:
        painted.append(True)
        after_first_paint()

    app._after_first_paint = note_the_first_frame  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # message-loop turns, not a clock
            if painted:
                break
            await pilot.pause()
        assert painted
    # The screen and its panes were styled (as they mounted) ...
    assert {"MainScreen#None", "TopicTree#topics", "DetailPane#detail", "KeyBar#None"} <= set(
        styled
    )
    # ... and none of them again at the screen's first resume, to the same result.
    assert {name: times for name, times in styled.items() if times > 1} == {}
