"""The same screen in fewer bytes: what Textual writes to the terminal, re-encoded.

Textual writes every run of one style as a full SGR escape (24-bit foreground
and background, about 33 bytes) and a reset after it, a newline after each
updated row though a cursor move follows, and a cursor move for every widget's
piece of a row, even one it then writes nothing to. A ↓ in the tree repaints
some 25 short rows: most of its bytes were these. Over SSH every key pays them.

`ShortWrites` takes the stream as Textual wrote it and gives the terminal a
shorter one that leaves every cell, and the terminal's state where anything
could read it, exactly as the original would:

- the style is set only where a character is printed (or before any escape
  it could matter to: an erase fills with the current background), and then
  only what changed from the style the terminal has (`0;...` from scratch
  when that is shorter, or when the terminal's style is not known);
- a cursor move is sent only before something is printed at the new place:
  a move followed by another move, or by a newline and a move, is dropped; a
  newline followed by a move further down is dropped (it cannot have scrolled);
  a move within the row the cursor is known to be on is sent as a column move.

Escapes it does not know (modes, links, erases) go through unchanged, after
the style is brought up to date; after them the terminal's style counts as
unknown, as anything (a restore, a reset) may have changed it. Every batch of
writes ends with the style reset, as Textual's own writes do, so what runs
after coop-tui (a shell, after a crash too) finds the terminal as it was.

`short_writes_driver` makes a Textual driver class that writes through it; the App
uses it for a real terminal (Textual's public `App.get_driver_class`; the
headless driver of the tests and the web driver are left as they are).
"""

from __future__ import annotations

import re
import threading
from typing import Optional

from textual.driver import Driver

# Attributes whose on and off codes are unambiguous in every terminal.
_OFF = {"1": "22", "2": "22", "3": "23", "4": "24", "7": "27", "9": "29"}

_SHOWS_ON_BLANK = frozenset({"4", "7", "9"})

# A terminal's style: (attributes, foreground, background) as SGR codes.
Sgr = tuple[frozenset[str], Optional[str], Optional[str]]
DEFAULT: Sgr = (frozenset(), None, None)

_TOKEN = re.compile(
    r"(?P<text>[^\x00-\x1f\x7f\x1b]+)"
    r"|\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~])"
    r"|(?P<nl>\n)"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"
    r"|(?P<other>\x1b[P_^X][^\x1b]*\x1b\\|\x1b[ -/]*[0-~]"
    r"|[\x00-\x1f\x7f]|\x1b)"
)
# An escape cut off at the end of a write: held back until the rest comes.
_CUT = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[P_^X][^\x1b]*\x1b?)?\Z")
_CUP = re.compile(r"(\d*)(?:;(\d*))?\Z")
# DEC private modes that touch neither the style nor the cursor (sync, mouse,
# focus, paste, cursor shown): the style known before them still holds.
_SAVES_CURSOR = {"1048", "1049", "47", "1047"}


def _apply(style: Sgr | None, params: str) -> Sgr | bool | None:
    """The style after SGR `params`; False if a code is not one we re-encode."""
    codes = params.split(";") if params else ["0"]
    attrs: set[str] = set(style[0]) if style is not None else set()
    fg = style[1] if style is not None else None
    bg = style[2] if style is not None else None
    known = style is not None
    index = 0
    while index < len(codes):
        code = codes[index]
        if code in ("", "0"):
            attrs, fg, bg, known = set(), None, None, True
        elif code in _OFF:
            attrs.add(code)
        elif code in ("22", "23", "24", "27", "29"):
            attrs -= {k for k, off in _OFF.items() if off == code}
        elif code in ("38", "48"):
            if codes[index + 1 : index + 2] == ["2"] and len(codes) >= index + 5:
                colour = ";".join(codes[index : index + 5])
                index += 4
            elif codes[index + 1 : index + 2] == ["5"] and len(codes) >= index + 3:
                colour = ";".join(codes[index : index + 3])
                index += 2
            else:
                return False
            if code == "38":
                fg = colour
            else:
                bg = colour
        elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
            fg = code
        elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
            bg = code
        elif code == "39":
            fg = None
        elif code == "49":
            bg = None
        else:
            return False
        index += 1
    if not known:
        return None
    return (frozenset(attrs), fg, bg)


def _full(style: Sgr) -> list[str]:
    codes = sorted(style[0])
    if style[1] is not None:
        codes.append(style[1])
    if style[2] is not None:
        codes.append(style[2])
    return codes


def sgr_change(have: Sgr | None, want: Sgr) -> str:
    """The shortest SGR escape that takes the terminal from `have` to `want`."""
    if have == want:
        return ""
    if want == DEFAULT:
        return "\x1b[0m"
    full = _full(want)
    if have is None:
        return "\x1b[0;" + ";".join(full) + "m"
    best = ";".join(full) if have == DEFAULT else "0;" + ";".join(full)
    offs = {_OFF[a] for a in have[0] - want[0]}
    ons = set(want[0] - have[0])
    if "22" in offs:
        # 22 ends bold and faint both: one that stays is set again.
        ons |= {a for a in ("1", "2") if a in want[0]}
    codes = sorted(offs) + sorted(ons)
    if want[1] != have[1]:
        codes.append(want[1] or "39")
    if want[2] != have[2]:
        codes.append(want[2] or "49")
    step = ";".join(codes)
    return "\x1b[" + (step if len(step) < len(best) else best) + "m"


class ShortWrites:
    """Re-encodes a stream of terminal output; keeps what the terminal's state is between writes."""

    def __init__(self) -> None:
        self.have: Sgr | None = None  # the terminal's style (None: not known)
        # The style the stream has set so far (None: not known). Textual starts
        # from none: its first run's codes go from a reset.
        self.want: Sgr | None = DEFAULT
        self.row: int | None = None  # the cursor's row, 1-based, when known
        self.move: tuple[int, int] | None = None  # a cursor move not sent yet
        self._cut = ""  # the start of an escape that the next write completes

    def _settle(self, out: list[str]) -> None:
        """Send the pending cursor move."""
        if self.move is None:
            return
        row, column = self.move
        self.move = None
        if row == self.row:
            out.append(f"\x1b[{column}G" if column != 1 else "\x1b[G")
        else:
            out.append(f"\x1b[{row};{column}H" if column != 1 else f"\x1b[{row}H")
        self.row = row

    def _style(self, out: list[str]) -> None:
        """Bring the terminal's style to the one the stream has set."""
        if self.want is None:
            return  # unknown either way: the raw escapes were sent as they came
        change = sgr_change(self.have, self.want)
        if change:
            out.append(change)
            self.have = self.want

    def _blank_style(self) -> Sgr | None:
        """The cheapest style that draws spaces as the stream's style does.

        A space shows only its background, unless underlined or struck through
        (the line shows) or reversed (the foreground is then the background:
        the same as that colour as background, when it is an explicit colour).
        So a space may keep the terminal's foreground and its bold, faint or
        italic. None: the stream's style itself.
        """
        have, want = self.have, self.want
        if have is None or want is None:
            return None
        attrs, bg = want[0], want[2]
        if "7" in attrs:
            if want[1] is None or not want[1].startswith("38;") or "2" in attrs:
                return None  # the terminal's own foreground, a bright one under bold, a faint one
            attrs, bg = attrs - {"7"}, "48" + want[1][2:]
        if _SHOWS_ON_BLANK & attrs:
            return None
        return (have[0] - _SHOWS_ON_BLANK, have[1], bg)

    def feed(self, data: str) -> str:
        """The bytes to send for `data`."""
        out: list[str] = []
        data, self._cut = self._cut + data, ""
        cut = _CUT.search(data)
        if cut is not None:
            data, self._cut = data[: cut.start()], data[cut.start() :]
        tokens = list(_TOKEN.finditer(data))
        for index, token in enumerate(tokens):
            kind = token.lastgroup
            if kind == "text":
                text = token.group()
                self._settle(out)
                blank = self._blank_style() if text.strip(" ") == "" else None
                if blank is None:
                    self._style(out)
                else:
                    change = sgr_change(self.have, blank)
                    if change:
                        out.append(change)
                        self.have = blank
                out.append(text)
            elif kind == "nl":
                if not self._newline_needed(tokens[index + 1] if index + 1 < len(tokens) else None):
                    continue
                self._settle(out)
                self._style(out)
                out.append("\n")
                self.row = None
            elif kind == "osc":
                # A link's start or end, a title: neither the cursor nor the style matter to it.
                out.append(token.group())
            elif kind == "final" and not token["inter"]:
                self._csi(token.group(), token["params"], token["final"], out)
            else:
                self._other(token.group(), out)
        return "".join(out)

    def _newline_needed(self, after: re.Match[str] | None) -> bool:
        """False if a cursor move follows: the newline would only move the cursor.

        (Textual's screen has no scrolling: at the bottom row such a newline
        would scroll the screen behind its back.)
        """
        if after is None or after["final"] != "H" or after["inter"]:
            return True
        return _CUP.match(after["params"]) is None

    def _csi(self, sequence: str, params: str, final: str, out: list[str]) -> None:
        if final == "m" and not params.startswith(("?", ">", "<", "=")):
            style = _apply(self.want, params)
            if style is False or style is None:
                # A code not re-encoded here: sent as it came, after the style so far.
                self._settle(out)
                self._style(out)
                out.append(sequence)
                self.have = self.want = None
            else:
                self.want = style  # type: ignore[assignment]
            return
        cup = _CUP.match(params) if final == "H" else None
        if cup is not None:
            self.move = (int(cup[1] or 1), int(cup[2] or 1))
            return
        if final in ("h", "l") and params.startswith("?"):
            if not set(params[1:].split(";")) & _SAVES_CURSOR:
                # A mode switch (synchronised output, mouse, focus, paste, the
                # cursor shown): neither the cursor nor the style matter to it.
                out.append(sequence)
                return
        self._other(sequence, out)

    def _other(self, sequence: str, out: list[str]) -> None:
        """Any other escape or control: as it came, with the cursor and style where the stream had them."""
        self._settle(out)
        self._style(out)
        out.append(sequence)
        self.have = None
        self.row = None

    def end(self) -> str:
        """What ends a batch of writes (a frame): the cursor put where the stream left it.

        The style is left as it is: the next frame starts from it. Anything
        that could see it (leaving the alternate screen as coop-tui ends or is
        suspended, an erase) comes through `feed`, which sets it first.
        """
        out: list[str] = []
        if self._cut:
            self._other(self._cut, out)
            self._cut = ""
        self._settle(out)
        return "".join(out)


def short_writes_driver(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class` writing through `ShortWrites`, if it is Textual's driver for a terminal on Linux/macOS.

    Other drivers (the tests' headless one, the web driver, Windows) are returned as they are.
    """
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # no termios: Windows
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class ShortWritesDriver(driver_class):  # type: ignore[valid-type,misc]
        _short_writes: ShortWrites | None = None
        _short_lock = threading.Lock()

        def write(self, data: str) -> None:
            with self._short_lock:
                if self._short_writes is None:
                    self._short_writes = ShortWrites()
                short = self._short_writes.feed(data)
                if short:
                    super().write(short)

        def flush(self) -> None:
            with self._short_lock:
                if self._short_writes is not None:
                    tail = self._short_writes.end()
                    if tail:
                        super().write(tail)
            super().flush()

    ShortWritesDriver.__name__ = ShortWritesDriver.__qualname__ = (
        "ShortWrites" + driver_class.__name__
    )
    return ShortWritesDriver
