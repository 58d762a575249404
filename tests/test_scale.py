"""A generated mid-size data set (5,000 facts): it loads strictly, opens, moves and shows topics.

Speed is measured by benchmarks/bench.py, never asserted here.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from drive import wait_until
from helpers import screen_text
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.factory import make_app
from tui.loader import DataError, load_dataset
from tui.render import topic_title
from tui.ui.app import CoopApp
from tui.ui.widgets import DetailBox, DetailPane, TopicTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_dataset import make_dataset

FACTS = 5000


async def _loaded(app: CoopApp, pilot: Pilot[None]) -> None:
    """Wait for the background load: it starts after the first paint."""
    await wait_until(
        pilot,
        lambda: not app.loading or app.load_error is not None,
        "the background load to end",
    )
    # A failed load ends the App, which cancels the (finished) worker.
    with contextlib.suppress(WorkerCancelled):
        await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("facts-5k")
    make_dataset(FACTS, out)
    return out


def test_generated_data_is_valid_deep_bilingual_and_deterministic(
    folder: Path, tmp_path: Path
) -> None:
    data = load_dataset([folder])
    assert data.fact_count == FACTS
    assert len(data.topics) == FACTS // 10
    assert [t.label("en") for t in data.roots] == ["Center", "Industry", "Pharma", "Trade"]
    assert [t.label("ru") for t in data.roots][1:] == ["Промышленность", "Фармацевтика", "Торговля"]
    assert max(len(data.path(topic_id)) for topic_id in data.topics) >= 4
    kinds = {entity.kind for entity in data.entities.values()}
    assert kinds == {"organisation", "person", "place", "event"}
    assert data.sources and data.metrics
    assert any(topic.quotes for topic in data.topics.values())
    # Positions are worked out on demand, and still point at `id = "..."`.
    where = data.locations["industry"]
    assert where.line is not None and where.column is not None
    line = Path(where.file).read_text(encoding="utf-8").splitlines()[where.line - 1]
    assert line[where.column - 1 :] == '"industry"'
    again = tmp_path / "again"
    make_dataset(FACTS, again)
    for file in sorted(folder.iterdir()):
        assert (again / file.name).read_bytes() == file.read_bytes()


async def test_big_data_opens_on_its_roots_then_loads_in_the_background(folder: Path) -> None:
    app = make_app([folder], lang="en", background=True)
    async with app.run_test(size=(80, 24)) as pilot:
        # The first screen names the roots before the data set is loaded.
        first = screen_text(app)
        for name in ("Center", "Industry", "Pharma", "Trade"):
            assert name in first
        await _loaded(app, pilot)
        assert not app.loading
        assert app.dataset.fact_count == FACTS
        assert app.topic_id == "center"
        # → opens Center; ↓ walks its subtopics and the detail pane follows.
        await pilot.press("right", "down")
        child = app.dataset.children("center")[0]
        assert app.topic_id == child.id
        cursor = app.query_one(TopicTree).cursor_node
        assert cursor is not None and cursor.data == child.id
        await pilot.press("down")
        second = app.dataset.children("center")[1]
        assert app.topic_id == second.id
        assert str(app.query_one(DetailBox).border_title) == topic_title(
            app.dataset, second.id, "en"
        )
        assert second.summary is not None
        assert second.summary.get("en")[:30] in screen_text(app)


async def test_bad_big_data_ends_with_the_loaders_message_and_code_1(
    folder: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for file in folder.iterdir():
        (bad / file.name).write_bytes(file.read_bytes())
    topics = bad / "4-topics-000.toml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text.replace('source = "src-', 'source = "nosuch-', 1), encoding="utf-8")
    with pytest.raises(DataError) as expected:
        load_dataset([bad])
    app = make_app([bad], lang="en", background=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(app, pilot)
    assert app.return_code == 1
    assert str(app.load_error) == str(expected.value)
    assert "4-topics-000.toml:" in str(app.load_error)
    assert "unknown id 'nosuch-" in str(app.load_error)


def test_command_line_prints_a_background_load_error_and_exits_1(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui import cli, factory

    bad = tmp_path / "bad.toml"
    bad.write_text((folder / "4-topics-000.toml").read_text(encoding="utf-8"), encoding="utf-8")
    # Small enough to load eagerly otherwise: force the background path the
    # command line takes for big data.
    monkeypatch.setattr(factory, "EAGER_BYTES", 0)
    # A terminal, so that the command line starts the App rather than printing
    # the report; the App then runs headless, as the tests run it.
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    ran: list[CoopApp] = []

    async def run_headless(self: CoopApp, **_options: object) -> int | None:
        ran.append(self)
        async with self.run_test(size=(80, 24)) as pilot:
            await _loaded(self, pilot)
        return self.return_code

    monkeypatch.setattr(CoopApp, "run_async", run_headless)
    assert cli.main(["--data", str(bad), "--lang", "en"]) == 1
    assert len(ran) == 1 and ran[0].load_error is not None  # the App opened, then failed
    err = capsys.readouterr().err
    assert err.startswith("coop-tui: the data has errors:\n")
    assert "unknown id" in err


async def test_a_rendered_page_follows_the_theme_and_the_width() -> None:
    # Pages are rendered once and kept: a theme or a new width must not show stale lines.
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(DetailPane)
        before = next(iter(pane.render_line(0))).style
        app.theme = "coop-light"
        await pilot.pause()
        after = next(iter(pane.render_line(0))).style
        assert before is not None and after is not None
        assert before.bgcolor != after.bgcolor
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert pane.virtual_size.width == pane.scrollable_content_region.width
        assert "Center of Belarusian Machinery" in screen_text(app)
