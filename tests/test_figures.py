"""Target rules, qualifiers and disagreements: a figure measures only a target of its own period."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pytest
from rich.console import Console

from tui.bars import bar_text
from tui.chart import chart_text
from tui.figures import measure, progress, scale_of
from tui.jsonio import dataset_to_json
from tui.links import ItemRef, PageRef
from tui.model import Lang, Localized, Metric, Observation, Target
from tui.render import Citations, amount_form, build_page, citation, metric_block, value_text
from tui.report import markdown_report, text_report

L = Localized
ROOT = Path(__file__).resolve().parent.parent


def obs(
    period: str,
    day: date,
    value: float | None,
    qualifier: str = "exact",
    span: str = "full-year",
) -> Observation:
    return Observation(L(period, period), day, value, "s", qualifier, span=span)  # type: ignore[arg-type]


DUE_2025 = Target(L("к концу 2025", "by the end of 2025"), 3.0, "t", date(2025, 12, 31))
UNDATED = Target(L("следующая", "next target"), 4.0, "t")
Y2024 = obs("2024", date(2024, 12, 31), 3.0, "more-than")


def metric(*observations: Observation, targets: tuple[Target, ...] = (DUE_2025, UNDATED)) -> Metric:
    return Metric("m", L("Оборот", "Turnover"), L("млрд", "USD bn"), observations, targets)


def block_text(m: Metric, lang: str = "en") -> str:
    class FakeDataset:
        sources: ClassVar[dict[str, object]] = {}
        entities: ClassVar[dict[str, object]] = {}

    console = Console(width=200, record=True, color_system=None, force_terminal=False)
    cite = Citations(FakeDataset())  # type: ignore[arg-type]
    for part in metric_block(m, lang, cite):  # type: ignore[arg-type]
        console.print(part)
    return console.export_text()


# ------------------------------------------------------------ which figure measures a target


def test_a_dated_target_is_measured_by_a_full_year_figure_of_its_year() -> None:
    part = obs("Jan–Jun 2025", date(2025, 6, 30), 1.6, span="part-year")
    full = obs("2025", date(2025, 12, 31), 3.2)
    found = measure(metric(Y2024, part, full), DUE_2025)
    assert found.rule == "full-year" and found.figure is full
    text = block_text(metric(Y2024, part, full))
    assert "✓ met · measured by the same year: 2025: 3.2 USD bn" in text


def test_without_a_full_year_the_latest_part_of_the_year_measures_it_shown_as_such() -> None:
    early = obs("Jan–Mar 2025", date(2025, 3, 31), 0.7, span="part-year")
    half = obs("Jan–Jun 2025", date(2025, 6, 30), 1.5, "more-than", span="part-year")
    found = measure(metric(Y2024, early, half), DUE_2025)
    assert found.rule == "part-year" and found.figure is half
    text = block_text(metric(Y2024, early, half))
    assert "Jan–Jun 2025: more than 1.5 USD bn (part of the year)" in text
    assert "○ at most 1.5 USD bn to go" in text


def test_with_no_figure_of_its_year_the_bar_is_empty_and_an_earlier_one_is_context() -> None:
    m = metric(obs("Jan–Sep 2023", date(2023, 9, 30), 2.0, "more-than", "part-year"), Y2024)
    found = measure(m, DUE_2025)
    assert found.rule == "no-figure" and found.figure is None and found.context is Y2024
    bar = bar_text(found, scale_of(m), 40).plain
    assert "█" not in bar and "┄" in bar and bar.endswith("—")
    text = block_text(m)
    assert (
        "· no 2025 figure reported yet; for context, not progress: 2024: more than 3.0 USD bn"
        in text
    )
    assert "≥100 %" not in text
    ru = block_text(m, "ru")
    assert "данных за 2025 год пока нет; для справки, не прогресс: 2024: более 3,0 млрд" in ru


def test_a_statement_with_no_period_never_measures_a_target() -> None:
    said = obs("mid-2025", date(2025, 7, 14), 3.5, "more-than", span="statement")
    found = measure(metric(Y2024, said), DUE_2025)
    assert found.figure is None and found.context is said
    assert measure(metric(said), UNDATED).figure is None


def test_an_undated_target_is_measured_by_the_latest_full_year_and_names_it() -> None:
    part = obs("H1 2025", date(2025, 6, 30), 2.0, span="part-year")
    found = measure(metric(obs("2023", date(2023, 12, 31), 2.8), Y2024, part), UNDATED)
    assert found.rule == "latest-full-year" and found.figure is Y2024 and found.year == 2024
    text = block_text(metric(Y2024, part))
    assert "measured by the latest full year: 2024: more than 3.0 USD bn" in text
    assert "≥75 %" in text


def test_an_undated_target_with_no_full_year_says_so() -> None:
    part = obs("H1 2025", date(2025, 6, 30), 2.0, span="part-year")
    found = measure(metric(part), UNDATED)
    assert found.rule == "no-full-year" and found.figure is None and found.context is part
    assert "no full-year figure reported yet" in block_text(metric(part))


# ------------------------------------------------------------ qualifiers decide the words


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 2.0, ("not-met", "exact", "0.5")),
        ("more-than", 2.0, ("not-met", "at-most", "0.5")),
        ("at-least", 2.0, ("not-met", "at-most", "0.5")),
        ("about", 2.0, ("not-met", "about", "0.5")),
        ("up-to", 2.0, ("not-met", "at-least", "0.5")),
        ("less-than", 2.0, ("not-met", "more-than", "0.5")),
        ("almost", 2.0, ("not-met", "more-than", "0.5")),
        ("almost", 3.0, ("unknown", "exact", None)),
        ("almost", 2.5, ("not-met", "more-than", "0.0")),
        ("exact", 2.5, ("met", "exact", None)),
        ("more-than", 2.5, ("met", "exact", None)),
        ("at-least", 3.0, ("met", "exact", None)),
        ("about", 2.6, ("about", "exact", None)),
        ("up-to", 3.0, ("unknown", "exact", None)),
        ("less-than", 3.0, ("unknown", "exact", None)),
        ("less-than", 2.5, ("not-met", "more-than", "0.0")),
        ("up-to", 2.5, ("unknown", "exact", None)),
    ],
)
def test_each_qualifier_keeps_its_meaning_in_what_is_left(
    qualifier: str, value: float, expected: tuple[str, str, str | None]
) -> None:
    target = Target(L("t", "t"), 2.5, "t")
    result = progress(obs("2024", date(2024, 12, 31), value, qualifier), target)
    state, bound, left = expected
    assert result.state == state and result.bound == bound
    assert result.left == (Decimal(left) if left is not None else None)


@pytest.mark.parametrize(
    ("qualifier", "words"),
    [
        ("exact", "○ 0.5 USD bn to go"),
        ("more-than", "○ at most 0.5 USD bn to go"),
        ("at-least", "○ at most 0.5 USD bn to go"),
        ("about", "○ about 0.5 USD bn to go"),
        ("up-to", "○ at least 0.5 USD bn to go"),
        ("less-than", "○ more than 0.5 USD bn to go"),
        ("almost", "○ more than 0.5 USD bn to go"),
    ],
)
def test_the_bar_says_what_is_left_in_the_qualifiers_words(qualifier: str, words: str) -> None:
    target = Target(L("t", "t"), 2.5, "t")
    m = metric(obs("2024", date(2024, 12, 31), 2.0, qualifier), targets=(target,))
    assert words in block_text(m)


def test_what_is_left_is_exact_not_a_floats_rounding() -> None:
    target = Target(L("t", "t"), 3.0, "t")
    m = metric(obs("2021", date(2021, 12, 31), 1.87), targets=(target,))
    assert "○ 1.13 USD bn to go" in block_text(m)
    assert "осталось 1,13 млрд" in block_text(m, "ru")


def test_a_value_above_the_target_is_met_and_drawn_past_it() -> None:
    target = Target(L("t", "t"), 4.0, "t")
    m = metric(obs("2024", date(2024, 12, 31), 6.0), targets=(target,))
    text = block_text(m)
    assert "✓ met" in text and "150 %" in text and "to go" not in text


def test_met_and_unmet_read_apart_without_colour() -> None:
    met = block_text(metric(obs("2025", date(2025, 12, 31), 3.2)))
    unmet = block_text(metric(obs("2025", date(2025, 12, 31), 2.0)))
    assert "✓ met" in met and "○" not in met.split("Target 3.0")[1].split("Target 4.0")[0]
    assert "○ 1.0 USD bn to go" in unmet


def test_the_bars_of_one_metric_share_one_scale() -> None:
    m = metric(
        obs("2024", date(2024, 12, 31), 3.0),
        targets=(
            Target(L("a", "a"), 3.0, "t"),
            Target(L("b", "b"), 4.0, "t"),
        ),
    )
    scale = scale_of(m)
    first, second = (bar_text(measure(m, t), scale, 46).plain for t in m.targets)
    # The same figure (3.0) is drawn the same length on both bars.
    assert first.count("█") == second.count("█")
    # The 3.0 target ends at three quarters of the 4.0 one.
    assert second.index("│") > first.count("█")
    assert abs((first.count("█")) / (second.index("│") + 1) - 0.75) < 0.05


def test_the_header_does_not_double_its_brackets() -> None:
    m = Metric("m", L("T (S series)", "Turnover (S series)"), L("u", "USD bn"), (Y2024,), ())
    text = block_text(m)
    assert "Turnover (S series), USD bn" in text and ") (" not in text


# ------------------------------------------------------------ check refuses


def check(tmp_path: Path, metrics: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "data.toml").write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n\n[[topic]]\nid = "t"\ntitle = "T"\n'
        'metrics = ["m"]\n\n[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n' + metrics,
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "tui", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("value", ["0", "-3", "0.0"])
def test_check_refuses_a_zero_or_negative_target_with_file_line_column(
    tmp_path: Path, value: str
) -> None:
    result = check(tmp_path, f'[[metric.target]]\nlabel = "x"\nvalue = {value}\nsource = "s"\n')
    assert result.returncode == 1
    what = "negative" if value.startswith("-") else "zero"
    assert f"data.toml:16:9: metric[0].target[0].value: {what} target" in result.stdout
    assert "a number greater than zero" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_requires_a_span_and_knows_its_values(tmp_path: Path) -> None:
    base = '[[metric.observation]]\nperiod = "2024"\ndate = 2024-12-31\nsource = "s"\n'
    result = check(tmp_path, base)
    assert result.returncode == 1
    assert "metric[0].observation[0].span: missing required key 'span'" in result.stdout
    assert "full-year, part-year, statement" in result.stdout
    result = check(tmp_path, base + 'span = "quarter"\n')
    assert "data.toml:18:8: metric[0].observation[0].span: unknown span 'quarter'" in result.stdout


def test_check_refuses_a_disagreement_with_one_side(tmp_path: Path) -> None:
    result = check(
        tmp_path,
        '[[metric.observation]]\nperiod = "2024"\ndate = 2024-12-31\nspan = "full-year"\n'
        'source = "s"\ndisagreement = "d"\n\n[[disagreement]]\nid = "d"\nabout = "A"\n',
    )
    assert result.returncode == 1
    assert "disagreement 'd' has 1 side" in result.stdout


# ------------------------------------------------------------ the bundled data


def page_text(dataset, topic_id: str, lang: str, width: int = 200) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(build_page(dataset, PageRef("topic", topic_id), lang).renderable())  # type: ignore[arg-type]
    return console.export_text()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_bundled_trade_page_no_longer_calls_the_2025_target_met(bundled_dataset, lang) -> None:  # type: ignore[no-untyped-def]
    text = page_text(bundled_dataset, "trade", lang)
    words = {
        "en": (
            "Target $3.0bn",
            "no 2025 figure reported yet",
            "for context, not progress: 2024: more than $3.0bn",
            "sources disagree",
        ),
        "ru": (
            "Цель 3,0 млрд долл.",
            "данных за 2025 год пока нет",
            "для справки, не прогресс: 2024: более 3,0 млрд долл.",
            "источники расходятся",
        ),
    }[lang]
    for phrase in words:
        assert phrase in text, phrase
    assert "≥100 %" not in text
    for output in (
        text_report(bundled_dataset, lang, topic_id="trade", width=120),
        markdown_report(bundled_dataset, lang, topic_id="trade"),
    ):
        for phrase in words:
            assert phrase in output, phrase
        assert "≥100 %" not in output


def test_both_sides_of_each_disagreement_are_shown_with_their_sources(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    fleet = page_text(bundled_dataset, "center.maz", "en", 600)
    section = fleet.split("\nSources disagree\n")[1]
    assert "More than 1,900 Belarusian buses and more than 240 trolleybuses" in section
    assert "About 2,000 Belarusian buses" in section
    assert "78.ru, 2025-05-22" in section and "Piter.tv" in section
    trade = page_text(bundled_dataset, "trade", "en").split("\nSources disagree\n")[1]
    assert "2024: more than $3.0bn — Alexander Beglov" in trade
    assert "Target $3.0bn · by the end of 2025 — Kirill Polyakov" in trade


def test_the_chart_keeps_the_series_apart_and_marks_spans_and_bounds(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    spb = chart_text(bundled_dataset.metrics["turnover-spb"], "en", 40)
    by = chart_text(bundled_dataset.metrics["turnover-by"], "en", 40)
    assert all(len(line) <= 40 for line in spb + by)
    assert "1.743" not in "\n".join(spb) and "1.87" not in "\n".join(by)
    joined = "\n".join(spb)
    assert "▒" in joined and "█" in joined and "+" in joined and "┆" in joined
    assert "◆" in "\n".join(by)  # Lukashenko's mid-2025 statement: a point, not a bar


# ------------------------------------------------------------ qualifiers survive everywhere


@pytest.mark.slow
def test_every_qualifier_survives_into_every_output(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(dataset_to_json(bundled_dataset))
    exported = {m["id"]: m for m in document["metrics"]}
    pages: dict[tuple[str, str], dict[str, str]] = {}  # each topic's outputs, made once

    def whole(topic_id: str, lang: Lang) -> dict[str, str]:
        if (topic_id, lang) not in pages:
            pages[topic_id, lang] = {
                "pane": page_text(bundled_dataset, topic_id, lang, 400),
                "text": text_report(bundled_dataset, lang, topic_id=topic_id, width=400),
                "md": markdown_report(bundled_dataset, lang, topic_id=topic_id),
            }
        return pages[topic_id, lang]

    for topic in bundled_dataset.topics.values():
        for metric_id in topic.metrics:
            m = bundled_dataset.metrics[metric_id]
            for index, observation in enumerate(m.observations):
                assert (
                    exported[metric_id]["observations"][index]["qualifier"] == observation.qualifier
                )
                for lang in ("en", "ru"):
                    said = value_text(observation, amount_form(m, lang), lang)
                    if observation.value is not None and observation.qualifier != "exact":
                        assert said.split()[0] in (
                            "more",
                            "at",
                            "about",
                            "up",
                            "less",
                            "almost",
                            "более",
                            "не",
                            "около",
                            "до",
                            "менее",
                            "почти",
                        )
                    outputs = {
                        **whole(topic.id, lang),
                        "copy": citation(
                            bundled_dataset,
                            PageRef("topic", topic.id),
                            lang,
                            ItemRef(topic.id, "observation", index, metric_id),
                        ),
                    }
                    for name, output in outputs.items():
                        assert said in output, (name, metric_id, index, lang, said)


@pytest.mark.parametrize("topic_id", ["trade", "center.maz", "industry.tractors"])
def test_a_copied_citation_numbers_sources_as_the_page_does(bundled_dataset, topic_id) -> None:  # type: ignore[no-untyped-def]
    page = page_text(bundled_dataset, topic_id, "en", 400)
    listed = page.split("\nSources\n")[1]
    copied = citation(bundled_dataset, PageRef("topic", topic_id), "en")
    for line in copied.split("Sources:\n")[1].splitlines():
        number, title = line.split(" ", 1)
        assert f"{number} {title.split(' — ')[0]}" in listed, line
    topic = bundled_dataset.topics[topic_id]
    for index, fact in enumerate(topic.facts):
        one = citation(
            bundled_dataset, PageRef("topic", topic_id), "en", ItemRef(topic_id, "fact", index)
        )
        marker = one.splitlines()[-1].split(" ")[0]
        title = bundled_dataset.sources[fact.source].title.get("en")
        assert f"{marker} {title}" in listed


def test_check_wants_one_place_for_the_number_in_an_amount_form(tmp_path: Path) -> None:
    (tmp_path / "data.toml").write_text(
        '[[topic]]\nid = "t"\ntitle = "T"\n\n[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n'
        'amount = { ru = "{} млрд", en = "$bn" }\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "data.toml:9:" in result.stdout and "metric[0].amount.en" in result.stdout
    assert "the amount form '$bn' has 0 '{}'" in result.stdout


def test_an_amount_form_puts_the_number_in_its_place() -> None:
    m = Metric(
        "m",
        L("Оборот", "Turnover"),
        L("млрд долл. США", "USD bn"),
        (Y2024,),
        (UNDATED,),
        amount=L("{} млрд долл.", "${}bn"),
    )
    assert "Target $4.0bn" in block_text(m) and "at most $1.0bn to go" in block_text(m)
    assert "Цель 4,0 млрд долл." in block_text(m, "ru")
    assert "Turnover · USD bn" in block_text(m)


def test_search_finds_a_disagreement_on_the_pages_that_show_it(bundled_dataset) -> None:  # type: ignore[no-untyped-def]
    from tui.search import SearchIndex

    index = SearchIndex(bundled_dataset)
    # center.maz says "run on the city's routes": only the disagreement says "serve".
    found = {m.ref.id for m in index.search("trolleybuses serve", "en")}
    assert {"center.showcase", "center.maz"} <= found
    assert {"trade", "trade.turnover"} <= {m.ref.id for m in index.search("passed $3bn", "en")}
