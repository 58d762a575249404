"""Drive coop-tui by keys, as a reader would, and assert what the screen shows."""

from __future__ import annotations

from pathlib import Path

from drive import settle, type_text
from helpers import screen_text
from textual.widget import Widget

from tui.factory import make_app
from tui.screens import HelpScreen
from tui.widgets import DetailPane, TopicTree

SIZE = (80, 24)


async def test_first_screen_shows_the_five_roots_in_order() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE):
        labels = [str(n.label) for n in app.query_one(TopicTree).root.children]
        titles = [t.label("en") for t in app.dataset.roots]
        assert labels == titles
        assert [t.id for t in app.dataset.roots] == [
            "center",
            "industry",
            "pharma",
            "trade",
            "relations",
        ]
        screen = screen_text(app)
        for title in titles:
            assert title in screen
        # The detail pane opens on the first topic without pressing Enter.
        assert app.topic_id == "center"


async def test_walking_to_trade_shows_turnover_bars_against_both_targets() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("j", "j", "j")
        assert app.topic_id == "trade"
        screen = screen_text(app)
        assert "Target $3.0bn" in screen
        assert "Target $4.0bn" in screen
        # The 2025 target has no 2025 figure: an empty bar, the 2024 one as context.
        assert "≥100 %" not in screen and "no 2025 figure reported yet" in screen
        assert "≥75 %" in screen
        assert "more than $3.0bn" in screen
        assert "By period, USD bn" in screen and "sources disagree" in screen
        # Each figure carries a source marker, and the sources are listed.
        assert "[1]" in screen


async def test_detail_pane_follows_the_cursor_up_and_down() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert app.topic_id == "industry"
        assert "Industry" in screen_text(app)
        await pilot.press("k")
        assert app.topic_id == "center"
        await pilot.press("G")
        assert app.topic_id == app.dataset.roots[-1].id
        await pilot.press("g")
        assert app.topic_id == "center"


async def test_enter_and_space_expand_and_collapse_and_h_goes_back() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        tree = app.query_one(TopicTree)
        center = tree.cursor_node
        assert center is not None and not center.is_expanded
        await pilot.press("enter")
        assert center.is_expanded
        children = app.dataset.children("center")
        assert children and children[0].label("en") in screen_text(app)
        await pilot.press("j")
        assert app.topic_id == children[0].id
        await pilot.press("h")
        assert app.topic_id == "center"
        await pilot.press("h")
        assert not center.is_expanded
        await pilot.press("space")
        assert center.is_expanded
        await pilot.press("space")
        assert not center.is_expanded
        await pilot.press("right")
        assert center.is_expanded


async def test_tab_moves_to_the_detail_pane_which_scrolls_with_the_same_keys() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")  # Trade: a long page
        await pilot.press("tab")
        detail = app.query_one(DetailPane)
        assert app.focused is detail
        assert detail.max_scroll_y > 0
        await pilot.press("j", "j")
        assert detail.scroll_y == 2
        await pilot.press("G")
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("g")
        assert detail.scroll_y == 0
        await pilot.press("pagedown")
        assert detail.scroll_y > 2
        await pilot.press("shift+tab")
        focused: Widget | None = app.focused  # moved by the key
        assert focused is app.query_one(TopicTree)


async def test_capital_l_switches_everything_to_russian_and_back() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert app.lang == "ru"
        screen = screen_text(app)
        for root in app.dataset.roots:
            assert root.label("ru") in screen
        assert "Темы" in screen  # the tree's own title
        assert "помощь" in screen  # the key bar
        assert app.dataset.roots[0].title.get("ru") in screen  # the detail pane
        assert "Topics" not in screen
        await pilot.press("L")
        lang: str = app.lang  # switched back by the key
        assert lang == "en"
        assert "Topics" in screen_text(app)


async def test_lang_option_starts_in_russian() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE):
        assert "Центр" in screen_text(app)


async def test_question_mark_shows_every_key_and_closes() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        screen = screen_text(app)
        for must in ("Tab", "Ctrl+P", "q", "?", "L", "PgUp", "d Del", "delete the bookmark"):
            assert must in screen
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_ctrl_p_opens_the_command_palette_with_system_commands() -> None:
    from textual.command import CommandPalette

    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "quit")
        await settle(pilot)  # the palette gathers its matches in a worker
        assert "Quit" in screen_text(app)


async def test_markup_in_data_is_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "d.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "[bold]src"\n'
        '[[topic]]\nid = "t"\ntitle = "[red]x [/bold] [@click=app.quit]y[/]"\n'
        'summary = "[link=https://e.example]z[/link]"\n'
        '[[topic.fact]]\ntext = "a \\u001b]0;pwned\\u0007 b"\nsource = "s"\n',
        encoding="utf-8",
    )
    app = make_app([tmp_path], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_text(app)
        assert "[red]x [/bold] [@click=app.quit]y[/]" in screen
        assert "[link=https://e.example]z[/link]" in screen
        assert "\x1b" not in screen
        assert "␛]0;pwned" in screen
        await pilot.click("#detail")
        assert app.is_running


async def test_select_topic_opens_a_nested_topic_at_once() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.query_one(TopicTree).select_topic("industry.tractors")
        await pilot.pause()
        assert app.topic_id == "industry.tractors"
        assert "Industry › Tractors" in screen_text(app)
