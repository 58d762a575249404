"""What coop-tui writes to a terminal is Textual's output in fewer bytes, and the same screen.

`ShortWrites` re-encodes the stream (tui/ui/terminal_writes.py). Here the
stream is fed, raw and re-encoded, to two pyte terminals: after every frame
both must show the same cells, the cursor in the same place.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pyte
import pytest
from pty_session import PtySession, coop_tui
from rich.color import Color
from rich.style import Style
from terminal_cells import shown_cells
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from tui.factory import make_app
from tui.ui.app import PLAIN_WRITES
from tui.ui.terminal_writes import DEFAULT, ShortWrites, sgr_change, short_writes_driver


def terminal(columns: int, lines: int) -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(columns, lines)
    return screen, pyte.Stream(screen)


def show(stream: pyte.Stream, data: str) -> None:
    # The tty turns a newline into CR LF on its way to the terminal.
    stream.feed(data.replace("\n", "\r\n"))


COLOURS = [
    None,
    Color.parse("#101418"),
    Color.parse("#e2e6ea"),
    Color.parse("#4fa3d9"),
    Color.parse("color(52)"),
    Color.parse("red"),
    Color.parse("bright_green"),
]


def random_style(pick: random.Random) -> Style:
    return Style(
        color=pick.choice(COLOURS),
        bgcolor=pick.choice(COLOURS),
        bold=pick.random() < 0.3,
        dim=pick.random() < 0.1,
        italic=pick.random() < 0.2,
        underline=pick.random() < 0.2,
        reverse=pick.random() < 0.2,
        strike=pick.random() < 0.1,
        blink=pick.random() < 0.05,  # a code ShortWrites sends as it comes
        link="https://example.org/a" if pick.random() < 0.05 else None,
    )


def random_frame(pick: random.Random, columns: int, lines: int) -> str:
    """A frame as Textual's compositor writes one: rows of runs, each after a move."""
    parts = ["\x1b[?2026h"]
    rows = sorted(pick.sample(range(lines), pick.randint(1, lines)))
    for n, y in enumerate(rows):
        x = pick.randrange(columns)
        for _ in range(pick.randint(1, 4)):
            if x >= columns:
                break
            parts.append(f"\x1b[{y + 1};{x + 1}H")
            for _ in range(pick.randint(0, 4)):
                width = pick.randint(1, max(1, columns - x))
                text = pick.choice([" " * width, "word " * width])[: columns - x]
                if not text:
                    break
                parts.append(random_style(pick).render(text))
                x += len(text)
            # The next widget's piece of the row, or a move to nothing; now and
            # then one that overwrites the end of this one, or starts further left.
            x = max(0, x + pick.choice([1, 2, 6, 0, -3, -12]))
        if pick.random() < 0.05:
            parts.append("\x1b[2K")  # an erase, which fills with the current background
        if n < len(rows) - 1:
            parts.append("\n")
    parts.append(f"\x1b[{pick.randint(1, lines)};{pick.randint(1, columns)}H")
    parts.append("\x1b[?2026l")
    return "".join(parts)


def test_every_frame_shows_the_same_screen_in_fewer_bytes() -> None:
    pick = random.Random(20261201)
    columns, lines = 30, 8
    raw_screen, raw = terminal(columns, lines)
    short_screen, short = terminal(columns, lines)
    writes = ShortWrites()
    raw_bytes = short_bytes = 0
    # As Textual starts: text past the right edge does not wrap.
    show(raw, "\x1b[?7l")
    show(short, writes.feed("\x1b[?7l"))
    for _ in range(300):
        frame = random_frame(pick, columns, lines)
        show(raw, frame)
        # Cut anywhere, an escape too: what is cut off waits for the rest.
        cut = pick.randrange(len(frame))
        written = writes.feed(frame[:cut]) + writes.feed(frame[cut:]) + writes.end()
        raw_bytes += len(frame)
        short_bytes += len(written)
        show(short, written)
        assert shown_cells(short_screen) == shown_cells(raw_screen), frame
        assert (short_screen.cursor.x, short_screen.cursor.y) == (
            raw_screen.cursor.x,
            raw_screen.cursor.y,
        )
    assert short_bytes < raw_bytes


def test_a_run_of_the_same_style_is_sent_once_and_only_what_changes() -> None:
    text = Style.parse("#e2e6ea on #101418")
    grey = Style.parse("#9a9ea2 on #101418")
    frame = (
        "\x1b[3;5H" + text.render("Facts ") + "\n"
        "\x1b[4;5H" + text.render("more text ") + grey.render("[1]") + "\n"
        "\x1b[5;5H" + text.render("last")
    )
    written = ShortWrites().feed(frame)
    # The style once (from an unknown state: a reset first), the grey as a
    # foreground alone, back to the text's; no reset after each run, no newline
    # before a move.
    assert written == (
        "\x1b[3;5H\x1b[0;38;2;226;230;234;48;2;16;20;24mFacts "
        "\x1b[4;5Hmore text \x1b[38;2;154;158;162m[1]"
        "\x1b[5;5H\x1b[38;2;226;230;234mlast"
    )


def test_spaces_keep_the_terminals_foreground_and_a_reversed_space_is_a_background() -> None:
    text = Style.parse("bold #e2e6ea on #101418")
    pad = Style.parse("on #101418")
    thumb = Style.parse("reverse #1f4158 on #101418")
    written = ShortWrites().feed(
        "\x1b[1;1H" + text.render("Title") + pad.render("   ") + "\x1b[1;20H" + thumb.render(" ")
    )
    assert written == (
        "\x1b[1H\x1b[0;1;38;2;226;230;234;48;2;16;20;24mTitle   \x1b[20G\x1b[48;2;31;65;88m "
    )


def test_a_frame_goes_column_by_column_when_that_is_shorter() -> None:
    page = Style.parse("#e2e6ea on #101418")
    thumb = Style.parse("on #1f4158")
    frame = "".join(
        f"\x1b[{row};2H" + page.render(f"line {row}") + f"\x1b[{row};9H" + thumb.render(" ") + "\n"
        for row in (1, 2, 3)
    )
    writes = ShortWrites()
    writes.feed("\x1b[?7l")
    # The page's rows, then the scrollbar's cells: each style once.
    assert writes.feed(frame + "\x1b[1;1H") == (
        "\x1b[1;2H\x1b[0;38;2;226;230;234;48;2;16;20;24mline 1\x1b[2;2Hline 2\x1b[3;2Hline 3"
        "\x1b[1;9H\x1b[48;2;31;65;88m \x1b[2;9H \x1b[3;9H "
    )
    assert writes.end() == "\x1b[1H"


def test_the_shortest_change_of_style() -> None:
    bold_faint = (frozenset({"1", "2"}), "31", None)
    faint = (frozenset({"2"}), "31", None)
    # 22 ends bold and faint both: faint is set again.
    assert sgr_change(bold_faint, faint) == "\x1b[22;2m"
    assert sgr_change(faint, DEFAULT) == "\x1b[0m"
    assert sgr_change(None, faint) == "\x1b[0;2;31m"
    assert sgr_change(DEFAULT, faint) == "\x1b[2;31m"
    underlined = (frozenset({"1", "4"}), "38;2;1;2;3", "48;2;4;5;6")
    # Everything changes: from scratch is shorter than each change.
    assert sgr_change(underlined, (frozenset({"7"}), "31", "41")) == "\x1b[0;7;31;41m"


def test_what_it_does_not_know_goes_as_it_came_and_the_shell_finds_no_style_left() -> None:
    writes = ShortWrites()
    written = writes.feed(
        "\x1b[1;1H\x1b[5;31mblink\x1b[0m\x1b[2;1H"
        + Style.parse("red").render("x")
        + "\x1b]0;title\x07\x1b[?1049l"
    )
    assert "\x1b[5;31m" in written and "\x1b]0;title\x07" in written
    # Leaving the alternate screen (coop-tui ends, or is suspended): the style
    # is reset before, as Textual's own writes leave it.
    assert written.endswith("\x1b[0m\x1b[?1049l")


def test_only_a_terminal_driver_writes_through_it() -> None:
    driver = short_writes_driver(LinuxDriver)
    assert issubclass(driver, LinuxDriver) and driver is not LinuxDriver
    assert short_writes_driver(HeadlessDriver) is HeadlessDriver


def test_the_app_writes_through_it_unless_asked_for_plain_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(App, "get_driver_class", lambda self: LinuxDriver)
    app = make_app(lang="en")
    monkeypatch.delenv(PLAIN_WRITES, raising=False)
    assert app.get_driver_class() is not LinuxDriver
    monkeypatch.setenv(PLAIN_WRITES, "0")
    assert app.get_driver_class() is not LinuxDriver
    monkeypatch.setenv(PLAIN_WRITES, "1")
    assert app.get_driver_class() is LinuxDriver


# -- what a ↓ in the tree writes, in a real terminal -------------------------------

_SGR = re.compile(rb"\x1b\[[0-9;]*m")
_MOVE = re.compile(rb"\x1b\[(\d*)(?:;(\d*))?H|\x1b\[(\d*)G")
_TOKEN = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|[^\x1b]+")


def written_rows(data: bytes) -> set[int]:
    """The rows (0-based) that a stretch of output prints text on."""
    rows: set[int] = set()
    row = -1
    for token in _TOKEN.findall(data):
        move = _MOVE.fullmatch(token)
        if move is not None:
            if move.group(3) is None:
                row = int(move.group(1) or 1) - 1
        elif not token.startswith(b"\x1b") and token.strip(b"\r\n"):
            rows.add(row)
    return rows


@pytest.mark.e2e
def test_a_down_in_the_tree_writes_only_rows_that_change_and_each_style_once(
    tmp_path: Path,
) -> None:
    env = dict(
        os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color", COLORTERM="truecolor"
    )
    session = PtySession([coop_tui(), "--lang", "en"], size=(80, 24), env=env)
    try:
        assert session.wait_for("Trade")
        session.press("right")
        for _ in range(4):
            before = shown_cells(session.screen)
            start = len(session.output)
            session.press("down")
            data = bytes(session.output[start:])
            after = shown_cells(session.screen)
            changed = {y for y in range(24) if before[y] != after[y]}
            # Every row written shows something new (the tree's two, the
            # pane's title and the page's rows that differ); the title bar,
            # the key bar and the tree's other rows are not written at all.
            assert written_rows(data) <= changed, (sorted(written_rows(data)), sorted(changed))
            assert {0, 23}.isdisjoint(written_rows(data))
            # A style is sent where it changes: never two in a row, never a
            # reset before another. No newline before a move, and no move to
            # where nothing is written, but the one that ends each frame
            # (Textual puts the cursor where an input method would show).
            assert not re.search(rb"(\x1b\[[0-9;]*m){2}", data)
            assert b"\n" not in data
            idle = re.findall(rb"(\x1b\[[0-9;]*[HG])\x1b\[[0-9;]*[HG]", data)
            assert len(set(idle)) <= 1, idle
        session.press("q", settle=0)
        assert session.wait_exit(10) == 0
        # The shell after it finds the terminal's style reset.
        out = bytes(session.output)
        assert out.rfind(b"\x1b[0m") < out.rfind(b"\x1b[?1049l")
        assert not _SGR.search(out[out.rfind(b"\x1b[0m") + 4 :])
    finally:
        session.kill()
