"""The footer: the keys of the focused pane or mode, the most needed kept, always within the width."""

from __future__ import annotations

from typing import Any

import pytest
from drive import search
from helpers import screen_lines
from textual.app import App
from textual.pilot import Pilot

from tui.factory import make_app
from tui.i18n import label
from tui.model import Lang
from tui.ui.widgets import DetailPane, KeyBar

# What a reader needs most in the tree, kept at 80 columns (the key as shown, its word).
NEEDED_AT_80 = (
    ("↑↓", "foot.move"),
    ("⏎", "foot.open"),
    ("Tab", "foot.pane"),
    ("/", "foot.search"),
    ("[", "foot.back"),
    ("y", "foot.copy"),
    ("?", "foot.help"),
    ("q", "foot.quit"),
)


async def _footer(app: App[Any], pilot: Pilot[Any]) -> str:
    await pilot.pause()
    return screen_lines(app)[-1]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [40, 60, 80, 120])
async def test_the_footer_fits_every_width_in_every_mode(lang: Lang, width: int) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()

        def check(mode: str, *needed: str) -> None:
            bar = app.screen.query_one(KeyBar)
            line = bar.render()
            # Every hint whole: nothing cut at the right edge.
            assert line.cell_len <= width, (mode, line.plain)
            for hint in bar.shown():
                assert hint.word in line.plain, (mode, hint.word)
            for word in needed:
                assert label(word, lang) in line.plain, (mode, word, line.plain)

        check("tree", "foot.quit", "foot.help", "foot.move")
        if width >= 80:
            line = await _footer(app, pilot)
            for key, word in NEEDED_AT_80:
                assert f"{key} {label(word, lang)}" in line, (key, line)
        await pilot.press("tab")
        assert app.focused is app.query_one(DetailPane)
        check("detail", "foot.quit", "foot.help", "foot.scroll")
        await search(pilot, "maz")
        check("search", "foot.clear", "foot.open")
        await pilot.press("escape")
        await pilot.press("B")
        await pilot.pause()
        check("bookmarks", "foot.close")


async def test_the_footer_follows_the_focused_pane_and_mode() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 24)) as pilot:
        tree_line = await _footer(app, pilot)
        assert "⏎ open" in tree_line and "Tab pane" in tree_line
        assert "n/N next" not in tree_line  # no search yet
        await pilot.press("tab")
        detail_line = await _footer(app, pilot)
        assert (
            "⏎ follow" in detail_line and "Esc topics" in detail_line and "↑↓ scroll" in detail_line
        )
        await pilot.press("escape")
        await search(pilot, "biocad")
        search_line = await _footer(app, pilot)
        assert "↑↓ result" in search_line and "Esc clear" in search_line
        assert "q quit" not in search_line  # q is a letter to type here
        await pilot.press("enter")
        line = await _footer(app, pilot)
        assert "n/N next" in line and "Esc clear" in line
        await pilot.press("B")
        line = await _footer(app, pilot)
        assert "d/Del delete" in line or "d delete" in line
        assert "Esc close" in line


async def test_a_click_on_a_footer_key_presses_it_in_the_focused_pane() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("Tab"), 0))
        await pilot.pause()
        assert app.focused is app.query_one(DetailPane)
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("Esc"), 0))
        await pilot.pause()
        assert app.focused is not app.query_one(DetailPane)
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("/ search"), 0))
        await pilot.pause()
        assert app.query_one("#search-input").has_focus


async def test_one_pane_at_a_time_keeps_the_keys_to_the_other_pane() -> None:
    for lang in ("en", "ru"):
        app = make_app(lang=lang)
        async with app.run_test(size=(40, 12)) as pilot:
            line = await _footer(app, pilot)
            assert f"Tab {label('foot.pane', lang)}" in line, line
            await pilot.press("tab")
            line = await _footer(app, pilot)
            assert f"Esc {label('foot.tree', lang)}" in line, line


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [40, 80, 120])
async def test_every_key_and_word_on_the_footer_is_clickable_where_it_is_drawn(
    lang: Lang, width: int
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        line = bar.render().plain
        # Each key as drawn, then its word (which presses the first key).
        expected = [
            (piece, name)
            for hint in bar.shown()
            for piece, name in (*[(g, n) for n, g in hint.keys], (f" {hint.word}", hint.keys[0][0]))
        ]
        assert [(line[start:end], name) for start, end, name in bar._spans] == expected
        assert all(
            bar.key_at(start) == bar.key_at(end - 1) == name for start, end, name in bar._spans
        )


async def test_a_bindings_refresh_that_keeps_the_keys_leaves_the_footer_unwritten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual refreshes the bindings on every move of the focus, mostly to the
    # same keys: each repaint of the footer would be a row written to the
    # terminal (over SSH) for nothing.
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        drawn: list[str] = []
        render = bar.render

        def counted() -> Any:
            line = render()
            drawn.append(line.plain)
            return line

        monkeypatch.setattr(bar, "render", counted)
        app.screen.refresh_bindings()
        await pilot.pause()
        assert drawn == []
        # Keys that differ are drawn.
        await pilot.press("tab")
        assert app.focused is app.query_one(DetailPane)
        await pilot.pause()
        assert drawn
        assert label("foot.scroll", "en") in screen_lines(app)[-1]
