"""Every figure is citable: Tab reaches its `[n]`, Enter opens its source, `y` copies the figure."""

from __future__ import annotations

import re
from typing import Any

from helpers import screen_cells, screen_lines
from textual.app import App
from textual.pilot import Pilot

from tui.factory import make_app
from tui.links import ItemRef, PageRef
from tui.widgets import DetailPane, TopicTree

SIZE = (100, 30)
TRADE_2024 = ItemRef("trade", "observation", 3, "turnover-spb")
TARGET_2025 = ItemRef("trade", "target", 0, "turnover-spb")


async def open_trade(pilot: Pilot[None]) -> DetailPane:
    app = pilot.app
    app.query_one(TopicTree).select_topic("trade")
    await pilot.pause()
    await pilot.press("tab")
    pane = app.query_one(DetailPane)
    assert app.focused is pane
    return pane


async def tab_to_item(pilot: Pilot[None], pane: DetailPane, item: ItemRef) -> None:
    assert pane.page is not None
    for _ in range(len(pane.page.links) + 1):
        await pilot.press("tab")
        link = pane.current_link
        if link is not None and link.item == item:
            return
    raise AssertionError(f"Tab never reached the marker of {item}")


def reversed_cells(app: App[Any]) -> list[tuple[int, str]]:
    """(row, text) of every reversed run on screen: the link cursor."""
    strips = screen_cells(app)
    found = []
    for row, strip in enumerate(strips):
        for segment in strip:
            if segment.style is not None and segment.style.reverse and segment.text.strip():
                found.append((row, segment.text))
    return found


async def test_tab_reaches_a_figure_marker_highlights_it_and_scrolls_it_into_view() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 16)) as pilot:
        pane = await open_trade(pilot)
        # The Belarusian series' 2022 figure is far down the page: reaching it scrolls.
        far = ItemRef("trade", "observation", 6, "turnover-by")
        await tab_to_item(pilot, pane, far)
        await pilot.pause()
        link = pane.current_link
        assert link is not None and link.target == PageRef("source", "sputnik-golovchenko-2023")
        assert pane.scroll_y > 0
        top, bottom = pane.region.y, pane.region.y + pane.region.height
        cursor = [
            (row, text)
            for row, text in reversed_cells(app)
            # Not the scrollbar's thumb, drawn with the block elements ▁ to █.
            if top <= row < bottom and not set(text.strip()) <= set("▁▂▃▄▅▆▇█")
        ]
        assert [text for _, text in cursor] == ["[6]"], cursor
        row = cursor[0][0]
        # The marker ends the figure's line (wrapped at this width).
        lines = screen_lines(app)
        assert "2022: $2.2bn" in lines[row] + lines[row - 1]


async def test_enter_on_a_figure_marker_opens_its_source() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_trade(pilot)
        await tab_to_item(pilot, pane, TRADE_2024)
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == PageRef("source", "spbnews78-2025-07-14")


async def test_y_on_a_figure_marker_copies_the_figure_not_the_page() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        pane = await open_trade(pilot)
        await tab_to_item(pilot, pane, TRADE_2024)
        marker = pane.current_link
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        lines = copied.splitlines()
        assert lines[0] == "2024: more than $3.0bn · as of 2024-12-31"
        assert lines[1] == "St Petersburg–Belarus trade turnover (St Petersburg series)"
        assert "— Alexander Beglov, Governor of St Petersburg" in lines
        # The source under the number the page shows it under, with its date and URL.
        assert lines[-1].startswith("[1] Source: Beglov: St Petersburg–Belarus trade in 2024")
        assert "2025-07-14" in lines[-1]
        assert "https://spbnews78.ru/other/2025/07/14/53186.html" in lines[-1]
        assert marker is not None and pane.current_link == marker
        # The notification names the figure, not the page.
        shown = "\n".join(screen_lines(app))
        assert "Sent to the terminal clipboard (OSC 52)" in shown and "2024: more than" in shown


async def test_y_on_a_target_marker_copies_the_target_in_russian() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        pane = await open_trade(pilot)
        await tab_to_item(pilot, pane, TARGET_2025)
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert "Цель 3,0 млрд долл. · до конца 2025 года (срок 31.12.2025)" in copied
        assert "— Кирилл Поляков" in copied
        assert copied.splitlines()[-1].startswith("[2] Источник: ")


async def test_y_on_a_quotes_speaker_copies_the_quote_with_its_original() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.query_one(TopicTree).select_topic("industry.tractors")
        await pilot.pause()
        await pilot.press("tab")
        pane = app.query_one(DetailPane)
        assert pane.page is not None
        for _ in range(len(pane.page.links) + 1):
            await pilot.press("tab")
            link = pane.current_link
            if link is not None and link.target == PageRef("person", "polyakov") and link.item:
                break
        else:
            raise AssertionError("no speaker link on the page")
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        quote = app.dataset.topics["industry.tractors"].quotes[link.item.index]
        assert copied.startswith(f"“{quote.text.en}”")
        assert f"(translation; the Russian original: «{quote.text.ru}»)" in copied


async def test_the_chart_shows_on_the_trade_page_at_40x12() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        pane = await open_trade(pilot)
        seen = ""
        for _ in range(80):
            await pilot.press("j")
            seen += "\n".join(screen_lines(app))
            if "┴" in seen and "2024" in seen and "target 3.0, 4.0" in seen:
                break
        else:
            raise AssertionError("the chart never came into view")
        assert pane.scroll_y > 0
        # Stacked at this width: each period's label on its own line, the bar below.
        assert re.search(r"│\s+Jan–Sep 2021\s+│", seen), seen
