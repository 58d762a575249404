"""The renderer, without Textual: what the detail pane and report print."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import pytest
from rich.console import Console, RenderableType

from tui.bars import bar_text
from tui.figures import measure
from tui.i18n import format_date, format_number, lang_from_environment, search_count
from tui.model import Dataset, Localized, Metric, Observation, Target
from tui.render import Citations, metric_block, topic_page

L = Localized


def plain(renderable: RenderableType, width: int = 70) -> str:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(renderable)
    return console.export_text()


def observation(value: float | None, qualifier: str = "exact") -> Observation:
    return Observation(L("2024", "2024"), date(2024, 12, 31), value, "s", qualifier)  # type: ignore[arg-type]


def bar(value: float | None, target: float, qualifier: str = "exact", width: int = 30) -> str:
    """An undated target's bar on its own scale (the larger of target and value)."""
    goal = Target(L("t", "t"), target, "s")
    metric = Metric("m", L("m", "m"), L("u", "u"), (observation(value, qualifier),), (goal,))
    scale = max(target, value or 0.0)
    return bar_text(measure(metric, goal), scale, width).plain


def test_bar_fills_in_proportion_and_says_the_percentage() -> None:
    text = bar(3.0, 4.0)
    assert text.endswith(" 75 %")
    cells = text.split()[0]
    filled = cells.count("█") + cells.count("▌") / 2
    assert abs(filled / len(cells) - 0.75) <= 1 / len(cells)
    assert "░" in cells and cells.endswith("│")


def test_more_than_is_shown_as_at_least() -> None:
    assert bar(3.0, 3.0, "more-than").endswith("≥100 %")
    assert bar(3.0, 4.0, "more-than").endswith("≥75 %")


def test_overshoot_is_drawn_past_the_target_not_clamped() -> None:
    text = bar(6.0, 4.0)
    assert text.endswith("150 %")
    cells = text.rsplit(" ", 2)[0]
    assert cells.count("█") > 20  # the whole bar: the value is the scale
    assert "░" not in text


def test_missing_value_is_shown_as_missing_not_zero() -> None:
    text = bar(None, 4.0)
    assert text.endswith("—")
    assert "█" not in text and "0 %" not in text and "┄" in text


def test_bar_fits_the_width_it_is_given() -> None:
    for width in (12, 30, 55):
        assert len(bar(3.0, 4.0, width=width)) == width


def test_metric_block_names_value_target_unit_and_sources() -> None:
    metric = Metric(
        "m",
        L("Товарооборот", "Turnover"),
        L("млрд долл.", "USD bn"),
        observations=(
            Observation(L("2024", "2024"), date(2024, 12, 31), 3.0, "a", "more-than"),
            Observation(
                L("9 мес. 2021", "Jan–Sep 2021"), date(2021, 9, 30), 1.87, "b", span="part-year"
            ),
        ),
        targets=(Target(L("к концу 2025", "by end of 2025"), 3.0, "c", date(2025, 12, 31)),),
    )

    class FakeDataset:
        sources: ClassVar[dict[str, object]] = {}
        entities: ClassVar[dict[str, object]] = {}

    cite = Citations(FakeDataset())  # type: ignore[arg-type]
    text = "".join(plain(part, 200) for part in metric_block(metric, "en", cite))
    assert "Turnover · USD bn" in text
    assert "Latest full year: 2024: more than 3.0 USD bn" in text
    assert "Target 3.0 USD bn · by end of 2025 (due 2025-12-31)" in text
    # A 2024 figure is no progress towards a 2025 target.
    assert "≥100 %" not in text and "no 2025 figure reported yet" in text
    assert "for context, not progress: 2024: more than 3.0 USD bn" in text
    assert "Jan–Sep 2021: 1.87 USD bn (part of the year)" in text
    assert "[1]" in text and "[2]" in text and "[3]" in text


def test_numbers_follow_the_language() -> None:
    assert format_number(1.743, "ru") == "1,743"
    assert format_number(1.743, "en") == "1.743"
    assert format_number(3.0, "en") == "3.0"


def test_language_from_the_locale() -> None:
    assert lang_from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert lang_from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert lang_from_environment({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) == "en"
    assert lang_from_environment({"LC_MESSAGES": "ru_BY.UTF-8", "LANG": "en_US"}) == "ru"
    assert lang_from_environment({}) == "en"


def test_quotes_carry_speaker_role_date_and_source(bundled_dataset: Dataset) -> None:
    topics_with_quotes = [t for t in bundled_dataset.topics.values() if t.quotes]
    assert topics_with_quotes
    for topic in topics_with_quotes:
        for lang in ("en", "ru"):
            text = plain(topic_page(bundled_dataset, topic.id, lang), width=200)
            for quote in topic.quotes:
                speaker = bundled_dataset.entities[quote.speaker]
                assert quote.text.get(lang)[:30] in text
                assert speaker.name.get(lang) in text
                assert speaker.role is not None and speaker.role.get(lang)[:20] in text
                assert format_date(quote.date, lang) in text


def test_every_cited_source_is_listed_with_its_url(bundled_dataset: Dataset) -> None:
    for topic in bundled_dataset.topics.values():
        text = plain(topic_page(bundled_dataset, topic.id, "en"), width=300)
        cited = {f.source for f in topic.facts} | {q.source for q in topic.quotes}
        for source_id in cited:
            source = bundled_dataset.sources[source_id]
            assert source.title.get("en") in text
            if source.url:
                assert source.url in text


def test_the_two_turnover_series_never_share_a_bar(bundled_dataset: Dataset) -> None:
    turnover = [m for m in bundled_dataset.metrics.values() if "turnover" in m.id]
    assert len(turnover) >= 2
    for metric in turnover:
        sources = {o.source for o in metric.observations}
        assert sources, metric.id
    spb = bundled_dataset.metrics["turnover-spb"]
    assert sorted(t.value for t in spb.targets) == [3.0, 4.0]
    assert all(t.value not in (3.0, 4.0) for t in bundled_dataset.metrics["turnover-by"].targets)


@pytest.mark.parametrize(
    ("matches", "topics", "lang", "expected"),
    [
        (1, 1, "en", "1 match in 1 topic"),
        (7, 2, "en", "7 matches in 2 topics"),
        (1, 0, "en", "1 match in 0 topics"),
        (93, 13, "ru", "93 совп. в 13 темах"),
        (1, 1, "ru", "1 совп. в 1 теме"),
        (21, 21, "ru", "21 совп. в 21 теме"),
        (11, 11, "ru", "11 совп. в 11 темах"),
        (3, 3, "ru", "3 совп. в 3 темах"),
    ],
)
def test_the_search_tally_agrees_with_its_numbers(
    matches: int, topics: int, lang: str, expected: str
) -> None:
    assert search_count(matches, topics, lang) == expected  # type: ignore[arg-type]
