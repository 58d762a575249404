"""Pinned pictures of the screens people look at: 80x24, and the small (40x12,
one pane at a time; 12x4, the notice) and large (120x40) ends of the range.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`,
then look at the report or the SVGs before committing.
"""

from __future__ import annotations

from typing import Any, Callable

from drive import palette, search
from textual.pilot import Pilot

from tui.factory import make_app
from tui.ui.app import CoopApp
from tui.ui.widgets import TopicTree

SnapCompare = Callable[..., bool]


def test_first_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), terminal_size=(80, 24))


def test_trade_overview(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), press=["j", "j", "j"], terminal_size=(80, 24))


def test_topic_with_quotes(snap_compare: SnapCompare) -> None:
    # The tractor cooperation topic: Industry, expanded, its quote on screen after scrolling.
    async def open_tractors(pilot: Pilot[Any]) -> None:
        app = pilot.app
        app.query_one("#topics", TopicTree).select_topic("industry.tractors")
        await pilot.pause()
        app.query_one("#detail").focus()
        await pilot.press("G")
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), run_before=open_tractors, terminal_size=(80, 24))


def test_russian_mode(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), press=["L", "j", "j", "j"], terminal_size=(80, 24))


def test_help_screen(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), press=["question_mark"], terminal_size=(80, 24))


def test_small_terminal_40x12(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), terminal_size=(40, 12))


def test_small_terminal_40x12_detail(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), press=["j", "j", "j", "tab"], terminal_size=(40, 12))


def test_too_small_terminal_12x4(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), terminal_size=(12, 4))


def test_large_terminal_120x40(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(lang="en"), press=["j", "j", "j"], terminal_size=(120, 40))


def test_light_theme(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(lang="en", theme="coop-light"), press=["j", "j", "j"], terminal_size=(80, 24)
    )


def test_reload_error_bar(snap_compare: SnapCompare) -> None:
    # What a broken save looks like: the last good page stays, the bar says where to look.
    from tui.loader import DataError, Problem
    from tui.model import Location

    async def break_the_data(pilot: Pilot[Any]) -> None:
        problem = Problem(
            Location("data/topics-4-trade.toml", 19, 21),
            "",
            "TOML syntax error: string not closed before the end of the line",
            'a closing quote on the same line, or """triple quotes""" for text over several lines',
        )
        app = pilot.app
        assert isinstance(app, CoopApp)
        app.data_reloaded(None, DataError([problem]))
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), run_before=break_the_data, terminal_size=(80, 24))


def test_search_results(snap_compare: SnapCompare) -> None:
    # "/gomselmash": the tree narrowed to the matching topics, the count, matches highlighted.
    async def find_gomselmash(pilot: Pilot[Any]) -> None:
        await search(pilot, "gomselmash")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), run_before=find_gomselmash, terminal_size=(80, 24))


def test_organisation_page(snap_compare: SnapCompare) -> None:
    # Gomselmash from the palette: what it is and where it is mentioned; Tab Tab puts
    # the link cursor on the first link.
    async def open_gomselmash(pilot: Pilot[Any]) -> None:
        await palette(pilot, "Gomselmash")
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), run_before=open_gomselmash, terminal_size=(80, 24))


def test_timeline(snap_compare: SnapCompare) -> None:
    # `t`: every dated item by year, the cursor on the first, its source in the status line.
    assert snap_compare(make_app(lang="en"), press=["t"], terminal_size=(80, 24))


def test_timeline_filtered_russian(snap_compare: SnapCompare) -> None:
    # Filtered to turnover figures, in Russian.
    async def filtered(pilot: Pilot[Any]) -> None:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("slash", *"товарооборот", "enter", "f", "f", "f", "f")
        await pilot.pause()

    assert snap_compare(make_app(lang="ru"), run_before=filtered, terminal_size=(80, 24))


def test_index_lists(snap_compare: SnapCompare) -> None:
    # `i`: the organisations by name with their mentions.
    assert snap_compare(make_app(lang="en"), press=["i"], terminal_size=(80, 24))
