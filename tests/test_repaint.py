"""A key press rewrites only the cells that change; the terminal must end up
showing exactly what a full repaint would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pty_session import PtySession, coop_tui
from rich.segment import Segment
from rich.style import Style
from terminal_cells import Cell, shown_cells
from textual.strip import Strip

from tui.ui.widgets.strips import compact, ink_width

Cells = list[list[Cell]]


def cells(session: PtySession) -> Cells:
    """Every cell as the terminal shows it: character, colours and attributes."""
    return shown_cells(session.screen)


def repainted_whole(session: PtySession) -> Cells:
    """The screen after coop-tui has drawn everything again (a resize there and back)."""
    session.resize(session.columns + 1, session.lines)
    session.settle()
    session.resize(session.columns - 1, session.lines)
    session.settle()
    return cells(session)


@pytest.mark.e2e
def test_walking_the_tree_leaves_the_screen_as_a_full_repaint_draws_it(tmp_path: Path) -> None:
    env = dict(
        os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color", COLORTERM="truecolor"
    )
    session = PtySession([coop_tui(), "--lang", "en"], size=(80, 24), env=env)
    try:
        assert session.wait_for("Trade")
        # Into the first topic's subtopics, down past pages long and short, and back.
        session.press("right")
        for keys in (("down",) * 4, ("up",) * 3, ("down", "down")):
            session.press(*keys)
            shown = cells(session)
            assert shown == repainted_whole(session), session.text()
        session.press("q", settle=0)
        assert session.wait_exit(10) == 0
    finally:
        session.kill()


LINK = Style(color="white", bgcolor="black", meta={"link": 3})
TEXT = Style(color="white", bgcolor="black")
GREY = Style(color="grey50", bgcolor="black")


def test_compacted_lines_keep_every_cell_and_what_a_click_on_it_reads() -> None:
    strip = Strip(
        [
            Segment("Fact ", TEXT),
            Segment("more", TEXT),
            Segment(" ", GREY),
            Segment("[1]", LINK),
            Segment("   ", TEXT),
        ]
    )
    joined = list(compact(strip))
    assert "".join(s.text for s in joined) == "Fact more [1]   "
    # The words and the grey space between them join; the link keeps its own
    # cells: a click on the spaces after it must not follow it.
    assert [(s.text, s.style) for s in joined] == [
        ("Fact more ", TEXT),
        ("[1]", LINK),
        ("   ", TEXT),
    ]


def test_a_space_does_not_take_on_an_underline_or_another_background() -> None:
    under = Style(color="white", bgcolor="black", underline=True)
    blue = Style(color="white", bgcolor="blue")
    strip = Strip([Segment("Facts", under), Segment(" ", TEXT), Segment(" ", blue)])
    assert [s.text for s in compact(strip)] == ["Facts", " ", " "]
    # Past the last word, blanks on the pane's background show nothing new.
    assert ink_width(Strip([Segment("word ", TEXT), Segment("   ", GREY)]), TEXT) == 4
    assert ink_width(Strip([Segment("word", TEXT), Segment("  ", blue)]), TEXT) == 6
