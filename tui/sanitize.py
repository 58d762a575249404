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
- Characters that show nothing and so can hide text (a copied citation
  would carry it along unseen) -> the same "\\u00ad" text, or "\\U000e0041"
  past U+FFFF: the soft hyphen U+00AD, the combining grapheme joiner U+034F,
  the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the Khmer invisible
  vowels U+17B4/U+17B5, Mongolian variation selectors U+180B–U+180F, the
  braille blank U+2800, the object replacement U+FFFC, musical and
  hieroglyph format controls, the tag characters U+E0000–U+E007F (which spell
  out hidden ASCII), private-use characters (U+E000–U+F8FF, planes 15 and 16)
  and non-characters (U+FDD0–U+FDEF, and the last two of every plane).
- Joiners and selectors in runs -> the same text: a ZWJ, ZWNJ or variation
  selector next to another one (or at either end of the text) is how text is
  smuggled in invisible bits; a single one between two characters is how
  scripts and emoji use them.
- TAB -> spaces to the next multiple of four columns (`str.expandtabs`): a
  raw tab jumps to the terminal's tab stop, past a pane's border.

Emoji sequences that terminals and Rich measure differently are simplified,
so that a border after them stays in its column (tmux 3.3 draws "👍🏽" four
cells wide, Rich counts two; "❤️" one cell, Rich two):

- a single ZWJ is dropped: a family emoji shows as its members, a flag and
  a rainbow side by side, which every terminal draws at the width Rich counts;
- the emoji-presentation selector U+FE0F after a character Rich counts one
  cell wide is dropped (the text form, one cell everywhere);
- skin-tone modifiers U+1F3FB–U+1F3FF are dropped (the default tone).

Combining marks are left alone: several scripts need them and they cannot
move the cursor or reorder anything.

Markup-looking text (`[red]x`) is left alone on purpose: it is data, and the
views never parse it as markup.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

__all__ = ["TAB_SIZE", "clean_text", "has_control"]

TAB_SIZE = 4

_TAB = 0x09
_LF = 0x0A
_DEL = 0x7F
_ZWNJ, _ZWJ = 0x200C, 0x200D
_VS16 = 0xFE0F

# Format characters that reorder text or hide it (see the module docstring).
_INVISIBLE_FORMAT: tuple[int, ...] = (
    0x00AD,  # SOFT HYPHEN
    0x034F,  # COMBINING GRAPHEME JOINER
    0x061C,  # ARABIC LETTER MARK
    0x115F,  # HANGUL CHOSEONG FILLER
    0x1160,  # HANGUL JUNGSEONG FILLER
    0x17B4,  # KHMER VOWEL INHERENT AQ
    0x17B5,  # KHMER VOWEL INHERENT AA
    *range(0x180B, 0x1810),  # Mongolian variation selectors, vowel separator
    0x200B,  # ZERO WIDTH SPACE
    0x200E,  # LEFT-TO-RIGHT MARK
    0x200F,  # RIGHT-TO-LEFT MARK
    *range(0x2028, 0x202F),  # LINE/PARAGRAPH SEPARATOR, LRE RLE PDF LRO RLO
    *range(0x2060, 0x2065),  # WORD JOINER, invisible operators
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
    *range(0x206A, 0x2070),  # deprecated format characters
    0x2800,  # BRAILLE PATTERN BLANK
    0x3164,  # HANGUL FILLER
    0xFEFF,  # ZERO WIDTH NO-BREAK SPACE (BOM)
    0xFFA0,  # HALFWIDTH HANGUL FILLER
    *range(0xFFF0, 0xFFF9),  # unassigned specials
    *range(0xFFF9, 0xFFFD),  # interlinear annotation, OBJECT REPLACEMENT CHARACTER
    *range(0x13430, 0x13440),  # Egyptian hieroglyph format controls
    *range(0x1BCA0, 0x1BCA4),  # shorthand format controls
    *range(0x1D173, 0x1D17B),  # musical symbol format controls
)

# Ranges (first, last) of characters with no glyph of their own, shown by code.
_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0xE000, 0xF8FF),  # private use
    (0xFDD0, 0xFDEF),  # non-characters
    (0xE0000, 0xE007F),  # tags
    (0xF0000, 0x10FFFF),  # private use planes 15 and 16 (their non-characters too)
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0xF0000, 0x10000)),
)

_MODIFIERS = (0x1F3FB, 0x1F3FF)  # emoji skin tones
_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"  # variation selectors
_JOINERS = "\u200c\u200d"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (_TAB, _LF):
            table[code] = chr(0x2400 + code)
    table[_DEL] = "\u2421"
    for code in range(0x80, 0xA0):
        table[code] = f"\\x{code:02x}"
    for code in _INVISIBLE_FORMAT:
        table[code] = _code(code)
    return table


def _code(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_TABLE = _build_table()


def _ranges_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in ranges)


# Everything clean_text may change. Almost no text holds any of it: finding none
# is much faster than cleaning, and returns the very string given (no copy of
# every text). Built from the tables themselves, so the two can never disagree.
_SUSPECT = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in sorted(_TABLE))
    + _ranges_class(_INVISIBLE_RANGES + (_MODIFIERS,))
    + "\t"
    + _JOINERS
    + _SELECTORS
    + "]"
)
_UNSEEN = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in sorted(_TABLE))
    + _ranges_class(_INVISIBLE_RANGES)
    + "]"
)
# A run of joiners and selectors: kept or shown by code in `_joiners`.
_RUN = re.compile(f"([{_JOINERS}{_SELECTORS}]+)")
_MODIFIER = re.compile(_ranges_class((_MODIFIERS,)).join("[]"))


def clean_text(s: str) -> str:
    """Return `s` with every character that could drive the terminal or hide text made visible."""
    if _SUSPECT.search(s) is None:
        return s
    s = s.translate(_TABLE)
    s = _UNSEEN.sub(lambda found: _code(ord(found.group())), s)
    s = _RUN.sub(_joiners, s)
    s = _MODIFIER.sub("", s)
    if "\t" in s:
        s = s.expandtabs(TAB_SIZE)
    return s


def _joiners(found: re.Match[str]) -> str:
    """A run of joiners and selectors: what a script or an emoji needs, else their codes.

    Needed: one selector right after a character, then at most one joiner
    between that character and the next.
    """
    run, text = found.group(), found.string
    before = text[found.start() - 1] if found.start() else ""
    after = text[found.end()] if found.end() < len(text) else ""
    kept: list[str] = []
    rest = run
    if rest[0] not in _JOINERS and before and not before.isspace():
        selector, rest = rest[0], rest[1:]
        if not (ord(selector) == _VS16 and cell_len(before) == 1):
            kept.append(selector)  # else the text form: one cell, as terminals draw it
    if len(rest) == 1 and rest in _JOINERS and before.strip() and after.strip():
        # A ZWJ is dropped (see the module docstring); a ZWNJ stays.
        return "".join(kept) + ("" if rest == "\u200d" else rest)
    return "".join(kept) + "".join(_code(ord(ch)) for ch in rest)


def has_control(s: str) -> bool:
    """Whether `s` holds a character that `clean_text` would change."""
    return clean_text(s) != s
