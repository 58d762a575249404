"""The same screen in fewer bytes: what Textual writes to the terminal, re-encoded.

Textual writes every run of one style as a full SGR escape (24-bit foreground
and background, about 33 bytes) and a reset after it, a newline after each
updated row though a cursor move follows, a cursor move for every widget's
piece of a row (even one it then writes nothing to), and a frame row by row,
so that the page's row and the scrollbar's cell beside it change the style
twice a row. A ↓ in the tree repaints some 25 short rows: most of its bytes
were these. Over SSH every key pays them.

`ShortWrites` takes the stream as Textual wrote it and gives the terminal a
shorter one that leaves every cell, and the terminal's state where anything
could read it, as the original would:

- the style is set only where a character is printed (or before any escape
  it could matter to: an erase fills with the current background), and then
  only what changed from the style the terminal has (`0;...` from scratch
  when that is shorter, or when the terminal's style is not known); spaces
  keep whatever foreground, bold or italic the terminal has (they show none
  of it), and a reversed space is sent as a space on that background;
- a cursor move is sent only before something is printed at the new place
  (a move followed by another is dropped), as a column move within the row
  the cursor is known to be on; a newline followed by a move is dropped
  (Textual never means to scroll: at the bottom row it would scroll the
  screen behind its back);
- a frame is sent column by column when that is shorter (see `_send_pieces`).

Escapes it does not know go through unchanged, once the cursor and the style
are where the stream had them; after them the terminal's style counts as
unknown, as anything (a restore, a reset) may have changed it. Modes that
concern neither (synchronised output, the mouse, the cursor shown) and links
go through as they are. The style is left as it is between frames: leaving
the alternate screen (as coop-tui ends or is suspended) is such an unknown
escape, so the terminal's style is reset before it, and what runs after
coop-tui finds the terminal as it was. (The watchdog in lifecycle.py, which
restores a terminal whose App no longer answers, resets it too.)

`short_writes_driver` makes a Textual driver class that writes through it; the App
uses it for a real terminal (Textual's public `App.get_driver_class`; the
headless driver of the tests, the web driver and Windows' are left as they are).
Textual calls the driver's `flush` after each frame: the last cursor move, where
Textual puts the cursor for an input method, is sent then.
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
# DEC private modes that switch screens or save and restore the cursor (and
# with it the style): any other mode switch touches neither.
_SAVES_CURSOR = {"1048", "1049", "47", "1047"}
# CSI sequences that do not change the style (erases, inserts, deletes, cursor
# moves, scrolls), and those of them that keep the cursor on its row.
_KEEPS_STYLE = frozenset("JKXLMP@ABCDEFGHSTfd`ae")
_KEEPS_ROW = frozenset("JKXP@")
# CSI parameters that make a sequence private (not an SGR even if it ends in m).
_PRIVATE = ("?", ">", "<", "=")


# What `_apply` and `sgr_change` found before: a screen uses a few dozen styles,
# and each frame asks the same questions hundreds of times.
_MEMO_LIMIT = 4096
_applied: dict[tuple[Sgr | None, str], Sgr | bool | None] = {}
_changes: dict[tuple[Sgr | None, Sgr], str] = {}


def _apply(style: Sgr | None, params: str) -> Sgr | bool | None:
    """The style after SGR `params`; False if a code is not one we re-encode."""
    key = (style, params)
    found = _applied.get(key, _applied)
    if found is not _applied:
        return found  # type: ignore[return-value]
    if len(_applied) > _MEMO_LIMIT:
        _applied.clear()
    result = _applied[key] = _apply_codes(style, params)
    return result


def _apply_codes(style: Sgr | None, params: str) -> Sgr | bool | None:
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
    key = (have, want)
    found = _changes.get(key)
    if found is None:
        if len(_changes) > _MEMO_LIMIT:
            _changes.clear()
        found = _changes[key] = _sgr_change(have, want)
    return found


def _sgr_change(have: Sgr | None, want: Sgr) -> str:
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


class _Piece:
    """Text at a known place: a cursor move, then styles and text, nothing else.

    (A plain class: a dataclass costs some 0.5 ms to make, and this module is
    imported before the first frame.)
    """

    __slots__ = ("after", "column", "has_text", "parts", "row", "want")

    def __init__(self, row: int, column: int, want: Sgr, after: Sgr) -> None:
        self.row = row
        self.column = column
        self.want = want  # the stream's style before it
        self.after = after  # and after it
        self.parts: list[str | Sgr] = []  # text, or a new style
        self.has_text = False


class ShortWrites:
    """Re-encodes a stream of terminal output; keeps what the terminal's state is between writes."""

    def __init__(self) -> None:
        self.have: Sgr | None = None  # the terminal's style (None: not known)
        # The style the stream has set so far (None: not known). Textual starts
        # from none: its first run's codes go from a reset.
        self.want: Sgr | None = DEFAULT
        self.row: int | None = None  # the cursor's row, 1-based, when known
        self.move: tuple[int, int] | None = None  # a cursor move not sent yet
        # Whether text past the right edge wraps onto the next row (Textual turns it off).
        self.wrap = True
        self._cut = ""  # the start of an escape that the next write completes

    # ------------------------------------------------------------ sending

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
                # The terminal's own foreground, a bright one under bold, a faint one.
                return None
            attrs, bg = attrs - {"7"}, "48" + want[1][2:]
        if _SHOWS_ON_BLANK & attrs:
            return None
        return (have[0] - _SHOWS_ON_BLANK, have[1], bg)

    def _text(self, text: str, out: list[str]) -> None:
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

    # ------------------------------------------------------------ reading

    def feed(self, data: str) -> str:
        """The bytes to send for `data`."""
        data, self._cut = self._cut + data, ""
        cut = _CUT.search(data)
        if cut is not None:
            data, self._cut = data[: cut.start()], data[cut.start() :]
        out: list[str] = []
        group: list[_Piece] = []
        for item in self._read(data):
            if isinstance(item, _Piece):
                group.append(item)
                continue
            self._send_pieces(group, out)
            group = []
            self._send_token(item, out)
        self._send_pieces(group, out)
        return "".join(out)

    def _read(self, data: str) -> list[_Piece | re.Match[str]]:
        """`data` as pieces of text at a known place, and the escapes between them."""
        items: list[_Piece | re.Match[str]] = []
        tokens = list(_TOKEN.finditer(data))
        piece: _Piece | None = None
        want = self.want
        for index, token in enumerate(tokens):
            kind = token.lastgroup
            if kind == "text" and piece is not None:
                piece.parts.append(token.group())
                piece.has_text = True
                continue
            if kind == "final" and not token["inter"]:
                params, final = token["params"], token["final"]
                if final == "m" and not params.startswith(_PRIVATE):
                    style = _apply(want, params)
                    if isinstance(style, tuple) and piece is not None:
                        piece.parts.append(style)
                        want = piece.after = style
                        continue
                    want = style if isinstance(style, tuple) else None
                elif final == "H" and want is not None:
                    cup = _CUP.match(params)
                    if cup is not None:
                        piece = _Piece(int(cup[1] or 1), int(cup[2] or 1), want, want)
                        items.append(piece)
                        continue
            elif kind == "nl":
                after = tokens[index + 1] if index + 1 < len(tokens) else None
                if not self._newline_needed(after):
                    continue
            piece = None
            items.append(token)
        return items

    def _newline_needed(self, after: re.Match[str] | None) -> bool:
        """False if a cursor move follows: the newline would only move the cursor.

        (Textual's screen has no scrolling: at the bottom row such a newline
        would scroll the screen behind its back.)
        """
        if after is None or after["final"] != "H" or after["inter"]:
            return True
        return _CUP.match(after["params"]) is None

    def _send_pieces(self, group: list[_Piece], out: list[str]) -> None:
        """Send pieces of text, in the order that takes the fewest bytes.

        Textual writes a frame row by row, and on each row the pieces of its
        widgets from left to right: the page's row, then the scrollbar's cell
        beside it, then the next row, so the style changes twice a row. Sent
        column by column (every piece at one column, top to bottom, then the
        next column), pieces of one widget follow each other. Either order ends
        with the same cells: pieces on different rows never touch (text does
        not wrap), and on each row they still go from left to right. Only for
        a group that ends with a cursor move (as Textual's frames do), which
        puts the cursor where the stream leaves it whatever the order.
        """
        if not group:
            return
        texts = [piece for piece in group if piece.has_text]
        last = group[-1]
        park = None if last.has_text else (last.row, last.column)
        orders = [texts]
        if park is not None and not self.wrap and len(texts) > 1:
            by_column = sorted(texts, key=lambda piece: piece.column)
            rows: dict[int, list[int]] = {}
            for piece in texts:
                rows.setdefault(piece.row, []).append(piece.column)
            if all(columns == sorted(columns) for columns in rows.values()):
                orders.append(by_column)
        start = (self.have, self.row, self.move)
        best: tuple[str, Sgr | None, int | None] | None = None
        for order in orders:
            self.have, self.row, self.move = start
            sent = self._encode(order)
            if best is None or len(sent) < len(best[0]):
                best = (sent, self.have, self.row)
        assert best is not None
        out.append(best[0])
        self.have, self.row = best[1], best[2]
        self.move = park if park is not None else None
        self.want = last.after

    def _encode(self, pieces: list[_Piece]) -> str:
        out: list[str] = []
        for piece in pieces:
            self.move = (piece.row, piece.column)
            self.want = piece.want
            for part in piece.parts:
                if isinstance(part, str):
                    self._text(part, out)
                else:
                    self.want = part
        return "".join(out)

    def _send_token(self, token: re.Match[str], out: list[str]) -> None:
        kind = token.lastgroup
        if kind == "text":
            self._text(token.group(), out)
        elif kind == "nl":
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

    def _csi(self, sequence: str, params: str, final: str, out: list[str]) -> None:
        if final == "m" and not params.startswith(_PRIVATE):
            style = _apply(self.want, params)
            if isinstance(style, tuple):
                self.want = style
                return
            # A code not re-encoded here: sent as it came, after the style so far.
            self._settle(out)
            self._style(out)
            out.append(sequence)
            self.have = self.want = None
            return
        cup = _CUP.match(params) if final == "H" else None
        if cup is not None:
            self.move = (int(cup[1] or 1), int(cup[2] or 1))
            return
        if final in ("h", "l") and params.startswith("?"):
            modes = set(params[1:].split(";"))
            if not modes & _SAVES_CURSOR:
                # A mode switch (synchronised output, mouse, focus, paste, the
                # cursor shown): neither the cursor nor the style matter to it.
                if "7" in modes:
                    self.wrap = final == "h"
                out.append(sequence)
                return
        if not params.startswith(_PRIVATE) and final in _KEEPS_STYLE:
            # An erase, an insert or a cursor move: it leaves the style as it is.
            self._settle(out)
            self._style(out)
            out.append(sequence)
            if final not in _KEEPS_ROW:
                self.row = None
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
