"""The screen answers whatever the data holds: long lists are drawn a page at a time,
and the search line and the palette give their matchers bounded input (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from drive import open_palette, search, settle, wait_until
from helpers import screen_text
from textual import events
from textual.command import CommandPalette
from textual.fuzzy import FuzzySearch
from textual.pilot import Pilot

from tui.limits import MAX_ITEMS, MAX_QUERY
from tui.links import PageRef
from tui.loader import load_dataset
from tui.paging import PAGE_ITEMS
from tui.ui.app import CoopApp
from tui.ui.widgets import DetailPane, SearchBar

HEAD = (
    '[[source]]\nid = "s"\ntitle = "S"\n\n[[organisation]]\nid = "org"\nname = "Everywhere Ltd"\n\n'
)
FACTS = MAX_ITEMS["topic.fact"]


def many_facts(tmp_path: Path, facts: int = FACTS, size: int = 40) -> Path:
    body = "".join(
        f'[[topic.fact]]\ntext = "fact {i} {"x" * size}{" needle" if i == facts - 7 else ""}"\n'
        'source = "s"\nmentions = ["org"]\n'
        for i in range(facts)
    )
    file = tmp_path / "big.toml"
    file.write_text(HEAD + '[[topic]]\nid = "big"\ntitle = "Big"\n' + body, encoding="utf-8")
    return file


async def drawn(pilot: Pilot[None]) -> None:
    """Wait for the page on show: a heavy one (on a busy machine) says "building…" first."""
    pane = pilot.app.query_one(DetailPane)
    await wait_until(pilot, lambda: pane.page is not None and not pane.building, "the page")


def fact_blocks(app: CoopApp) -> int:
    page = app.query_one(DetailPane).page
    assert page is not None
    return sum(1 for item in page.item_blocks if item.kind == "fact")


def more_link(pane: DetailPane) -> int:
    assert pane.page is not None
    return next(n for n, link in enumerate(pane.page.links) if link.more)


async def test_a_topic_at_the_fact_limit_draws_a_page_and_a_more_line(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([many_facts(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(DetailPane)
        # 5,000 facts drew 5,000 blocks at once (700,000 froze the screen for minutes).
        await drawn(pilot)
        assert fact_blocks(app) == PAGE_ITEMS
        assert pane.virtual_size.height < 3 * PAGE_ITEMS
        await pilot.press("tab", "G")
        await pilot.pause()
        assert f"… {FACTS - PAGE_ITEMS:,} more — show them" in screen_text(app)
        # Following the line (Enter on it) draws the next ones, where the reader is.
        pane.link_cursor = more_link(pane)
        await pilot.press("enter")
        await drawn(pilot)
        assert fact_blocks(app) == 2 * PAGE_ITEMS
        assert pane.scroll_y > 0


async def test_long_facts_are_drawn_fewer_at_a_time(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([many_facts(tmp_path, facts=400, size=5_000)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await drawn(pilot)
        shown = fact_blocks(app)
        assert 1 <= shown < 40
        assert app.query_one(DetailPane).virtual_size.height < 40 * 70


@pytest.mark.slow
async def test_a_search_match_far_down_the_list_is_drawn(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([many_facts(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "needle")
        await pilot.press("enter")
        await drawn(pilot)
        assert fact_blocks(app) >= FACTS - 7
        assert f"fact {FACTS - 7} " in screen_text(app)


async def test_a_backlink_list_is_drawn_a_page_at_a_time(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([many_facts(tmp_path)]))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_page(PageRef("organisation", "org"))
        await drawn(pilot)
        pane = app.query_one(DetailPane)
        assert pane.page is not None
        assert len(pane.page.links) < PAGE_ITEMS + 10
        assert pane.page.links[more_link(pane)].more == 2 * PAGE_ITEMS


async def test_a_pasted_page_of_text_is_cut_to_the_query_limit(tmp_path: Path) -> None:
    app = CoopApp(load_dataset([many_facts(tmp_path, facts=10)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        # 100,000 pasted characters froze the app for 140 s and kept 1.3 GB.
        bar.input.post_message(events.Paste("fact " * 2_000 + "\nsecond line"))
        await wait_until(pilot, lambda: bool(bar.value), "the paste to reach the search line")
        await settle(pilot)
        assert len(bar.value) == MAX_QUERY
        assert bar.value.startswith("fact fact")
        await pilot.press(*"abc")
        assert len(bar.value) == MAX_QUERY


@pytest.fixture
def textual_matcher_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every candidate handed to Textual's own (exponential) fuzzy matcher."""
    calls: list[str] = []
    original = FuzzySearch.match

    def match(self: FuzzySearch, query: str, candidate: str) -> object:
        calls.append(candidate)
        return original(self, query, candidate)

    monkeypatch.setattr(FuzzySearch, "match", match)
    return calls


async def palette_hits(pilot: Pilot[None], query: str) -> str:
    await open_palette(pilot, query)
    return screen_text(pilot.app)


async def test_the_palette_matches_repetitive_titles_without_textual_s_matcher(
    tmp_path: Path, textual_matcher_calls: list[str]
) -> None:
    # A title of forty "a " and the query "aaaaaaaaaaaa" made Textual's matcher
    # try billions of placings (+100 MB/s, never returning).
    file = tmp_path / "a.toml"
    file.write_text(
        f'[[source]]\nid = "s"\ntitle = "S"\n\n[[topic]]\nid = "t"\ntitle = "{"a " * 40}"\n',
        encoding="utf-8",
    )
    app = CoopApp(load_dataset([file]))
    async with app.run_test(size=(100, 30)) as pilot:
        shown = await palette_hits(pilot, "a" * 12)
        assert isinstance(app.screen, CommandPalette)
        assert "a a a a" in shown
        assert not [c for c in textual_matcher_calls if c.startswith("a a ")]


async def test_the_palette_lists_the_best_hundred_of_thousands_of_matches(tmp_path: Path) -> None:
    from tui.ui.commands import MAX_HITS, PageCommands

    topics = "".join(f'[[topic]]\nid = "t{i}"\ntitle = "Topic number {i}"\n' for i in range(3_000))
    file = tmp_path / "many.toml"
    file.write_text('[[source]]\nid = "s"\ntitle = "S"\n\n' + topics, encoding="utf-8")
    app = CoopApp(load_dataset([file]))
    async with app.run_test(size=(100, 30)):
        provider = PageCommands(app.screen)
        hits = [hit async for hit in provider.search("topic")]
        assert len(hits) == MAX_HITS
        best = [hit async for hit in provider.search("number 2999")]
        assert best[0].text == "Topic number 2999"
        assert len([hit async for hit in provider.discover()]) == MAX_HITS


def test_a_topic_of_many_long_metrics_draws_a_page_of_figures(tmp_path: Path) -> None:
    # At the limits (100 metrics of 1,000 figures) a page was 120,000 lines: 20 s to draw.
    from tui.render import build_page

    metrics = "".join(
        f'[[metric]]\nid = "m{m}"\ntitle = "M{m}"\nunit = "U"\n'
        + "".join(
            f'[[metric.observation]]\nperiod = "P{o}"\ndate = 2024-01-01\nspan = "statement"\n'
            f'value = {o}\nsource = "s"\n'
            for o in range(100)
        )
        for m in range(30)
    )
    file = tmp_path / "m.toml"
    file.write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n\n'
        + metrics
        + '[[topic]]\nid = "t"\ntitle = "T"\nmetrics = ['
        + ", ".join(f'"m{m}"' for m in range(30))
        + "]\n",
        encoding="utf-8",
    )
    dataset = load_dataset([file])
    page = build_page(dataset, PageRef("topic", "t"), "en", shown=PAGE_ITEMS)
    assert len(page.blocks) < PAGE_ITEMS + 20
    assert page.links[-2].more == 2 * PAGE_ITEMS or page.links[-1].more == 2 * PAGE_ITEMS
    assert any(getattr(block, "plain", "") == "… more — show them" for block in page.blocks)
    # The report draws every figure.
    whole = build_page(dataset, PageRef("topic", "t"), "en")
    assert len(whole.blocks) > 30 * 100


async def test_a_resize_of_the_same_size_after_tab_leaves_the_reader_on_the_page() -> None:
    """The Resize a screen gets when it first shows can arrive after the reader's first key.

    In that order (Tab reaches the App, then a Resize of the size the terminal already
    has, then the focus change Tab made) the focus stays where Tab put it.
    """
    from textual.geometry import Size

    from tui.factory import make_app

    app = make_app(lang="en")
    async with app.run_test(size=(40, 12)) as pilot:
        main = app.main
        await wait_until(pilot, lambda: main.focused is main.topic_tree, "the tree's focus")
        main.reader_input()  # Tab came in ...
        main.post_message(events.Resize(Size(40, 12), Size(40, 12)))  # ... then a repeat size
        await pilot.pause()
        main.set_focus(main.detail)  # ... then Tab's focus change
        await settle(pilot)
        assert main.focused is main.detail
        assert main.has_class("-show-detail")  # the narrow layout shows the page
