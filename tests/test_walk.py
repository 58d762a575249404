"""One walk of a topic: the page, the Markdown report and the item lists follow it.

Also the derived data kept on the data set (`functools.cached_property`): made
once, kept, and no part of what the data set is.
"""

from __future__ import annotations

import pytest
from rich.text import Text

from tui import links
from tui.i18n import label
from tui.links import PageRef
from tui.model import LANGS, Dataset, Topic
from tui.render import HEADING, build_page
from tui.report import markdown_report, report_topics
from tui.walk import (
    SECTION_KEYS,
    FactItem,
    FigureItem,
    QuoteItem,
    dataset_items,
    topic_sections,
)


def test_every_topic_page_shows_the_walks_sections_in_its_order(bundled_dataset: Dataset) -> None:
    seen: set[str] = set()
    for topic in bundled_dataset.topics.values():
        keys = [section.key for section in topic_sections(bundled_dataset, topic)]
        seen.update(keys)
        for lang in LANGS:
            page = build_page(bundled_dataset, PageRef("topic", topic.id), lang)
            headings = [
                block.plain.strip()
                for block in page.blocks
                if isinstance(block, Text) and block.style == HEADING
            ]
            expected = [label(key, lang) for key in keys]
            assert headings in (expected, [*expected, label("sources", lang)]), topic.id
    # The bundled data has a topic with each kind of section, so each is checked.
    assert seen == set(SECTION_KEYS)


def test_the_markdown_report_walks_the_same_sections_but_the_timeline(
    bundled_dataset: Dataset,
) -> None:
    for lang in LANGS:
        report = markdown_report(bundled_dataset, lang)
        chapters = report.split("\n## ")[1 : len(bundled_dataset.topics) + 1]
        assert len(chapters) == len(bundled_dataset.topics)
        # The report lists topics in tree order; match each chapter to its topic by title.
        for topic, chapter in zip(_tree_order(bundled_dataset), chapters):
            headings = [line[4:] for line in chapter.splitlines() if line.startswith("### ")]
            keys = [s.key for s in topic_sections(bundled_dataset, topic) if s.key != "timeline"]
            expected = [label(key, lang) for key in keys]
            assert headings in (expected, [*expected, label("sources", lang)]), topic.id


def _tree_order(dataset: Dataset) -> list[Topic]:
    return list(report_topics(dataset))


def test_every_figure_fact_and_quote_is_walked_once_in_page_order(
    bundled_dataset: Dataset,
) -> None:
    items = list(dataset_items(bundled_dataset))
    facts = [(i.topic.id, i.number) for i in items if isinstance(i, FactItem)]
    quotes = [(i.topic.id, i.number) for i in items if isinstance(i, QuoteItem)]
    figures = [(i.topic.id, i.metric.id) for i in items if isinstance(i, FigureItem)]
    topics = bundled_dataset.topics.values()
    assert facts == [(t.id, n) for t in topics for n in range(len(t.facts))]
    assert quotes == [(t.id, n) for t in topics for n in range(len(t.quotes))]
    assert figures == [(t.id, m) for t in topics for m in t.metrics]
    assert len(facts) == bundled_dataset.fact_count
    # Topic by topic, figures before facts before quotes, as the page has them.
    rank = {FigureItem: 0, FactItem: 1, QuoteItem: 2}
    order = [(list(bundled_dataset.topics).index(i.topic.id), rank[type(i)]) for i in items]
    assert order == sorted(order)


def test_derived_data_is_made_once_and_kept(
    bundled_dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = bundled_dataset.replace()
    calls: list[Dataset] = []
    build = links.build_backlinks

    def counting(dataset: Dataset) -> links.Backlinks:
        calls.append(dataset)
        return build(dataset)

    monkeypatch.setattr(links, "build_backlinks", counting)
    first = links.backlinks(fresh)
    assert links.backlinks(fresh) is first
    assert fresh.backlinks is first
    assert calls == [fresh]
    assert fresh.children(None) is fresh.children(None)
    assert fresh.timeline_rows is fresh.timeline_rows


def test_derived_data_is_no_part_of_the_data_set(bundled_dataset: Dataset) -> None:
    fresh = bundled_dataset.replace()
    assert fresh.backlinks and fresh.timeline and fresh.disagreement_sides
    names = set(Dataset.FIELDS)
    assert names.isdisjoint({"backlinks", "timeline", "timeline_rows", "disagreement_sides"})
    assert fresh == bundled_dataset.replace()
    with pytest.raises(AttributeError):
        fresh.topics = {}  # type: ignore[misc]
