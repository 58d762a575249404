"""The one place that edits Rich's width table (tui/cellwidth.py) still takes effect.

A new Rich that stores its tables otherwise makes this fail, rather than the
TUI silently drawing Devanagari rows wider than it laid them out.
"""

from __future__ import annotations

from rich.cells import cell_len

from tui import cellwidth


def test_spacing_marks_take_a_cell_and_other_marks_none() -> None:
    assert cellwidth.apply() is True
    assert cell_len("\u093f") == 1  # DEVANAGARI VOWEL SIGN I (Mc)
    # As tmux 3.3a draws them: "हिन्दी" five cells, "क्षि" three.
    assert cell_len("\u0939\u093f\u0928\u094d\u0926\u0940") == 5
    assert cell_len("\u0915\u094d\u0937\u093f") == 3
    # Non-spacing marks and wide characters keep their widths.
    assert cell_len("e\u0301") == 1
    assert cell_len("\u094d") == 0  # virama (Mn)
    assert cell_len("漢字") == 4
    assert cellwidth.apply() is True  # applying again changes nothing
    assert cell_len("\u093f") == 1
