"""Hostile text in every field: shown as plain characters, never sent as control.

The data set is tests/fixtures/hostile/ (written by tests/hostile.py): markup,
escape sequences, C1 controls, NUL, bidi overrides, combining marks, wide text
and a 10,000-character word in every text field of every kind of record.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from drive import wait_until
from helpers import screen_cells, screen_lines, screen_text
from hostile import FIXTURE, INJECTED, SHOWN, fixture_text
from pty_session import PtySession, coop_tui
from textual.app import App
from textual.pilot import Pilot

from tui.factory import make_app
from tui.model import Lang
from tui.ui.screens import HelpScreen
from tui.ui.widgets import DetailPane, TopicTree

DATA = [FIXTURE.parent]


def test_the_committed_fixture_is_what_the_generator_writes() -> None:
    assert FIXTURE.read_text(encoding="utf-8") == fixture_text()


def assert_inert(app: App[Any], lines: list[str]) -> None:
    """Every row fills the terminal exactly, and holds no control or bidi character."""
    width = app.size.width
    strips = screen_cells(app)
    assert [strip.cell_length for strip in strips] == [width] * len(strips)
    for line in lines:
        for ch in line:
            assert unicodedata.category(ch) not in ("Cc", "Zl", "Zp"), repr(ch)
            assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", repr(ch)


def assert_panes_whole(lines: list[str]) -> None:
    """Both panes keep their borders on every row: nothing pushed them apart."""
    body = lines[1:-1]  # between the title bar and the key bar
    for line in body:
        assert line[0] in "╭│╰" and line[-1] in "╮│╯", line


async def page_through(pilot: Pilot[Any], pane: DetailPane) -> str:
    """The whole detail page as shown, screen by screen."""
    seen = []
    step = max(1, pane.scrollable_content_region.height)
    y = 0
    while True:
        pane.scroll_to(y=y, animate=False)
        await pilot.pause()
        seen.append(screen_text(pilot.app))
        if y >= pane.max_scroll_y:
            return "\n".join(seen)
        y += step


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_tree_and_detail_show_every_hostile_string_as_text(lang: Lang) -> None:
    app = make_app(DATA, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        lines = screen_lines(app)
        assert_inert(app, lines)
        assert_panes_whole(lines)
        tag = "en" if lang == "en" else "ру"
        screen = "\n".join(lines)
        # The tree shows the title's start as typed, markup and all.
        assert f"{tag}-topic.title [red]red[/red]" in screen
        # The detail page, read to its end, shows every piece in every field.
        page = await page_through(pilot, app.query_one(DetailPane))
        flat = page.replace("\n", "")
        for name, shown in SHOWN.items():
            assert shown in page, name
        for field in (
            "topic.title",
            "topic.summary",
            "metric.title",
            "metric.unit",
            "metric.note",
            "observation.period",
            "observation.note",
            "target.label",
            "fact.text",
            "fact.note",
            "quote.text",
            "quote.context",
            "person.name",
            "person.role",
            "org.short_name",
            "place.name",
            "event.name",
            "source.title",
            "source.publisher",
            "source.note",
            "child.title",
        ):
            assert f"{tag}-{field}" in flat, field
        # The long word is folded inside the pane, not cut off or spilling out.
        assert "W" * 60 in page
        assert "https://evil.example/[red]x[/red]" in flat
        await pilot.press("enter", "down")
        assert app.topic_id == "hostile.child"
        lines = screen_lines(app)
        assert_inert(app, lines)
        assert_panes_whole(lines)
        assert f"{tag}-child.title" in "\n".join(lines)


async def test_help_over_hostile_data_and_narrow_screens_stay_inert() -> None:
    app = make_app(DATA, lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        assert_inert(app, screen_lines(app))
        assert "en-topic.title" in screen_text(app)
        await pilot.press("tab")
        # At 40 columns Tab swaps the panes: focus moves once the pane is shown.
        pane = app.query_one(DetailPane)
        await wait_until(pilot, lambda: pane.has_focus, "the detail pane to take the focus")
        text = screen_text(app)
        assert "en-topic.title" in text and "[red]red[/red]" in text
        assert_inert(app, screen_lines(app))
        await pilot.press("G")
        assert_inert(app, screen_lines(app))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert_inert(app, screen_lines(app))
        await pilot.press("escape", "escape")
        assert app.query_one(TopicTree).has_focus
        # The clicks hidden in the data are plain text: the app is still running.
        await pilot.click(TopicTree, offset=(20, 1))
        assert app.is_running


@pytest.mark.e2e
def test_no_injected_sequence_reaches_the_terminal(tmp_path: Path) -> None:
    """The real coop-tui in a pseudo-terminal: walk every view, then search its output bytes."""
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    session = PtySession([coop_tui(), "--data", str(DATA[0])], size=(100, 30), env=env)
    try:
        assert session.wait_for("en-topic.title"), session.text()
        session.press("tab", "pagedown", "pagedown", "G", "escape", "enter", "down", "tab")
        session.press("escape", "down", "l", "L", "up", "tab", "G", "escape", "?", "escape", "L")
        session.resize(40, 12)
        session.settle()
        session.press("tab", "pagedown", "escape")
        session.press("q", settle=0)
        assert session.wait_exit(10) == 0
    finally:
        session.kill()
    out = bytes(session.output)
    # What was drawn: the stand-ins, so the hostile text was on screen.
    assert "␛]0;pwned-title".encode() in out
    assert b"[red]red[/red]" in out
    for name, sequence in INJECTED.items():
        assert sequence not in out, f"{name} reached the terminal"
    assert session.restored()
