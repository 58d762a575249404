from __future__ import annotations

import pytest

from tui.sanitize import clean_text, has_control


def test_plain_text_is_unchanged() -> None:
    text = "Кирилл Поляков\tsaid:\n«[red]x[/red]» — 3 млрд $ ≥ 100 %"
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


def test_tab_and_newline_stay() -> None:
    assert clean_text("a\tb\nc") == "a\tb\nc"


def test_escape_sequences_are_defused() -> None:
    hostile = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x1b]52;c;aGk=\x07"
    cleaned = clean_text(hostile)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    assert cleaned == "␛]0;pwned␇␛[2J\\x9b31m␛]52;c;aGk=␇"


def test_every_control_character_is_replaced() -> None:
    controls = [chr(c) for c in range(0xA0) if c < 0x20 or c >= 0x7F]
    for ch in controls:
        expected_same = ch in "\t\n"
        assert (clean_text(ch) == ch) is expected_same, hex(ord(ch))


def test_characters_next_to_the_ranges_stay() -> None:
    # ZWNJ/ZWJ sit right next to the zero-width space and the bidi marks.
    for ch in (" ", "~", "\xa0", "\u2400", "\u200c", "\u200d", "\u202f", "\u2070"):
        assert clean_text(ch) == ch


@pytest.mark.parametrize(
    "code",
    [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
     0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0x200B, 0x2060, 0xFEFF],
)
def test_bidi_separators_and_zero_width_show_as_their_code(code: int) -> None:
    # Reordering ("Trojan Source"), line-breaking and invisible characters become
    # visible text a maintainer can search the data file for.
    assert clean_text(f"a{chr(code)}b") == f"a\\u{code:04x}b"
    assert has_control(chr(code))


def test_emoji_sequences_combining_marks_and_wide_text_are_kept() -> None:
    # ZWJ emoji, a variation selector, combining accents, CJK: text, not control.
    text = "👩\u200d💻 ❤\ufe0f e\u0301\u0308 漢字 Z\u0351\u0352\u0357"
    assert clean_text(text) == text
