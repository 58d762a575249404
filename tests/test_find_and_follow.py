"""Search, the palette, links and backlinks, history, bookmarks and copying, driven by keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from drive import (
    key_event,
    palette,
    search,
    search_line_text,
    settle,
    type_text,
    wait_for_page,
    wait_until,
)
from helpers import screen_lines, screen_text
from rich.text import Text
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from tui.factory import make_app
from tui.links import PageRef
from tui.render import MATCH
from tui.ui.app import CoopApp
from tui.ui.screens import BookmarksScreen, IndexScreen, TimelineScreen
from tui.ui.widgets import DetailPane, SearchBar, TopicTree

SIZE = (100, 30)
PHARMA = PageRef("topic", "pharma.biocad-geropharm")
GOMSELMASH = PageRef("organisation", "gomselmash")
TRACTORS = PageRef("topic", "industry.tractors")
PTZ = PageRef("organisation", "ptz")


def tree_labels(app: CoopApp) -> list[str]:
    tree = app.query_one(TopicTree)
    found: list[str] = []
    stack = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        found.append(str(node.label))
        stack.extend(reversed(node.children))
    return found


async def tab_to_link(pilot: Pilot[None], target: PageRef, limit: int = 80) -> None:
    pane = pilot.app.query_one(DetailPane)
    for _ in range(limit):
        link = pane.current_link
        if link is not None and link.target == target:
            return
        await pilot.press("tab")
    raise AssertionError(f"no link to {target} on the page")


# ---------------------------------------------------------------- search


async def test_keys_arriving_in_one_burst_after_slash_all_reach_the_search_line() -> None:
    # Over SSH a `/` and the query typed after it can arrive in one read; the
    # tree must not take the letters (an `l` there would switch the language).
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for character in "/gomselmsh":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await pilot.pause()
        await wait_until(
            pilot,
            lambda: not any(bar.typing for bar in app.query(SearchBar)),
            "the search line to report what was typed",
        )
        await settle(pilot)
        assert app.lang == "en"
        assert app.query_one(SearchBar).value == "gomselmsh"
        assert "Tractors" in " ".join(tree_labels(app))


@pytest.mark.parametrize("size", [(40, 12), SIZE])
async def test_a_key_just_before_slash_acts_where_it_was_typed(size: tuple[int, int]) -> None:
    # `/` acts as it arrives; a Tab typed just before it was still on its way
    # through the page and came back to the App's keys after the search line
    # had opened, where it moved the focus off the line: the query went nowhere.
    app = make_app(lang="ru")
    async with app.run_test(size=size) as pilot:
        await pilot.press("tab")  # to the page
        assert isinstance(app.focused, DetailPane)
        for key, character in [("tab", "\t"), ("slash", "/"), *[(c, c) for c in "фарм"]]:
            app.post_message(events.Key(key, character))
        await wait_until(
            pilot,
            lambda: search_line_text(app) == "фарм",
            "the query typed after the Tab and the slash",
        )
        assert isinstance(app.focused, Input)
        assert app.main.searching


@pytest.mark.parametrize(
    ("key", "view", "typed"),
    [
        ("t", TimelineScreen, "ab"),  # the timeline's `/` is its filter
        ("i", IndexScreen, "ab"),
        ("ctrl+p", CommandPalette, "/ab"),
    ],
)
async def test_a_slash_right_after_a_key_that_opens_a_view_is_that_view_s(
    key: str, view: type[Screen[object]], typed: str
) -> None:
    # The `/` waits for the key before it; when that key opened a view, the
    # search line opening under it waited for good, and every key after it
    # with it: coop-tui took no more keys. Typed in a burst, the keys now do
    # what they do typed one by one.
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in (key, "slash", "a", "b"):
            app.post_message(key_event(name))

        def field() -> list[str]:
            return [line.value for line in app.screen.query(Input)]

        await wait_until(
            pilot,
            lambda: isinstance(app.screen, view) and field() == [typed],
            f"{typed!r} in the field of the view {key!r} opened",
        )
        assert not app.main.searching
        await pilot.press("c")
        assert field() == [typed + "c"]


async def test_a_slash_typed_in_a_query_or_the_palette_is_a_character() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "a", "slash", "b")
        assert app.query_one(SearchBar).value == "a/b"
        await pilot.press("escape", "ctrl+p")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, CommandPalette) and bool(app.screen.query(Input)),
            "the palette to open",
        )
        await pilot.press("a", "slash", "b")
        await settle(pilot)  # the palette gathers its matches in a worker
        assert isinstance(app.screen, CommandPalette)
        assert [field.value for field in app.screen.query(Input)] == ["a/b"]


async def test_slash_biocad_enter_opens_the_pharma_topic_and_narrows_the_tree() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "Biocad")
        screen = screen_text(app)
        assert "/ search: Biocad" in screen
        assert "2/3 pages · 8 matches" in screen  # the best match is selected
        assert f"Topics · 2 of {len(app.dataset.topics)}" in screen
        # Every page found, topics first, then each kind under its heading with a count.
        assert tree_labels(app) == ["Pharma", "Biocad and Geropharm", "Organisations · 1", "Biocad"]
        assert app.page == PHARMA  # the pane follows the selected result while typing
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == PHARMA
        screen = screen_text(app)
        assert "Pharma › Biocad and Geropharm" in screen
        assert "2/3 pages" in screen
        assert app.focused is app.query_one(TopicTree)


async def test_matched_words_are_highlighted_in_the_tree_and_the_pane() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "biocad")
        await pilot.press("enter")
        await pilot.pause()
        node = app.query_one(TopicTree).cursor_node
        assert node is not None and isinstance(node.label, Text)
        marked = [node.label.plain[s.start : s.end] for s in node.label.spans if s.style == MATCH]
        assert marked == ["Biocad"]
        pane = app.query_one(DetailPane)
        assert pane.page is not None
        in_pane = {
            block.plain[s.start : s.end]
            for block in pane.page.blocks
            if isinstance(block, Text)
            for s in block.spans
            if s.style == MATCH
        }
        assert in_pane == {"Biocad"}


async def test_search_ignores_case_diacritics_and_small_typos_in_russian() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "ГОМСЕЛЬМАШ")
        assert "Тракторы" in " ".join(tree_labels(app))
        await pilot.press("escape")
        await search(pilot, "гомсельмащ")  # one letter off
        assert "Тракторы" in " ".join(tree_labels(app))


async def test_letters_typed_in_the_search_line_are_text_not_commands() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "qljnbyB[?")
        assert app.is_running
        assert app.lang == "en"
        assert app.query_one(SearchBar).value == "qljnbyB[?"
        assert app.bookmarks == []
        assert "no matches" in screen_text(app)


async def test_n_and_shift_n_step_through_matches_and_escape_restores_the_tree() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "enter")  # Industry, expanded
        before = tree_labels(app)
        assert "Tractors" in before
        await search(pilot, "Gomselmash")
        # The list: Industry, Tractors, then Organisations: Gomselmash, PTZ.
        await pilot.press("enter")
        await pilot.pause()
        first = app.page
        assert first == TRACTORS
        assert "2/4 pages" in screen_text(app)
        await pilot.press("n")
        assert app.page == GOMSELMASH
        assert "3/4 pages" in screen_text(app)
        await pilot.press("n")
        assert app.page == PTZ
        await pilot.press("N", "N")
        assert app.page == first
        await pilot.press("N", "N")  # wraps to the last page
        assert app.page == PTZ
        assert "4/4 pages" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert tree_labels(app) == before
        assert not app.query_one(SearchBar).is_open
        assert "Topics ─" in screen_text(app)


async def test_escape_while_typing_puts_the_tree_and_page_back() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j")  # Trade
        before = tree_labels(app)
        await search(pilot, "biocad")
        assert tree_labels(app) != before
        await pilot.press("escape")
        await pilot.pause()
        assert tree_labels(app) == before
        assert app.topic_id == "trade"


# ---------------------------------------------------------------- palette, entity pages, links


async def test_palette_gomselmash_opens_its_page_with_mentioned_in() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await palette(pilot, "Gomselmash")
        assert not isinstance(app.screen, CommandPalette)
        assert app.page == GOMSELMASH
        screen = screen_text(app)
        assert "Organisation › Gomselmash" in screen
        assert "Mentioned in" in screen
        assert "Industry › Tractors" in screen


async def test_palette_shows_pages_in_both_languages_with_their_kind() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Гомсельмаш")
        await settle(pilot)
        screen = screen_text(app)
        assert "Gomselmash · «Гомсельмаш»" in screen
        assert "Organisation" in screen
        assert "Topic" in screen


async def test_russian_entity_page_says_upominaetsya_v() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE, notifications=True):
        app.open_page(GOMSELMASH)
        await app.workers.wait_for_complete()
        assert "Упоминается в" in screen_text(app)


async def test_from_gomselmash_the_keyboard_reaches_tractors_then_ptz() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await palette(pilot, "Gomselmash")
        app.query_one(TopicTree).focus()
        await pilot.press("tab")
        pane = app.query_one(DetailPane)
        assert app.focused is pane
        await tab_to_link(pilot, TRACTORS)
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == TRACTORS
        assert "Industry › Tractors" in screen_text(app)
        await tab_to_link(pilot, PTZ)
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == PTZ
        screen = screen_text(app)
        assert "Petersburg Tractor Plant (PTZ)" in screen
        assert "Mentioned in" in screen


async def test_tab_past_the_last_link_leaves_the_pane() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_page(PageRef("place", "minsk"))
        await pilot.pause()
        pane = app.query_one(DetailPane)
        await pilot.press("tab")
        assert app.focused is pane
        assert pane.page is not None
        for _ in pane.page.links:
            await pilot.press("tab")
            assert app.focused is pane
        await pilot.press("tab")
        assert app.focused is not pane
        assert pane.link_cursor is None


async def test_clicking_a_link_follows_it() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_page(GOMSELMASH)
        await pilot.pause()
        lines = screen_lines(app)
        row = next(i for i, line in enumerate(lines) if "▸ Industry › Tractors" in line)
        column = lines[row].index("▸ Industry › Tractors") + 4
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.page == TRACTORS


async def test_data_that_looks_like_markup_or_actions_stays_inert_in_links(tmp_path: Path) -> None:
    (tmp_path / "d.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "[@click=app.quit]src[/]"\n'
        '[[organisation]]\nid = "o"\nname = "[@click=app.quit]x[/]"\n'
        '[[topic]]\nid = "t"\ntitle = "[bold]T"\nmentions = ["o"]\n'
        '[[topic.fact]]\ntext = "f"\nsource = "s"\nmentions = ["o"]\n',
        encoding="utf-8",
    )
    app = make_app([tmp_path], lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("tab")
        await tab_to_link(pilot, PageRef("organisation", "o"))
        lines = screen_lines(app)
        row = next(i for i, line in enumerate(lines) if "[@click=app.quit]x[/]" in line)
        await pilot.click(offset=(lines[row].index("[@click") + 2, row))
        await pilot.pause()
        assert app.is_running
        assert app.page == PageRef("organisation", "o")
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await search(pilot, "click")
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        await palette(pilot, "src")
        assert app.is_running
        assert app.page == PageRef("source", "s")
        assert "[@click=app.quit]src[/]" in screen_text(app)


# ---------------------------------------------------------------- history


async def test_bracket_goes_back_to_pharma_and_forward_again() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "Biocad")
        await pilot.press("enter")
        await pilot.pause()
        await palette(pilot, "Gomselmash")
        assert app.page == GOMSELMASH
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.page == PHARMA
        assert "Pharma › Biocad and Geropharm" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.page == GOMSELMASH
        await pilot.press("alt+left")
        assert app.page == PHARMA
        await pilot.press("alt+right")
        assert app.page == GOMSELMASH


async def test_history_records_tree_moves_and_links() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j")  # Industry, from the tree
        app.open_page(GOMSELMASH)
        await pilot.pause()
        assert app.main.history.current == GOMSELMASH
        await pilot.press("left_square_bracket")
        assert app.page == PageRef("topic", "industry")
        await pilot.press("left_square_bracket")
        assert app.page == PageRef("topic", "center")
        assert app.query_one(TopicTree).cursor_node.data == "center"  # type: ignore[union-attr]
        await pilot.press("left_square_bracket")
        assert "nothing further back" in screen_text(app)


# ---------------------------------------------------------------- bookmarks


async def test_bookmark_survives_a_restart(state_home: Path) -> None:
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "Biocad")
        await pilot.press("enter", "b")
        await pilot.pause()
        assert "Bookmarked: Biocad and Geropharm" in screen_text(app)
        assert "★ Pharma › Biocad and Geropharm" in screen_text(app)
        await pilot.press("q")
    saved = json.loads((state_home / "state.json").read_text(encoding="utf-8"))
    assert saved["bookmarks"] == [["topic", "pharma.biocad-geropharm"]]
    assert not [p for p in state_home.iterdir() if p.name != "state.json"]  # no temp file left

    again = make_app(lang="en", remember=True)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        assert again.bookmarks == [PHARMA]
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(again.screen, BookmarksScreen)
        assert "Pharma › Biocad and Geropharm" in screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        assert again.page == PHARMA
        assert "Biocad and Geropharm ★" in tree_labels(again)
        await pilot.press("b")
        assert again.bookmarks == []
    saved = json.loads((state_home / "state.json").read_text(encoding="utf-8"))
    assert saved["bookmarks"] == []


async def test_bookmarks_are_in_the_palette() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_page(GOMSELMASH)
        await pilot.press("b")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "★ bookmark · Organisation" in screen_text(app)


async def test_a_corrupt_state_file_is_a_notice_not_a_crash(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    (state_home / "state.json").write_text("{not json", encoding="utf-8")
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "not valid JSON" in screen_text(app)
        assert app.bookmarks == []
        await pilot.press("b")
        assert app.bookmarks == [PageRef("topic", "center")]
    assert json.loads((state_home / "state.json").read_text(encoding="utf-8"))["bookmarks"]


# ---------------------------------------------------------------- copying


async def test_y_copies_a_citation_with_its_date_and_source() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "Biocad")
        await pilot.press("enter", "y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith(
            "Pharma › Biocad and Geropharm: The St Petersburg companies Biocad"
        )
        assert "2025-09-29" in copied
        assert "Kirill Polyakov at INNOPROM. Belarus in Minsk" in copied
        screen = screen_text(app)
        assert "Sent to the terminal clipboard (OSC 52)" in screen and "Copied" not in screen


async def test_y_on_a_quote_cites_who_said_it_when_and_where() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "distribute production volumes")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“We distribute production volumes")
        assert "— Kirill Polyakov, Vice-Governor of St Petersburg, 2025-09-29" in copied
        assert "Source: Kirill Polyakov at INNOPROM" in copied


async def test_y_on_a_fact_with_a_url_includes_the_url() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search(pilot, "350 million roubles")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“In the first half of 2024 PTZ supplied tractors")
        source = app.dataset.sources[app.dataset.topics["industry.tractors"].facts[2].source]
        assert source.url and source.url in copied


async def test_bookmarks_keep_the_remembered_theme(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    (state_home / "state.json").write_text('{"theme": "coop-light"}', encoding="utf-8")
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "coop-light"
        await pilot.press("b")
    saved = json.loads((state_home / "state.json").read_text(encoding="utf-8"))
    assert saved == {"theme": "coop-light", "bookmarks": [["topic", "center"]]}


async def test_without_remember_bookmarks_touch_no_file(state_home: Path) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert app.bookmarks == [PageRef("topic", "center")]
    assert not state_home.exists()


async def test_the_link_under_the_cursor_is_scrolled_into_view_on_a_small_screen() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("j", "tab")  # Industry; into the pane, which builds its page
        await wait_for_page(pilot, PageRef("topic", "industry"))
        await pilot.press("tab")  # its first link
        link = app.query_one(DetailPane).current_link
        assert link is not None and link.target.kind == "source"
        assert "[1]" in screen_text(app)
        await pilot.press("enter")
        assert app.page == link.target
        assert "Kirill Polyakov at INNOPROM" in screen_text(app)  # the source page, from its top


async def test_escape_after_stepping_to_an_organisation_keeps_its_page() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "Gomselmash")
        await pilot.press("enter", "n")
        assert app.page == GOMSELMASH
        await pilot.press("escape")
        await pilot.pause()
        assert app.page == GOMSELMASH
        assert "Organisation › Gomselmash" in screen_text(app)
        assert tree_labels(app)[:4] == ["Center", "Industry", "Pharma", "Trade"]


async def test_a_reload_keeps_the_open_page_and_searches_the_new_data(tmp_path: Path) -> None:
    import shutil

    from tui.loader import load_dataset
    from tui.paths import bundled_data_path

    data = tmp_path / "data"
    shutil.copytree(bundled_data_path(), data)
    app = make_app([data], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        app.open_page(GOMSELMASH)
        await search(pilot, "Gomselmash")
        entities = data / "entities.toml"
        entities.write_text(
            entities.read_text(encoding="utf-8").replace(
                'en = "Gomselmash" }', 'en = "Gomselmash Agroholding" }'
            ),
            encoding="utf-8",
        )
        app.data_reloaded(load_dataset([data]))
        await settle(pilot)
        assert app.page == GOMSELMASH
        assert not app.query_one(SearchBar).is_open
        assert "Gomselmash Agroholding" in screen_text(app)
        await search(pilot, "Agroholding")
        assert "1/1 page · 1 match" in screen_text(app)  # the organisation's name, no topic
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == GOMSELMASH


async def test_after_switching_language_search_finds_russian_words() -> None:
    # Only the reader's language is indexed at start; the other is built on the switch.
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()  # indexing starts after the first paint
        await app.workers.wait_for_complete()
        assert app.main.search_index.is_ready("en") and not app.main.search_index.is_ready("ru")
        await pilot.press("L")
        await search(pilot, "биокад")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == PHARMA
        assert "Фармацевтика ›" in screen_text(app)


async def test_switching_language_keeps_the_matches_and_says_so_in_the_new_language() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await search(pilot, "Biocad")
        await pilot.press("enter")  # the best match; the tree has the keys again
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        screen = screen_text(app)
        assert app.lang == "ru"
        assert f"Темы · 2 из {len(app.dataset.topics)}" in screen
        assert "2/3 стр. · 8 совп." in screen
        assert tree_labels(app) == [
            "Фармацевтика",
            "«Биокад» и «Герофарм»",
            "Организации · 1",
            "«Биокад»",
        ]
        await pilot.press("n")
        await pilot.pause()
        assert "3/3 стр." in screen_text(app)
