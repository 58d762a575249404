from __future__ import annotations

import pytest
from rich.cells import cell_len
from wcwidth import wcwidth

from tui.sanitize import clean_text, has_control


def test_plain_text_is_unchanged() -> None:
    text = "Кирилл Поляков said:\n«[red]x[/red]» — 3 млрд $ ≥ 100 %"
    assert clean_text(text) == text
    assert not has_control(text)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x00", "\u2400"),  # NUL -> ␀
        ("\x07", "\u2407"),  # BEL
        ("\x08", "\u2408"),  # BS
        ("\x0b", "\u240b"),  # VT
        ("\x0c", "\u240c"),  # FF
        ("\r", "\u240d"),  # CR: would let the rest of a line overwrite its start
        ("\x1b", "\u241b"),  # ESC -> ␛
        ("\x1f", "\u241f"),
        ("\x7f", "\u2421"),  # DEL -> ␡
        ("\x80", "\\x80"),
        ("\x9b", "\\x9b"),  # C1 CSI
        ("\x9f", "\\x9f"),
    ],
)
def test_control_characters_become_visible(raw: str, shown: str) -> None:
    assert clean_text(f"a{raw}b") == f"a{shown}b"
    assert has_control(raw)


def test_newline_stays_and_tabs_become_spaces() -> None:
    # A raw tab jumps to the terminal's tab stop, over a pane's border.
    assert clean_text("a\tb\nc") == "a   b\nc"
    assert clean_text("\tx\n12345\ty") == "    x\n12345   y"
    assert has_control("\t")


def test_escape_sequences_are_defused() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x1b]52;c;aGk=\x07"
    cleaned = clean_text(hostile)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    assert cleaned == "␛]0;pwned␇␛[2J\\x9b31m␛]52;c;aGk=␇"


def test_every_control_character_is_replaced() -> None:
    controls = [chr(c) for c in range(0xA0) if c < 0x20 or c >= 0x7F]
    for ch in controls:
        expected_same = ch == "\n"
        assert (clean_text(ch) == ch) is expected_same, hex(ord(ch))


def test_characters_next_to_the_ranges_stay() -> None:
    # ZWNJ/ZWJ sit right next to the zero-width space and the bidi marks.
    for ch in (" ", "~", "\xa0", "\u2400", "\u202f", "\u2070", "\u00ac", "\u00ae", "\u27ff"):
        assert clean_text(ch) == ch
    # A single joiner between two letters (alone, it joins nothing: see below).
    assert clean_text("a\u200cb") == "a\u200cb"


@pytest.mark.parametrize(
    "code",
    [
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0x200E,
        0x200F,
        0x061C,
        0x2028,
        0x2029,
        0x200B,
        0x2060,
        0xFEFF,
    ],
)
def test_bidi_separators_and_zero_width_show_as_their_code(code: int) -> None:
    # Reordering ("Trojan Source"), line-breaking and invisible characters become
    # visible text a maintainer can search the data file for.
    assert clean_text(f"a{chr(code)}b") == f"a\\u{code:04x}b"
    assert has_control(chr(code))


def test_combining_marks_single_joiners_and_wide_text_are_kept() -> None:
    # A ZWNJ between letters, a variation selector after a wide emoji or an
    # ideograph, combining accents, CJK: text, not control.
    text = "می\u200cخواهم 😀\ufe0f 葛\U000e0100 e\u0301\u0308 漢字 Z\u0351\u0352\u0357"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "code",
    [
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        *(0x115F, 0x1160, 0x3164, 0xFFA0),  # Hangul fillers
        0x2800,  # braille blank
        0xFFFC,  # object replacement
        *(0xE000, 0xF8FF, 0xF0000, 0x10FFFD),  # private use
        *(0xFDD0, 0xFFFE, 0x1FFFF, 0x10FFFF),  # non-characters
        *(0xE0000, 0xE0041, 0xE007F),  # tags
        0x1D173,  # musical format control
    ],
)
def test_characters_that_show_nothing_show_as_their_code(code: int) -> None:
    shown = f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    assert clean_text(f"a{chr(code)}b") == f"a{shown}b"


def test_tag_characters_cannot_smuggle_a_hidden_message() -> None:
    hidden = "".join(chr(0xE0000 + ord(ch)) for ch in "rm -rf")
    cleaned = clean_text(f"Minsk{hidden}")
    assert cleaned == "Minsk" + "".join(f"\\U{0xE0000 + ord(ch):08x}" for ch in "rm -rf")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\u200c\u200cb", "a\\u200c\\u200cb"),  # a run of joiners: hidden bits
        ("a\u200d\u200c\u200db", "a\\u200d\\u200c\\u200db"),
        ("\u200dab", "\\u200dab"),  # a joiner at the start joins nothing
        ("ab\u200c", "ab\\u200c"),
        ("a \u200cb", "a \\u200cb"),
        ("😀\ufe00\ufe01\ufe02", "😀\ufe00\\ufe01\\ufe02"),  # selectors after the first
        ("\ufe0fx", "\\ufe0fx"),
    ],
)
def test_runs_of_joiners_and_selectors_show_as_their_code(raw: str, shown: str) -> None:
    assert clean_text(raw) == shown


# Emoji sequences that Rich (by grapheme) and terminals (tmux 3.3, xterm, pyte:
# by code point) measure differently; measured by hand in tmux 3.3a.
WIDE = {
    "skin tone": ("\U0001f44d\U0001f3fd", "\U0001f44d"),
    "family": ("\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f468\U0001f469\U0001f467"),
    "keycap": ("1\ufe0f\u20e3", "1\u20e3"),
    "heart": ("\u2764\ufe0f", "\u2764"),
    "rainbow flag": ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\U0001f308"),
    "technologist": ("\U0001f469\u200d\U0001f4bb", "\U0001f469\U0001f4bb"),
}


def terminal_width(text: str) -> int:
    return sum(max(0, wcwidth(ch)) for ch in text)


@pytest.mark.parametrize("name", sorted(WIDE))
def test_emoji_sequences_are_measured_as_terminals_draw_them(name: str) -> None:
    raw, cleaned = WIDE[name]
    assert clean_text(raw) == cleaned
    assert cell_len(raw) != terminal_width(raw)
    assert cell_len(cleaned) == terminal_width(cleaned)
