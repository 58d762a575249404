"""The timeline (`t`) and the index lists (`i`), driven by keys as a reader would."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from drive import key_event, open_palette
from helpers import screen_text
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.factory import make_app
from tui.links import ItemRef, PageRef
from tui.timeline import Entry, entry_date, entry_text, entry_topic, timeline
from tui.ui.app import CoopApp
from tui.ui.screens import IndexScreen, TimelineScreen
from tui.ui.widgets import DetailPane

HISTORY = Path(__file__).resolve().parent / "fixtures" / "timeline"
SIZE = (100, 30)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_dataset import make_dataset  # noqa: E402


async def until(pilot: Pilot[None], done: Callable[[], bool], rounds: int = 200) -> None:
    """Let the App work until `done()` holds (a bounded number of rounds, no clock)."""
    for _ in range(rounds):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the App never got there")


def shown(screen: TimelineScreen) -> list[Entry]:
    return screen.shown


def cursor_entry(screen: TimelineScreen) -> Entry:
    row = screen.rows[screen.list.cursor]
    assert isinstance(row, Entry)
    return row


async def open_timeline(pilot: Pilot[None]) -> TimelineScreen:
    await pilot.press("t")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


# ---------------------------------------------------------------- the timeline


async def test_t_opens_every_dated_item_grouped_by_year() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        text = screen_text(app)
        assert "Timeline · 8 of 8" in text
        for year in ("2019 ─", "2020 ─", "2021 ─", "2022 ─", "2023 ─", "2024 ─"):
            assert year in text
        assert "2021-05    • Trolleybus deliveries began in May." in text
        assert "2022-05-10 ◆ Fair 2022 (until 2022-05-12)" in text
        # The topic and the source marker close each line.
        assert "Buses [2]" in text
        # The status line names the highlighted item's kind, topic and source in full.
        assert "fact · Industry · [2] Gazette, 2021 — Gazette, 2021-06-01" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_typing_filters_with_the_search_rules_and_escape_clears() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("slash", *"trolybus")  # a typo, forgiven as `/` forgives it
        await pilot.pause()
        assert [e.kind for e in shown(screen)] == ["fact"]
        assert "Timeline · 1 of 8" in screen_text(app)
        assert "Yolochka" not in screen_text(app)
        await pilot.press("enter")  # back to the list, the filter kept
        assert screen.list.has_focus
        assert len(shown(screen)) == 1
        await pilot.press("escape")
        assert len(shown(screen)) == 8
        await pilot.press("slash", *"2023")  # a year finds that year's items only
        await pilot.pause()
        assert {e.year for e in shown(screen)} == {2023}


async def test_ctrl_q_while_typing_a_filter_ends_coop_tui_cleanly() -> None:
    # The footer asks the view which keys it takes while it is being taken down;
    # the view looked its filter line up then, gone already, and coop-tui ended
    # in a traceback.
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await pilot.press("slash", *"bus", "ctrl+q")
        await until(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_f_o_e_filter_by_kind_topic_and_who_and_x_resets() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("f")
        assert {e.kind for e in shown(screen)} == {"event"}
        assert "kind: events" in screen_text(app)
        await pilot.press("f")
        assert {e.kind for e in shown(screen)} == {"fact"}
        await pilot.press("x")
        assert len(shown(screen)) == 8
        # The cursor kept its place in time: on the fact after the 2022 fair.
        assert cursor_entry(screen).topic_id == "trade"
        await pilot.press("g")  # the 2019 fact (Industry, naming MAZ)
        assert cursor_entry(screen).topic_id == "industry"
        await pilot.press("e")
        assert "who/what: MAZ" in screen_text(app)
        assert len(shown(screen)) == 4
        await pilot.press("x", "j", "j")  # to the 2021 fact in Industry › Buses
        assert cursor_entry(screen).topic_id == "industry.buses"
        await pilot.press("o")
        assert {e.topic_id for e in shown(screen)} == {"industry.buses"}
        await pilot.press("o")  # widened to the parent, subtopics included
        assert {e.topic_id for e in shown(screen)} == {"industry", "industry.buses"}
        await pilot.press("o")  # and to everything
        assert len(shown(screen)) == 8


async def test_enter_opens_the_quote_on_its_page_with_the_link_cursor_on_it() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("G", "k")  # the last line is the target; above it, the quote
        assert cursor_entry(screen).kind == "quote"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.page == PageRef("topic", "industry.buses")
        pane = app.query_one(DetailPane)
        assert app.focused is pane
        link = pane.current_link
        assert link is not None and link.item == ItemRef("industry.buses", "quote", 0)


async def test_keys_arriving_in_one_burst_land_on_the_right_side_of_each_switch() -> None:
    # Over SSH `/2023⏎j⏎` can arrive in one read: the filter takes "2023", the
    # list the `j` (not the filter line), and the second Enter opens the quote.
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        for key, character in [
            ("slash", "/"),
            ("2", "2"),
            ("0", "0"),
            ("2", "2"),
            ("3", "3"),
            ("enter", "\r"),
            ("j", "j"),
            ("enter", "\r"),
        ]:
            app.post_message(events.Key(key, character))
        await until(pilot, lambda: app.page == PageRef("topic", "industry.buses"))
        assert screen.query_text == "2023"
        link = app.query_one(DetailPane).current_link
        assert link is not None and link.item == ItemRef("industry.buses", "quote", 0)


async def test_enter_at_40x12_shows_the_item_in_the_one_pane_shown() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("G", "k", "enter")  # the quote
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        pane = app.query_one(DetailPane)
        assert app.focused is pane
        link = pane.current_link
        assert link is not None and link.item == ItemRef("industry.buses", "quote", 0)
        assert "We will increase" in screen_text(app)
        del screen


async def test_enter_on_a_figure_puts_the_link_cursor_on_it() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("j")  # the 2020 figure
        assert cursor_entry(screen).kind == "figure"
        await pilot.press("enter")
        await pilot.pause()
        assert app.page == PageRef("topic", "industry.buses")
        link = app.query_one(DetailPane).current_link
        assert link is not None
        assert link.item == ItemRef("industry.buses", "observation", 0, "buses")


async def test_enter_on_an_event_opens_its_page() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await pilot.press("f", "enter")
        await pilot.pause()
        assert app.page == PageRef("event", "fair-2022")
        assert "Fair 2022" in screen_text(app)


async def test_the_language_switch_keeps_the_place_and_the_filter() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=(100, 12)) as pilot:
        screen = await open_timeline(pilot)
        await pilot.press("f", "f")  # facts only
        await pilot.press("G")
        before = cursor_entry(screen)
        top = screen.list.scroll_y
        await pilot.press("L")
        await pilot.pause()
        assert app.lang == "ru"
        assert cursor_entry(screen) is before
        assert screen.list.scroll_y == top
        text = screen_text(app)
        assert "Хроника · 4 из 8 · вид: факты" in text
        assert "Электрон подписал соглашение." in text
        assert "Elektron signed" not in text
        await pilot.press("L")
        await pilot.pause()
        assert "Timeline · 4 of 8" in screen_text(app)


async def test_the_palette_opens_the_timeline() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "Timeline")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


async def test_the_timeline_of_the_bundled_data_in_both_languages_at_40x12() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_timeline(pilot)
        assert len(shown(screen)) == len(timeline(app.dataset)) > 0
        text = screen_text(app)
        count = len(timeline(app.dataset))
        assert f"Хроника · {count} из {count}" in text
        # Narrow: no topic column, and the year only in the heading: the text takes the room.
        first = shown(screen)[0]
        assert f"{first.year} ─" in text
        row = next(
            line for line in text.splitlines() if entry_text(app.dataset, first, "ru")[:8] in line
        )
        assert entry_date(first)[:4] not in row
        assert entry_topic(app.dataset, first, "ru") not in row


# ---------------------------------------------------------------- the index lists


async def test_i_lists_organisations_by_name_with_mentions_and_enter_opens_one() -> None:
    app = make_app([HISTORY], lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IndexScreen)
        names = [row.name.get("ru") for row in screen.shown]
        assert names == ["«Ёлочка»", "Минский автомобильный завод", "Электрон", "BIOCAD"]
        text = screen_text(app)
        assert "Указатель · 4 из 4" in text
        lines = [line for line in text.splitlines() if "Минский автомобильный завод" in line]
        assert lines and lines[0].rstrip("│ ").endswith("4")  # its mentions
        await pilot.press("slash", *"элек")
        await pilot.pause()
        assert [row.ref.id for row in screen.shown] == ["elektron"]
        await pilot.press("enter", "enter")  # back to the list, then open
        await pilot.pause()
        assert app.page == PageRef("organisation", "elektron")
        assert "Электрон" in screen_text(app)


@pytest.mark.parametrize("keys", [("G", "right"), ("G", "slash", "m"), ("G", "enter", "left")])
async def test_keys_that_replace_the_rows_in_one_burst_never_name_another_row(
    keys: tuple[str, ...],
) -> None:
    # The list tells the view which row its cursor is on, or which row Enter
    # chose, by a message; keys in the same burst could replace the rows
    # (another list, a filter) before the view read it. A row past the new
    # list's end ended coop-tui in an IndexError; one within it opened the
    # page of whatever the new list had there.
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, IndexScreen))
        opened = app.screen
        assert isinstance(opened, IndexScreen)
        screen: IndexScreen = opened
        last = screen.shown[-1].ref
        for key in keys:
            app.post_message(key_event(key))
        rows = len(screen.shown)
        await until(
            pilot,
            lambda: (
                app.screen is not screen
                or len(screen.shown) != rows
                or screen.kind != "organisation"
            ),
        )
        await pilot.pause()
        if app.screen is not screen:
            assert app.page == last  # the row Enter was pressed on
        elif screen.list.cursor >= 0:
            assert screen.status(screen.list.cursor).plain in screen_text(app)
        else:
            assert not screen.shown  # nothing matches: no row, no status


async def test_the_index_switches_lists_and_follows_the_language() -> None:
    app = make_app([HISTORY], lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IndexScreen)
        assert [row.ref.id for row in screen.shown] == ["biocad", "elektron", "maz", "yolka"]
        await pilot.press("j", "j")
        await pilot.press("L")  # Russian: sorted again, the cursor stays on MAZ
        await pilot.pause()
        assert [row.ref.id for row in screen.shown] == ["yolka", "maz", "elektron", "biocad"]
        assert screen.shown[screen.list.cursor].ref.id == "maz"
        await pilot.press("right")
        assert "Люди" in screen_text(app)
        assert [row.ref.id for row in screen.shown] == ["governor"]
        await pilot.press("right", "right")
        assert [row.ref.id for row in screen.shown] == ["fair-2022"]
        await pilot.press("t")  # straight to the timeline
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


# ---------------------------------------------------------------- big data


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("facts-3k")
    make_dataset(3000, out)
    return out


async def test_the_timeline_of_a_generated_data_set_opens_and_scrolls(generated: Path) -> None:
    app = make_app([generated], lang="en", background=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app, CoopApp) and not app.loading
        screen = await open_timeline(pilot)
        entries = timeline(app.dataset)
        assert len(entries) > 500
        assert len(shown(screen)) == len(entries)
        assert [e.sort_key() for e in entries] == sorted(e.sort_key() for e in entries)
        await pilot.press("pagedown", "pagedown", "G")
        assert cursor_entry(screen) is entries[-1]
        assert str(entries[-1].year) in screen_text(app)
