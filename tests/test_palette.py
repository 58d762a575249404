"""The command palette: coop-tui's own actions in the reader's language; files go where they can."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from drive import key_event, open_palette, settle, wait_until
from helpers import notice_texts, screen_text
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from tui.factory import make_app
from tui.outputs import output_dir
from tui.ui.palette import ACTIONS


async def _palette(pilot: Pilot[Any], query: str) -> str:
    await open_palette(pilot, query)
    return screen_text(pilot.app)


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("en", "language", "Language: Русский"),
        ("en", "bookmark", "Bookmark this page"),
        ("en", "export", "Export this page as Markdown"),
        ("en", "forward", "Forward"),
        ("en", "screenshot", "Screenshot (SVG)"),
        ("ru", "язык", "Язык: English"),
        ("ru", "закладк", "Закладка на эту страницу"),
        ("ru", "экспорт", "Экспорт страницы в Markdown"),
        ("ru", "справка", "Справка: клавиши"),
        ("ru", "тема", "Тема оформления"),
    ],
)
async def test_the_palette_finds_the_apps_own_actions(lang: str, query: str, title: str) -> None:
    app = make_app(lang=lang)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        assert title in await _palette(pilot, query)


async def test_every_palette_action_runs() -> None:
    app = make_app(lang="en")
    for _title, action, _listed in ACTIONS:
        assert callable(getattr(app, f"action_{action}"))


async def test_palette_words_are_russian_in_russian_mode() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=(100, 30)) as pilot:
        text = await _palette(pilot, "")
        assert "Команда или страница…" in text
        assert "Search for commands" not in text
        await pilot.press(*"ъъыыъ")
        # The palette says so after half a second without a match (its own timer).
        await wait_until(pilot, lambda: "Ничего не найдено" in screen_text(app), "no matches")
        await pilot.press("escape")
        await pilot.pause()
        app.action_change_theme()
        await pilot.pause()
        assert "Тема оформления…" in screen_text(app)


@pytest.mark.parametrize("key", ["pagedown", "pageup"])
async def test_a_page_key_typed_ahead_of_the_palettes_list_waits_for_it(key: str) -> None:
    # Ctrl+P and PageDown in one burst: Textual's list paged by lines it had not
    # laid out yet, and coop-tui ended in a KeyError.
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(key_event("ctrl+p"))
        app.post_message(key_event(key))
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await settle(pilot)
        # Once the list is shown, the page keys page it.
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0, "the palette's list")
        before = commands.highlighted or 0
        await pilot.press("pagedown")
        assert (commands.highlighted or 0) > before
    assert app.return_code in (None, 0)


@pytest.mark.parametrize(("query", "ends_on"), [("gomsel", "MainScreen"), ("index", "IndexScreen")])
async def test_enters_typed_ahead_in_the_palette_run_one_command(query: str, ends_on: str) -> None:
    # The Enters after the first were read by the palette after it had run
    # the command and closed; Textual's palette then closed whatever was on
    # top (the main screen), and Textual raised.
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_palette(pilot, query)
        for _ in range(3):
            app.post_message(key_event("enter"))
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), "a command run")
        await settle(pilot)
        assert type(app.screen).__name__ == ends_on
        assert app.screen_stack[0] is app.main


@pytest.fixture
def short_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder with a short path, so the notice shows the file's path on one line.

    The toast wraps a long path anywhere, and pytest's temporary folders are long
    (longer still under pytest-xdist).
    """
    with tempfile.TemporaryDirectory(prefix="coop-") as name:
        monkeypatch.chdir(name)
        yield Path(name)


async def test_export_this_page_writes_markdown_and_names_the_file(short_folder: Path) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("j", "j", "j")  # Trade
        await _palette(pilot, "export this")
        await pilot.press("enter")
        await pilot.pause()
        files = list(short_folder.glob("*.md"))
        assert [f.name for f in files] == ["coop-tui-trade-en.md"]
        text = files[0].read_text(encoding="utf-8")
        assert text.startswith("## Trade") and "### Figures" in text
        # The notice is a toast, drawn once it is mounted.
        await wait_until(
            pilot, lambda: str(files[0]) in screen_text(app), "the notice naming the file"
        )
        # A second export never overwrites the first.
        app.action_export_page()
        assert sorted(f.name for f in short_folder.glob("*.md")) == [
            "coop-tui-trade-en-2.md",
            "coop-tui-trade-en.md",
        ]


async def test_a_screenshot_lands_in_a_folder_that_exists_and_the_notice_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = make_app(lang="ru")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _palette(pilot, "снимок")
        await pilot.press("enter")
        await pilot.pause()
        shots = list(tmp_path.glob("*.svg"))
        assert len(shots) == 1 and shots[0].read_text(encoding="utf-8").startswith("<svg")
        notices = notice_texts(app)
        assert any("Снимок экрана сохранён" in m and shots[0].name in m for m in notices), notices


def test_output_dir_falls_back_to_the_state_folder(state_home: Path) -> None:
    assert output_dir(Path("/nonexistent/folder")) == state_home
    assert state_home.is_dir()
    assert output_dir(state_home.parent) == state_home.parent
