"""Every character accounted for on the screen, in citations and in exports (issue 14):
tabs, invisible characters, wide emoji sequences and decomposed letters."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from helpers import screen_lines
from rich.text import Text
from wcwidth import wcwidth

from tui.links import ItemRef, PageRef
from tui.loader import load_dataset
from tui.render import MATCH, build_page, citation
from tui.report import markdown_report, write_text_report
from tui.search import highlighter
from tui.ui.app import CoopApp

WIDE_AND_TABS = (
    "\\t\\u0422\\u0430\\u0431\\t\\u0433\\u0440\\u0430\\u0444",  # tabs in Cyrillic
    "\\U0001f44d\\U0001f3fd thumbs",
    "\\U0001f468\\u200d\\U0001f469\\u200d\\U0001f467 family",
    "1\\ufe0f\\u20e3 keycap",
    "\\U0001f1e7\\U0001f1fe flag",
    "\\u2764\\ufe0f heart",
    "\\U0001f3f3\\ufe0f\\u200d\\U0001f308 rainbow",
    "\\u0939\\u093f\\u0928\\u094d\\u0926\\u0940 \\u0915\\u094d\\u0937\\u093f",  # Devanagari
)
HIDDEN = "Minsk\\U000e0072\\U000e006d soft\\u00adhyphen filler\\u3164 blank\\u2800"


def data(tmp_path: Path) -> Path:
    topics = "".join(
        f'[[topic]]\nid = "t{i}"\ntitle = "{title}"\n'
        f'[[topic.fact]]\ntext = "{HIDDEN}"\nsource = "s"\n\n'
        for i, title in enumerate(WIDE_AND_TABS)
    )
    file = tmp_path / "chars.toml"
    file.write_text('[[source]]\nid = "s"\ntitle = "S"\n\n' + topics, encoding="utf-8")
    return file


def terminal_width(line: str) -> int:
    """The cells a terminal that measures code point by code point (tmux 3.3, xterm) uses.

    wcwidth counts a regional indicator (half a flag) two cells; tmux and xterm
    draw it in one, so a flag takes two, as Rich counts it (measured in tmux 3.3a).
    It counts a spacing mark none; they draw it in one.
    """
    return sum(1 if _one_cell(ch) else max(0, wcwidth(ch)) for ch in line)


def _one_cell(ch: str) -> bool:
    # wcwidth counts a spacing mark (the vowel sign in "हि") no cells; tmux, xterm
    # and VTE give it one (measured in tmux 3.3a: "हिन्दी" takes five).
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF or unicodedata.category(ch) == "Mc"


async def test_tabs_and_emoji_keep_every_row_as_wide_as_the_screen(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([data(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in WIDE_AND_TABS:
            await pilot.press("j")
        await pilot.pause()
        for row in screen_lines(app):
            assert "\t" not in row
            # A row the terminal draws wider pushes the tree's border (and
            # everything right of it) out of its column.
            assert terminal_width(row) == 80, row


def test_hidden_characters_show_in_citations_and_every_export(tmp_path: Path) -> None:
    dataset = load_dataset([data(tmp_path)])
    shown = "Minsk\\U000e0072\\U000e006d soft\\u00adhyphen filler\\u3164 blank\\u2800"
    cited = citation(dataset, PageRef("topic", "t0"), "en", ItemRef("t0", "fact", 0))
    out = io.StringIO()
    write_text_report(out, dataset, "en", width=100)
    for text in (cited, out.getvalue(), markdown_report(dataset, "en").replace("\\\\", "\\")):
        assert shown in text
        for hidden in ("\U000e0072", "\u00ad", "\u3164", "\u2800", "\t"):
            assert hidden not in text


def test_a_decomposed_letter_is_highlighted_with_its_whole_word() -> None:
    marks = highlighter("елка")
    text = "Е\u0308лка и ёлка"
    assert [text[a:b] for a, b in marks(text)] == ["Е\u0308лка", "ёлка"]


def test_search_highlight_on_a_page_covers_the_decomposed_word(tmp_path: Path) -> None:
    file = tmp_path / "e.toml"
    file.write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n\n[[topic]]\nid = "t"\ntitle = "T"\n'
        'summary = "Новогодняя е\\u0308лка"\n',
        encoding="utf-8",
    )
    page = build_page(load_dataset([file]), PageRef("topic", "t"), "ru", highlighter("елка"))
    summary = page.blocks[1]
    assert isinstance(summary, Text)
    spans = [summary.plain[s.start : s.end] for s in summary.spans if s.style == MATCH]
    assert spans == ["е\u0308лка"]
