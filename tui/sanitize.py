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
- Invisible format characters that reorder or hide text -> the text
  "\\u202e" (backslash, u, four hex digits), for the same reason:
  bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
  and the marks U+200E, U+200F, U+061C, which let a string display in an
  order other than the one it is stored in ("Trojan Source") and, in
  terminals that do bidi, spill into the rest of the line; the line and
  paragraph separators U+2028/U+2029, which some terminals and
  `str.splitlines` treat as line breaks; and zero-width characters with no
  job in running text (U+200B, U+2060–U+2064, U+FEFF, U+180E, U+206A–U+206F,
  U+FFF9–U+FFFB), which hide where a word really breaks.
  ZWJ and ZWNJ (U+200C/U+200D), variation selectors and combining marks
  are left alone: emoji sequences and several scripts need them, and they
  cannot move the cursor or reorder anything.

Markup-looking text (`[red]x`) is left alone on purpose: it is data, and the
views never parse it as markup.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "has_control"]

_TAB = 0x09
_LF = 0x0A
_DEL = 0x7F

# Format characters that reorder text or hide it (see the module docstring).
_INVISIBLE_FORMAT: tuple[int, ...] = (
    0x061C,  # ARABIC LETTER MARK
    0x180E,  # MONGOLIAN VOWEL SEPARATOR
    0x200B,  # ZERO WIDTH SPACE
    0x200E,  # LEFT-TO-RIGHT MARK
    0x200F,  # RIGHT-TO-LEFT MARK
    *range(0x2028, 0x202F),  # LINE/PARAGRAPH SEPARATOR, LRE RLE PDF LRO RLO
    *range(0x2060, 0x2065),  # WORD JOINER, invisible operators
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
    *range(0x206A, 0x2070),  # deprecated format characters
    0xFEFF,  # ZERO WIDTH NO-BREAK SPACE (BOM)
    *range(0xFFF9, 0xFFFC),  # interlinear annotation
)


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
    for code in _INVISIBLE_FORMAT:
        table[code] = f"\\u{code:04x}"
    return table


_TABLE = _build_table()
# Almost no text holds a control character: finding none is much faster than
# translating, and returns the very string given (no copy of every text).
# Built from the table itself, so the two can never disagree.
_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def clean_text(s: str) -> str:
    """Return `s` with terminal control characters replaced by visible stand-ins."""
    if _CONTROL.search(s) is None:
        return s
    return s.translate(_TABLE)


def has_control(s: str) -> bool:
    """Whether `s` holds a character that `clean_text` would replace."""
    return _CONTROL.search(s) is not None
