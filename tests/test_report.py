"""The report and the exports: same words as the pane, Markdown that stays literal, JSON that round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from drive import wait_for_page
from helpers import screen_text

from tui.factory import make_app
from tui.jsonio import dataset_from_json, dataset_to_json, subset
from tui.links import PageRef
from tui.loader import load_dataset
from tui.report import markdown_report, md_escape, report_topics, report_width, text_report
from tui.ui.widgets import TopicTree

HOSTILE = """\
[[source]]
id = "s"
title = "[red]Red[/red] *bold* <b>tag</b> [link](http://x) `code`"
url = "https://example.org/a_b"

[[person]]
id = "p"
name = "# Not a heading"

[[topic]]
id = "t"
title = "[/x] ESC\\u001b[2J and OSC\\u001b]8;;http://evil\\u0007"
summary = "# heading?\\n- list?\\n1. ordered?\\n> quote?"

[[topic.fact]]
text = "1. starts like a list | pipe & amp"
source = "s"
mentions = ["p"]
"""


@pytest.fixture()
def hostile(tmp_path: Path):  # type: ignore[no-untyped-def]
    file = tmp_path / "hostile.toml"
    file.write_text(HOSTILE, encoding="utf-8")
    return load_dataset([file])


def test_report_lists_every_topic_in_tree_order(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    order = [t.id for t in report_topics(bundled_dataset)]
    assert sorted(order) == sorted(bundled_dataset.topics)
    assert order[:2] == ["center", "center.showcase"]
    assert order.index("industry") < order.index("industry.tractors") < order.index("pharma")
    assert [t.id for t in report_topics(bundled_dataset, "trade")] == [
        "trade",
        "trade.turnover",
        "trade.import-substitution",
        "trade.innoprom",
        "trade.food",
    ]


async def test_text_report_says_what_the_pane_shows(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    # Render the Trade page in the running app and in the report at the pane's own
    # width: every line the pane shows is a line of the report.
    app = make_app(lang="en")
    async with app.run_test(size=(100, 60)) as pilot:
        app.query_one("#topics", TopicTree).select_topic("trade.turnover")
        # Built in its thread on a busy machine: wait for it, not for one turn.
        await wait_for_page(pilot, PageRef("topic", "trade.turnover"))
        pane = app.query_one("#detail")
        # The width the page is rendered at: inside the padding and the scrollbar.
        width = pane.scrollable_content_region.width
        rows = screen_text(app).splitlines()[2:-2]
    report = text_report(bundled_dataset, "en", topic_id="trade.turnover", width=width)
    report_lines = {line.strip() for line in report.splitlines()}
    # The pane is right of "││"; drop its right border and scrollbar.
    pane_lines = [row.split("││", 1)[1].rstrip(" │▇▅▂▁▃▄▆█").strip() for row in rows if "││" in row]
    assert len([line for line in pane_lines if line]) > 20
    for line in pane_lines:
        if line:
            assert line in report_lines


def test_report_width(monkeypatch: pytest.MonkeyPatch) -> None:
    assert report_width({}) == 80
    assert report_width({"COLUMNS": "120"}) == 120
    assert report_width({"COLUMNS": "wide"}) == 80
    assert report_width({"COLUMNS": "3"}) == 80


def test_text_report_of_hostile_data_carries_no_control(hostile) -> None:  # type: ignore[no-untyped-def]
    text = text_report(hostile, "en")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "[/x] ESC␛[2J" in text
    assert "[red]Red[/red]" in text  # markup in data is data
    assert "https://example.org/a_b" in text


def test_markdown_keeps_data_literal(hostile) -> None:  # type: ignore[no-untyped-def]
    md = markdown_report(hostile, "en")
    assert "## \\[/x\\] ESC␛\\[2J" in md
    assert (
        "\\[red\\]Red\\[/red\\] \\*bold\\* \\<b\\>tag\\</b\\> \\[link\\](http://x) \\`code\\`" in md
    )
    assert "\\# heading?\n\\- list?\n1\\. ordered?\n\\> quote?" in md
    assert "- 1\\. starts like a list \\| pipe \\& amp [1]" in md
    assert "- People: \\# Not a heading" in md
    # The URL is an autolink, not escaped.
    assert "<https://example.org/a_b>" in md


def test_md_escape_leaves_plain_numbers_alone() -> None:
    assert md_escape("3.0 bn, 1.87") == "3.0 bn, 1.87"
    assert md_escape("2. second") == "2\\. second"


def test_markdown_of_the_bundled_data(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    md = markdown_report(bundled_dataset, "en")
    assert md.startswith("# coop-tui — St Petersburg ⇄ Belarus\n\n## Center\n")
    for topic in report_topics(bundled_dataset):
        assert (
            f"\n## {md_escape(' › '.join(t.label('en') for t in bundled_dataset.path(topic.id)))}\n"
            in md
        )
    trade = markdown_report(bundled_dataset, "en", topic_id="trade.turnover")
    assert "### Figures" in trade and "### Facts" in trade and "### Sources" in trade
    assert "- Target $4.0bn · next target [2]" in trade and "≥75 %`" in trade
    assert "no 2025 figure reported yet" in trade and "≥100 %" not in trade
    assert "more than $3.0bn" in trade
    # Russian: the labels and the data switch.
    ru = markdown_report(bundled_dataset, "ru", topic_id="trade")
    assert ru.startswith("## Торговля\n") and "### Источники" in ru


def test_json_round_trips_the_model(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    text = dataset_to_json(bundled_dataset)
    back = dataset_from_json(text)
    assert back.topics == bundled_dataset.topics
    assert back.sources == bundled_dataset.sources
    assert back.entities == bundled_dataset.entities
    assert back.metrics == bundled_dataset.metrics
    assert back.disagreements == bundled_dataset.disagreements
    assert list(back.topics) == list(bundled_dataset.topics)  # order kept
    assert dataset_to_json(back) == text


def test_a_facts_own_date_reaches_every_output_as_precise_as_written(tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_text(
        '[[source]]\nid = "s"\ntitle = "S"\ndate = 2020-01-01\n'
        '[[topic]]\nid = "t"\ntitle = "T"\n'
        '[[topic.fact]]\ntext = "Buses delivered"\ndate = "2019-05"\nsource = "s"\n'
        '[[topic.fact]]\ntext = "Agreement signed"\ndate = 2019-06-02\nsource = "s"\n',
        encoding="utf-8",
    )
    dataset = load_dataset([data])
    document = json.loads(dataset_to_json(dataset))
    assert [f["date"] for f in document["topics"][0]["facts"]] == ["2019-05", "2019-06-02"]
    assert dataset_from_json(dataset_to_json(dataset)).topics == dataset.topics
    assert "- 2019-05: Buses delivered [1]" in markdown_report(dataset, "en")
    assert "• 2019-06-02: Agreement signed [1]" in text_report(dataset, "en", width=80)


def test_json_shape_is_as_documented(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(dataset_to_json(bundled_dataset))
    assert list(document) == [
        "format",
        "version",
        "sources",
        "entities",
        "metrics",
        "disagreements",
        "topics",
        "timeline",
    ]
    assert (document["format"], document["version"]) == ("coop-tui", 2)
    trade = next(t for t in document["topics"] if t["id"] == "trade.turnover")
    assert trade["parent"] == "trade"
    assert trade["title"] == {"ru": "Товарооборот и цели", "en": "Turnover and targets"}
    metric = next(m for m in document["metrics"] if m["id"] == "turnover-spb")
    latest = max(metric["observations"], key=lambda o: o["date"])
    assert latest["qualifier"] == "more-than" and latest["value"] == 3.0
    assert latest["span"] == "full-year" and latest["disagreement"] == "spb-3bn-passed"
    assert {d["id"] for d in document["disagreements"]} >= {"spb-3bn-passed", "spb-fleet-size"}
    assert isinstance(latest["date"], str)
    person = next(e for e in document["entities"] if e["id"] == "polyakov")
    assert person["kind"] == "person"


def test_json_subset_is_self_contained(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    part = subset(bundled_dataset, ["trade.turnover"])
    back = dataset_from_json(dataset_to_json(part))
    assert list(back.topics) == ["trade.turnover"]
    for topic in back.topics.values():
        for fact in topic.facts:
            assert fact.source in back.sources
        for entity in topic.mentions:
            assert entity in back.entities
        for metric in topic.metrics:
            for figure in back.metrics[metric].observations:
                assert figure.source in back.sources


def test_json_of_hostile_data_round_trips(hostile) -> None:  # type: ignore[no-untyped-def]
    back = dataset_from_json(dataset_to_json(hostile))
    assert back.topics == hostile.topics
    assert "\x1b" not in dataset_to_json(hostile)
