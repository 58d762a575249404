"""Make text from data files safe to put on a terminal.

Rich and Textual pass most control characters straight to the terminal, so a
title holding ESC could clear the screen, retitle the window, plant an OSC 8
link or write the clipboard (OSC 52). TOML lets data carry them legitimately
(`"\\u001b"`), so every string is cleaned once, at load, and is then safe on
every output path (TUI, report, export).

Control characters are replaced, not dropped, so a maintainer sees that the
data holds something odd and where:

- C0 (U+0000–U+001F) except TAB and LF -> the Unicode Control Picture for
  that code (U+2400 + code): NUL -> "␀", ESC -> "␛", CR -> "␍".
  CR is replaced too: a bare CR would move the cursor back and let the rest
  of the line overwrite its start.
- DEL (U+007F) -> "␡" (U+2421).
- C1 (U+0080–U+009F) -> the text "\\x9b" (backslash, x, two hex digits).
  Unicode has no pictures for C1; U+FFFD would hide which code it was, and
  the escape-like text is what a maintainer would search the file for.

Markup-looking text (`[red]x`) is left alone on purpose: it is data, and the
views never parse it as markup.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "has_control"]

_TAB = 0x09
_LF = 0x0A
_DEL = 0x7F


def _build_table() -> dict[int, str]:
    # Precomputed once: str.translate with a dict runs in C and is the fastest
    # way to do this on every string of a data set.
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (_TAB, _LF):
            table[code] = chr(0x2400 + code)
    table[_DEL] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = f"\\x{code:02x}"
    return table


_TABLE = _build_table()
# Almost no text holds a control character: finding none is much faster than
# translating, and returns the very string given (no copy of every text).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(s: str) -> str:
    """Return `s` with terminal control characters replaced by visible stand-ins."""
    if _CONTROL.search(s) is None:
        return s
    return s.translate(_TABLE)


def has_control(s: str) -> bool:
    """Whether `s` holds a character that `clean_text` would replace."""
    return _CONTROL.search(s) is not None
