"""One key table (tui/keymap.py) drives the bindings, the footer and the help: they agree."""

from __future__ import annotations

import re
from typing import Any

from drive import open_palette, search
from helpers import screen_text
from textual.app import App
from textual.binding import ActiveBinding

from tui.factory import make_app
from tui.i18n import label
from tui.keymap import KEYS, SCOPES, KeyDef, Scope, glyph, in_scope
from tui.model import Lang
from tui.ui.screens import BookmarksScreen, CitationScreen, HelpScreen
from tui.ui.screens.help import sections, title
from tui.ui.widgets import DetailPane, KeyBar, TitleBar, TopicTree

SIZE = (80, 24)


def _tokens(keys: str) -> list[str]:
    """The keys as written in the help: "Alt+← →" is Alt+← and Alt+→."""
    tokens: list[str] = []
    modifier = ""
    for token in keys.split():
        if "+" in token and len(token) > 1:
            modifier = token.rsplit("+", 1)[0] + "+"
            tokens.append(token)
        elif modifier and len(token) == 1 and not token.isalnum():
            tokens.append(modifier + token)
        else:
            modifier = ""
            tokens.append(token)
    return tokens


def _runs(active: dict[str, ActiveBinding], key: KeyDef) -> list[str]:
    """The keys of `key` that Textual would not hand to its action here."""
    wrong = []
    for name in key.keys:
        bound = active.get(name)
        ours = key.textual or (
            bound is not None and bound.binding.id == f"coop.{key.scope}.{key.action}"
        )
        if bound is None or bound.binding.action != key.action or not ours:
            wrong.append(name)
    return wrong


async def _check_scope(app: App[Any], scope: Scope) -> None:
    active = app.screen.active_bindings
    for key in in_scope(scope):
        assert not _runs(active, key), (scope, key.action, _runs(active, key))


async def test_every_key_in_the_table_runs_its_action_where_it_says() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        # A search on, so that n, N and Esc (clear) are live too.
        await search(pilot, "maz")
        await _check_scope(app, "search")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.query_one(TopicTree)
        await _check_scope(app, "tree")
        await _check_scope(app, "app")
        app.query_one(DetailPane).focus()
        await pilot.pause()
        await _check_scope(app, "detail")
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await _check_scope(app, "bookmarks")
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen)
        await _check_scope(app, "citation")
        await pilot.press("escape")
    # Pages to turn only where the help takes more than one screen.
    app = make_app(lang="en")
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.pages > 1
        await _check_scope(app, "help")


def test_every_action_in_the_table_exists() -> None:
    from tui.ui.app import CoopApp
    from tui.ui.widgets.search_bar import SearchInput

    owners = {
        "tree": TopicTree,
        "detail": DetailPane,
        "search": SearchInput,
        "app": CoopApp,
        "bookmarks": BookmarksScreen,
        "citation": CitationScreen,
        "help": HelpScreen,
    }
    for key in KEYS:
        action = key.action.split("(")[0]
        owner = owners[key.scope]
        if action.startswith("app."):
            owner, action = CoopApp, action[4:]
        if key.textual:
            continue  # the Input's and the OptionList's own Enter
        assert hasattr(owner, f"action_{action}"), (key.scope, action)


def test_the_help_lists_every_key_of_the_table_with_what_it_does() -> None:
    for lang in ("en", "ru"):
        rows = [row for _heading, entries in sections(lang) for row in entries]
        top = title(lang, 0, 2)
        for key in KEYS:
            what = label(key.help, lang)
            if key.scope == "help":
                line = top
            else:
                line = next(
                    (
                        k
                        for k, w in rows
                        if w == what and all(glyph(name) in _tokens(k) for name in key.keys)
                    ),
                    "",
                )
            for name in key.keys:
                assert glyph(name) in _tokens(line), (lang, key.scope, key.action, name, line)


def test_the_help_names_delete_and_every_sign() -> None:
    rows = {w: k for _h, entries in sections("en") for k, w in entries}
    assert "d Del" in rows["delete the bookmark"]
    signs = " ".join(k for _h, entries in sections("en")[-1:] for k, _w in entries)
    for sign in ("★", "≥", "░", "│", "┄", "█", "[1]", "▶", "▼"):
        assert sign in signs


async def test_help_fits_one_screen_at_80x24_in_both_languages() -> None:
    for lang in ("en", "ru"):
        app = make_app(lang=lang)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, HelpScreen)
            assert screen.pages == 1, lang
            text = screen_text(app)
            for heading, entries in sections(lang):
                assert heading in text
                for keys, _what in entries:
                    assert keys in text, (lang, keys)
            assert "1/" not in text


async def test_a_small_terminal_pages_the_help_and_says_which_page() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        total = screen.pages
        assert total > 2
        assert f"page 1/{total}" in screen_text(app)
        seen = set()
        for _ in range(total):
            seen.add(screen_text(app))
            await pilot.press("l")
            await pilot.pause()
        assert f"page 1/{total}" in screen_text(app)
        assert len(seen) == total
        # Every key of the table is on one page or another.
        everything = "\n".join(seen)
        for _heading, entries in sections("en"):
            for keys, _what in entries:
                assert keys in everything


async def test_palette_keys_opens_this_help_not_textuals_panel() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.action_show_help_panel()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")


async def test_l_expands_like_right_and_h_collapses_in_the_tree() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(TopicTree)
        center = tree.cursor_node
        assert center is not None and not center.is_expanded
        await pilot.press("l")
        assert center.is_expanded and app.lang == "en"
        await pilot.press("l")
        assert app.topic_id == app.dataset.children("center")[0].id
        await pilot.press("h")
        assert app.topic_id == "center"
        await pilot.press("h")
        assert not center.is_expanded


async def test_clicking_en_ru_chooses_the_language() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one(TitleBar)
        line = bar.render().plain

        def lang() -> Lang:
            return app.lang  # read afresh after each click

        await pilot.click(bar, offset=(line.index("RU"), 0))
        assert lang() == "ru"
        await pilot.click(bar, offset=(line.index("EN"), 0))
        assert lang() == "en"
        await pilot.click(bar, offset=(2, 0))  # the name: no switch
        assert lang() == "en"


async def test_the_palette_switches_the_language() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "language")
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "ru"


async def test_the_footer_shows_only_keys_of_the_table_and_each_click_presses_one() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 24)) as pilot:
        bar = app.query_one(KeyBar)
        words = {label(k.footer, "en") for k in KEYS if k.footer}
        for hint in bar.shown():
            assert hint.word in words
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("? help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("L ") + 3, 0))  # the word presses it too
        await pilot.pause()
        assert app.lang == "ru"
        # ↓ in "↑↓": the second glyph is its own key.
        line = bar.render().plain
        await pilot.click(bar, offset=(line.index("↓"), 0))
        await pilot.pause()
        assert app.topic_id == "industry"


def test_scopes_cover_the_table() -> None:
    assert {k.scope for k in KEYS} <= set(SCOPES)


def test_the_readme_keys_table_names_every_key_of_the_panes_and_everywhere() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Keys") : readme.index("### Find and follow")]
    quoted = set(re.findall(r"`([^`]+)`", section))
    for key in KEYS:
        if key.scope in ("tree", "detail", "search", "app"):
            for name in key.keys:
                assert glyph(name) in quoted, (key.scope, key.action, glyph(name))
