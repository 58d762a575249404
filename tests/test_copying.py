"""Getting text out: y (OSC 52, said honestly), Y (the source's URL), o (a browser, or how to
reach the address), the citation dialog (selectable text, saved to a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import notice_texts, screen_cells, screen_text
from rich.console import Console
from textual.app import App

from tui.addresses import has_graphical_browser, page_url
from tui.factory import make_app
from tui.links import ItemRef, PageRef
from tui.model import Dataset
from tui.render import build_page
from tui.screens import CitationScreen
from tui.widgets import DetailPane, TopicTree

SIZE = (100, 30)


def _messages(app: App[Any]) -> list[str]:
    return notice_texts(app)


class Clipboard:
    """What the app sent with OSC 52 (Textual's copy_to_clipboard), and URLs it opened."""

    def __init__(self, app: App[Any], monkeypatch: pytest.MonkeyPatch) -> None:
        self.copied: list[str] = []
        self.opened: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", self.copied.append)
        monkeypatch.setattr(app, "open_url", lambda url, **_kw: self.opened.append(url))


async def test_y_says_the_text_went_to_the_terminal_clipboard_not_that_it_arrived(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(lang="en")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert clip.copied and clip.copied[0].startswith("Center: ")
        (message,) = _messages(app)
        assert message.startswith("Sent to the terminal clipboard (OSC 52): ")
        assert "Copied" not in message


async def test_capital_y_copies_the_address_of_the_source_under_the_cursor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(lang="ru")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "Y")  # Trade: its first cited source with an address
        await pilot.pause()
        first = page_url(app.dataset, PageRef("topic", "trade"))
        assert first and first.startswith("https://") and clip.copied == [first]
        assert any("(OSC 52)" in m and first in m for m in _messages(app))
        # The link cursor on a source marker: that source's address.
        await pilot.press("tab")
        pane = app.query_one(DetailPane)
        for _ in range(60):
            await pilot.press("tab")
            link = pane.current_link
            if link is not None and link.target.kind == "source":
                url = app.dataset.sources[link.target.id].url
                if url and url != first:
                    break
        else:
            raise AssertionError("no marker on Trade names another source with an address")
        await pilot.press("Y")
        await pilot.pause()
        assert clip.copied[-1] == app.dataset.sources[link.target.id].url


async def test_o_opens_the_source_where_a_browser_shows_and_explains_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    app = make_app(lang="en")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("j", "j", "j", "o")
        await pilot.pause()
        url = page_url(app.dataset, PageRef("topic", "trade"))
        assert url is not None
        assert clip.opened == [url]
        assert any(m == f"Opening in the browser: {url}" for m in _messages(app))
        # Over SSH: no browser is started (it would be a text one, in this terminal).
        monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
        app.clear_notifications()
        await pilot.press("o")
        await pilot.pause()
        assert clip.opened == [url]
        (message,) = _messages(app)
        assert "OSC 8" in message and url in message and "Y" in message


def test_which_terminals_have_a_graphical_browser() -> None:
    assert has_graphical_browser({"DISPLAY": ":0"}, "linux")
    assert has_graphical_browser({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not has_graphical_browser({}, "linux")
    assert not has_graphical_browser({"DISPLAY": ":0", "SSH_CONNECTION": "x"}, "linux")
    assert has_graphical_browser({}, "darwin")
    assert not has_graphical_browser({"SSH_TTY": "/dev/pts/1"}, "darwin")


def test_a_topic_page_stands_on_the_source_it_numbers_one(bundled_dataset: Dataset) -> None:
    """Trade shows figures before facts: its [1] is a figure's source, and Y copies that."""
    data = bundled_dataset
    console = Console(width=400, record=True, color_system=None, force_terminal=False)
    console.print(build_page(data, PageRef("topic", "trade"), "en").renderable())
    text = console.export_text()
    sources_at = text.rindex("Sources")
    first_line = next(
        line for line in text[sources_at:].splitlines() if line.lstrip().startswith("[1]")
    )
    first = next(s for s in data.sources.values() if s.title.get("en") in first_line)
    assert first.url and page_url(data, PageRef("topic", "trade")) == first.url
    first_fact_source = data.sources[data.topics["trade"].facts[0].source]
    assert first_fact_source.id != first.id  # else this test would not tell the orders apart


def test_page_url_prefers_the_item_then_the_link_then_the_page(bundled_dataset: Dataset) -> None:
    data = bundled_dataset
    topic = next(t for t in data.topics.values() if t.quotes)
    quote_source = data.sources[topic.quotes[0].source].url
    item = ItemRef(topic.id, "quote", 0)
    assert page_url(data, PageRef("topic", topic.id), item) == quote_source
    source = next(s for s in data.sources.values() if s.url)
    assert page_url(data, PageRef("source", source.id)) == source.url
    assert page_url(data, PageRef("topic", topic.id), None, PageRef("source", source.id)) == (
        source.url
    )


async def test_the_citation_dialog_shows_plain_text_and_saves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(lang="ru")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CitationScreen)
        text = screen.text
        assert text.startswith("Центр: ")
        shown = screen_text(app)
        assert text.splitlines()[0][:40] in shown
        body = screen.query_one("#citation-text")
        assert body.allow_select  # the mouse selects it
        assert "s сохранить" in shown and "Esc закрыть" in shown  # its own footer
        assert "листать" not in shown  # no keys of other panes
        await pilot.press("s")
        await pilot.pause()
        (saved,) = tmp_path.glob("*.txt")
        assert saved.read_text(encoding="utf-8") == text + "\n"
        assert any("Цитата сохранена" in m and str(saved) in m for m in _messages(app))
        await pilot.press("y")
        await pilot.pause()
        assert clip.copied == [text]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CitationScreen)


async def test_source_addresses_on_a_page_are_terminal_hyperlinks() -> None:
    # OSC 8: a click in the terminal opens the address, over SSH too.
    app = make_app(lang="en")
    async with app.run_test(size=(120, 60)) as pilot:
        source = next(s for s in app.dataset.sources.values() if s.url)
        app.open_page(PageRef("source", source.id))
        await pilot.pause()
        strips = screen_cells(app)
        links = {s.style.link for strip in strips for s in strip if s.style and s.style.link}
        assert source.url in links


async def test_capital_y_on_a_page_without_an_address_says_so_and_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "d.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "A printed leaflet"\n'
        '[[topic]]\nid = "t"\ntitle = { ru = "Тема", en = "Topic" }\n'
        '[[topic.fact]]\ntext = { ru = "Факт", en = "A fact" }\nsource = "s"\n',
        encoding="utf-8",
    )
    app = make_app([tmp_path], lang="ru")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("Y", "o")
        await pilot.pause()
        assert clip.copied == [] and clip.opened == []
        assert _messages(app) == ["У этой страницы нет веб-адреса"] * 2


async def test_keys_in_a_burst_cite_the_page_the_cursor_reached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(lang="en")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        tree = app.query_one("#topics", TopicTree)
        # The cursor moves, and y comes before the tree's message that opens the page.
        tree.action_cursor_down()
        tree.action_cursor_down()
        tree.action_cursor_down()
        app.action_copy_citation()
        await pilot.pause()
        assert clip.copied and clip.copied[0].startswith("Trade: ")


async def test_a_page_opened_from_the_palette_is_the_one_cited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(lang="en")
    clip = Clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.open_page(PageRef("organisation", "gomselmash"))  # the tree keeps focus and cursor
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert clip.copied and clip.copied[0].startswith("Gomselmash")
