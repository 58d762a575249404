"""Themes: ours, Textual's 16-colour ones, the palette, the state file, NO_COLOR."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from drive import palette, settle, type_text, wait_until
from helpers import screen_cells, screen_text
from pty_session import PtySession, coop_tui
from rich.color import ColorType
from textual.app import App

from tui.bars import BAR_FULL, BAR_MISSING
from tui.factory import make_app
from tui.state import StateStore
from tui.ui.themes import ANSI, DARK, LIGHT, few_colours, starting_theme, theme_names


def test_our_themes_come_first_and_textual_ones_stay_choosable() -> None:
    names = theme_names()
    assert names[:2] == [DARK, LIGHT]
    assert {"ansi-dark", "ansi-light", "textual-dark"} <= set(names)


@pytest.mark.parametrize(
    ("term", "colorterm", "few"),
    [
        ("xterm", "", True),
        ("linux", "", True),
        ("screen", "", True),
        ("xterm-256color", "", False),
        ("tmux-256color", "", False),
        ("screen-256color", "", False),
        ("xterm", "truecolor", False),
    ],
)
def test_16_colour_terminals_are_recognised(term: str, colorterm: str, few: bool) -> None:
    assert few_colours({"TERM": term, "COLORTERM": colorterm}) is few


def test_the_starting_theme_is_the_flag_then_the_remembered_one_then_by_colours() -> None:
    xterm = {"TERM": "xterm"}
    rich = {"TERM": "xterm-256color"}
    assert starting_theme(None, None, xterm) == ANSI
    assert starting_theme(None, None, rich) == DARK
    assert starting_theme(None, LIGHT, xterm) == LIGHT
    assert starting_theme(None, "no-such-theme", rich) == DARK
    assert starting_theme(None, 42, rich) == DARK
    assert starting_theme("nord", LIGHT, xterm) == "nord"


def test_an_unknown_theme_is_a_usage_error_listing_the_choices() -> None:
    result = subprocess.run(
        [coop_tui(), "--theme", "neon"], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 2
    assert "unknown theme 'neon'" in result.stderr
    assert "coop-dark, coop-light" in result.stderr and "ansi-dark" in result.stderr
    assert "Traceback" not in result.stderr


async def test_a_theme_chosen_in_the_palette_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("TERM", "xterm-256color")
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == DARK
        # The palette's "Theme" command (in the reader's language), then the theme by name;
        # the palette searches in a worker, which settle() waits for.
        await palette(pilot, "theme", pick=False)
        assert "colours; the choice is remembered" in screen_text(app)  # our Theme command
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "coop-light")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == LIGHT
    state = json.loads((tmp_path / "coop-tui" / "state.json").read_text())
    assert state["theme"] == LIGHT
    again = make_app(lang="en", remember=True)
    async with again.run_test(size=(100, 30)):
        assert again.theme == LIGHT


async def test_a_corrupt_state_file_is_ignored_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("TERM", "xterm-256color")
    path = tmp_path / "coop-tui" / "state.json"
    path.parent.mkdir()
    path.write_text("{not json")
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == DARK
        await wait_until(pilot, lambda: "not valid JSON" in screen_text(app), "the notice")
    # Set aside, not left to be overwritten by the next save.
    (aside,) = path.parent.glob("state.json.bad-*")
    assert aside.read_text() == "{not json"
    assert StateStore(path).load().notice is None


def _colours(app: App[Any]) -> set[tuple[int, int, int]]:
    """Every foreground and background colour on the screen, as RGB."""
    found: set[tuple[int, int, int]] = set()
    for strip in screen_cells(app):
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            for colour in (style.color, style.bgcolor):
                if colour is None or colour.type is ColorType.DEFAULT:
                    continue
                found.add(colour.get_truecolor())
    return found


@pytest.mark.parametrize("theme", [DARK, LIGHT, ANSI])
async def test_no_color_shows_only_greys_and_the_bars_still_read(
    monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(lang="en", theme=theme)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("j", "j", "j")  # Trade: the turnover bars
        await pilot.pause()
        colours = _colours(app)
        assert colours, "nothing was drawn"
        assert all(r == g == b for r, g, b in colours), colours
        screen = screen_text(app)
        # Without colour the bar is still its characters, its percentage and its words.
        assert BAR_FULL * 5 in screen and BAR_MISSING * 5 in screen and "≥75 %" in screen
        assert "│" in screen and "○ at most $1.0bn to go" in screen


async def test_with_colour_the_theme_has_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    # The counterpart of the NO_COLOR test: it must be able to fail.
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(lang="en", theme=DARK)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert any(not (r == g == b) for r, g, b in _colours(app))


TRUECOLOUR_OR_256 = re.compile(rb"\x1b\[[0-9;]*[34]8;[25];")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("term", "few"),
    [
        ("xterm-256color", False),
        ("screen", True),
        ("tmux-256color", False),
        ("linux", True),
        ("xterm", True),
    ],
)
def test_each_terminal_type_paints_and_quits(tmp_path: Path, term: str, few: bool) -> None:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM=term)
    env.pop("NO_COLOR", None)
    env.pop("COLORTERM", None)
    session = PtySession([coop_tui()], size=(80, 24), env=env)
    try:
        assert session.wait_for("Center"), session.text()
        session.press("j", "j", "j", settle=0)
        assert session.wait_for("Target $3.0bn")
        session.press("q", settle=0)
        assert session.wait_exit(10) == 0
        assert session.restored()
    finally:
        session.kill()
    out = bytes(session.output)
    extended = TRUECOLOUR_OR_256.search(out)
    # The last frame is still on the emulated screen (pyte keeps no alternate screen).
    cells = [session.screen.buffer[y][x] for y in range(24) for x in range(80)]
    background = Counter(cell.bg for cell in cells).most_common(1)[0][0]
    if few:
        # ansi-dark: the terminal's own colours, its default background included
        # (Rich would squeeze coop-dark into 16 colours too, but onto a grey
        # background 100 instead of the reader's own).
        assert extended is None, extended
        assert background == "default"
    else:
        assert extended is not None
        assert background != "default"
