"""What `check` accepts, every view handles: the data format's limits, and figures at their edges.

Each test here reproduces a crash or a freeze found on data that `check` used
to accept (issue 14): a figure of 1e308, a target of 1e-308, a negative figure,
a 31-digit integer, an integer of 5,000 digits, a chain of 1,000 topics.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import screen_text
from rich.cells import cell_len

from tui.app import CoopApp
from tui.bars import bar_text, percent_text
from tui.figures import measure, scale_of
from tui.jsonio import dataset_from_json, dataset_to_json
from tui.limits import MAX_DEPTH, MAX_ITEMS, MAX_LONG_TEXT, MAX_SHORT_TEXT
from tui.links import PageRef
from tui.loader import DataError, Problem, load_dataset
from tui.numbers import PERCENT_WIDTH, format_number
from tui.numbers import percent_text as percent_of
from tui.report import markdown_report, write_text_report
from tui.widgets import DetailPane, TopicTree

HEAD = '[[source]]\nid = "s"\ntitle = "S"\n\n'


def metric_file(value: str, target: str = "3") -> str:
    return (
        HEAD + '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n'
        '[[metric.observation]]\nperiod = "2024"\ndate = 2024-12-31\nspan = "full-year"\n'
        f'value = {value}\nsource = "s"\n'
        f'[[metric.target]]\nlabel = "L"\nvalue = {target}\nsource = "s"\n\n'
        '[[topic]]\nid = "t"\ntitle = "T"\nmetrics = ["m"]\n'
    )


def chain_file(length: int) -> str:
    topics = ['[[topic]]\nid = "c0"\ntitle = "C0"\n']
    topics += [
        f'[[topic]]\nid = "c{i}"\nparent = "c{i - 1}"\ntitle = "C{i}"\n' for i in range(1, length)
    ]
    return HEAD + "\n".join(topics)


def write(tmp_path: Path, text: str) -> Path:
    file = tmp_path / "data.toml"
    file.write_text(text, encoding="utf-8")
    return file


def problems(tmp_path: Path, text: str) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_dataset([write(tmp_path, text)])
    return caught.value.problems


def every_output(dataset: object) -> None:
    """The report, both exports, and the JSON read back: none may raise."""
    for lang in ("en", "ru"):
        out = io.StringIO()
        write_text_report(out, dataset, lang, width=80)  # type: ignore[arg-type]
        markdown_report(dataset, lang)  # type: ignore[arg-type]
    back = dataset_from_json(dataset_to_json(dataset))  # type: ignore[arg-type]
    for part in ("topics", "sources", "entities", "metrics"):
        assert getattr(back, part) == getattr(dataset, part)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e308", "number out of range: 1e+308"),
        ("-1e13", "number out of range: -10000000000000.0"),
        ("1" + "0" * 30, "number out of range: 1" + "0" * 30),
    ],
)
def test_figures_past_a_trillion_are_refused_where_they_are(
    tmp_path: Path, value: str, expected: str
) -> None:
    (problem,) = problems(tmp_path, metric_file(value))
    assert (problem.location.line, problem.location.column) == (13, 9)
    assert problem.key_path == "metric[0].observation[0].value"
    assert problem.message == expected
    assert problem.expected == "a number from -1e12 to 1e12"


def test_an_integer_of_thousands_of_digits_is_a_clean_problem(tmp_path: Path) -> None:
    # tomli itself raises a bare ValueError on it (int() refuses 4,300+ digits).
    (problem,) = problems(tmp_path, metric_file("7" * 5000))
    assert "internal error" not in problem.message
    assert (problem.location.line, problem.location.column) == (13, 9)
    assert problem.message == "a number with thousands of digits"


@pytest.mark.parametrize("target", ["0", "-3", "0.0"])
def test_a_target_must_be_above_zero(tmp_path: Path, target: str) -> None:
    (problem,) = problems(tmp_path, metric_file("3", target))
    assert problem.key_path == "metric[0].target[0].value"
    assert problem.expected == "a number greater than zero"


@pytest.mark.parametrize(
    ("value", "target"),
    [("1e12", "1e-308"), ("-1e12", "1e-300"), ("3", "5e-324"), ("-1000", "3"), ("1e-300", "1e12")],
)
def test_extreme_figures_within_the_limits_render_everywhere(
    tmp_path: Path, value: str, target: str
) -> None:
    dataset = load_dataset([write(tmp_path, metric_file(value, target))])
    every_output(dataset)
    metric = dataset.metrics["m"]
    measured = measure(metric, metric.targets[0])
    assert len(percent_text(measured)) <= PERCENT_WIDTH
    for width in (11, 30, 60):
        # The bar never runs past the width it is given (a negative figure drew 10,000 cells).
        assert cell_len(bar_text(measured, scale_of(metric), width).plain) == width


def test_a_negative_figure_shows_as_negative_and_fills_nothing(tmp_path: Path) -> None:
    dataset = load_dataset([write(tmp_path, metric_file("-1000"))])
    metric = dataset.metrics["m"]
    bar = bar_text(measure(metric, metric.targets[0]), scale_of(metric), 40).plain
    assert bar.endswith("<-99 %") and "█" not in bar
    out = io.StringIO()
    write_text_report(out, dataset, "en", width=80)
    assert "2024: -1000 U" in out.getvalue()


def test_an_overshoot_past_999_percent_is_capped_in_words(tmp_path: Path) -> None:
    dataset = load_dataset([write(tmp_path, metric_file("1e12", "1e-308"))])
    metric = dataset.metrics["m"]
    assert percent_text(measure(metric, metric.targets[0])) == ">999 %"


def test_integers_stay_integers_and_floats_stay_as_written() -> None:
    assert format_number(30, "en") == "30"
    assert format_number(3.0, "en") == "3.0"
    assert format_number(1.743, "ru") == "1,743"
    assert format_number(10**12, "en") == "1,000,000,000,000"
    assert format_number(10**12, "ru") == "1\u00a0000\u00a0000\u00a0000\u00a0000"
    assert format_number(-1000, "en") == "-1000"
    assert format_number(1.5e-300, "ru") == "1,5e-300"
    assert format_number(-123456789012.34567, "en") == "-123,456,789,012.34567"
    # Never more than 22 characters, cut visibly rather than rounded.
    assert len(format_number(-0.00012345678901234567, "en")) == 22
    assert format_number(-0.00012345678901234567, "en").endswith("…")


def test_percent_text_never_overflows() -> None:
    assert percent_of(float("inf"), "", floor=True) == ">999 %"
    assert percent_of(-float("inf"), "", floor=True) == "<-99 %"
    assert percent_of(2.99 / 3, "≥", floor=True) == "≥99 %"
    assert percent_of(1.0, "", floor=True) == "100 %"
    assert percent_of(0.3 / 0.4, "", floor=True) == "75 %"


def test_a_thirty_one_digit_figure_was_shown_as_a_float(tmp_path: Path) -> None:
    # Within the limit now, an integer written as such is shown as such.
    dataset = load_dataset([write(tmp_path, metric_file("999999999999", "1000000000000"))])
    out = io.StringIO()
    write_text_report(out, dataset, "en", width=80)
    assert "2024: 999,999,999,999 U" in out.getvalue()
    assert "Target 1,000,000,000,000 U" in out.getvalue()
    assert "○ 1 U to go" in out.getvalue() and "99 %" in out.getvalue()
    assert "999.0" not in out.getvalue() and "000.0" not in out.getvalue()


# ---------------------------------------------------------------- depth, counts, lengths


def test_a_chain_of_a_thousand_topics_is_refused_once_at_the_first_too_deep(
    tmp_path: Path,
) -> None:
    (problem,) = problems(tmp_path, chain_file(1000))
    assert problem.key_path == f"topic[{MAX_DEPTH}].parent"
    assert problem.message == f"topic 'c{MAX_DEPTH}' is {MAX_DEPTH + 1} levels deep"
    assert problem.location.line is not None


def test_the_deepest_chain_allowed_exports_in_proportion(tmp_path: Path) -> None:
    dataset = load_dataset([write(tmp_path, chain_file(MAX_DEPTH))])
    markdown = markdown_report(dataset, "en")
    assert len(markdown) < 20_000
    every_output(dataset)


async def test_the_deepest_topic_allowed_opens_in_the_tree(tmp_path: Path) -> None:
    dataset = load_dataset([write(tmp_path, chain_file(MAX_DEPTH))])
    app = CoopApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        deepest = f"c{MAX_DEPTH - 1}"
        app.query_one(TopicTree).select_topic(deepest)
        app.open_page(PageRef("topic", deepest))
        await pilot.pause()
        assert app.page == PageRef("topic", deepest)
        assert f"C{MAX_DEPTH - 1}" in screen_text(app)
    assert app.return_code in (None, 0)


def test_too_many_subtopics_are_refused(tmp_path: Path) -> None:
    limit = MAX_ITEMS["topic.children"]
    topics = ['[[topic]]\nid = "r"\ntitle = "R"\n']
    topics += [f'[[topic]]\nid = "k{i}"\nparent = "r"\ntitle = "K"\n' for i in range(limit + 1)]
    (problem,) = problems(tmp_path, HEAD + "".join(topics))
    assert problem.key_path == f"topic[{limit + 1}].parent"
    assert problem.message == f"topic 'r' has more than {limit:,} subtopics"


def test_too_many_facts_on_one_topic_are_refused(tmp_path: Path) -> None:
    limit = MAX_ITEMS["topic.fact"]
    facts = '[[topic.fact]]\ntext = "F"\nsource = "s"\n' * (limit + 1)
    (problem,) = problems(tmp_path, HEAD + '[[topic]]\nid = "t"\ntitle = "T"\n' + facts)
    assert problem.key_path == "topic[0].fact"
    assert problem.message == f"too many [[topic.fact]]: {limit + 1:,}"
    assert problem.expected == f"at most {limit:,} [[topic.fact]] in one [[topic]]"


def test_too_many_mentions_are_refused(tmp_path: Path) -> None:
    limit = MAX_ITEMS["topic.mentions"]
    ids = ", ".join(f'"e{i}"' for i in range(limit + 1))
    found = problems(tmp_path, HEAD + f'[[topic]]\nid = "t"\ntitle = "T"\nmentions = [{ids}]\n')
    assert found[0].key_path == "topic[0].mentions"
    assert found[0].message == f"too many ids: {limit + 1:,}"
    assert found[0].expected == f"at most {limit:,} ids in one [[topic]]"


@pytest.mark.parametrize(("key", "limit"), [("title", MAX_SHORT_TEXT), ("summary", MAX_LONG_TEXT)])
def test_text_past_its_length_is_refused(tmp_path: Path, key: str, limit: int) -> None:
    title = "T" if key != "title" else "x" * (limit + 1)
    extra = f'summary = {{ en = "{"y" * (limit + 1)}" }}\n' if key == "summary" else ""
    (problem,) = problems(tmp_path, HEAD + f'[[topic]]\nid = "t"\ntitle = "{title}"\n{extra}')
    assert problem.key_path == ("topic[0].title" if key == "title" else "topic[0].summary.en")
    assert problem.message == f"text too long: {limit + 1:,} characters"
    assert problem.expected == f"at most {limit:,} characters"
    # At the limit itself it loads.
    ok = (
        HEAD
        + f'[[topic]]\nid = "t"\ntitle = "{"x" * MAX_SHORT_TEXT}"\nsummary = "{"y" * MAX_LONG_TEXT}"\n'
    )
    load_dataset([write(tmp_path, ok)])


async def test_a_long_summary_and_title_keep_the_screen(tmp_path: Path) -> None:
    text = (
        HEAD
        + f'[[topic]]\nid = "t"\ntitle = "{"x" * MAX_SHORT_TEXT}"\nsummary = "{"y " * (MAX_LONG_TEXT // 2)}"\n'
    )
    app = CoopApp(load_dataset([write(tmp_path, text)]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "G", "g", "j")
        assert "y y y" in screen_text(app)
        assert app.query_one(DetailPane).virtual_size.height > 100


@pytest.mark.parametrize(
    ("first", "second", "target"),
    [
        ("5e-324", "1e-320", "5e-324"),
        ("-1e12", "-3", "1e-300"),
        ("0", "-5", "1e-310"),
        ("1e12", "-1e12", "5e-324"),
        # A top of 1e-38: the axis's ticks once went up in steps of 2e-39 to top + 1e-9.
        ("-532770919834.5846", "8.157899820052653e-39", "8e-39"),
    ],
)
def test_a_chart_of_extreme_figures_draws_or_stays_out(
    tmp_path: Path, first: str, second: str, target: str
) -> None:
    # Tiny tops made the axis's steps underflow (log10(0), a division by zero),
    # a negative figure against a tiny scale int(-inf).
    text = (
        HEAD
        + '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n'
        + "".join(
            f'[[metric.observation]]\nperiod = "{year}"\ndate = {year}-12-31\nspan = "full-year"\n'
            f'value = {value}\nsource = "s"\n'
            for year, value in ((2023, first), (2024, second))
        )
        + f'[[metric.target]]\nlabel = "L"\nvalue = {target}\ndue = 2024-12-31\nsource = "s"\n\n'
        '[[topic]]\nid = "t"\ntitle = "T"\nmetrics = ["m"]\n'
    )
    dataset = load_dataset([write(tmp_path, text)])
    every_output(dataset)
    for width in (11, 40, 80):
        metric = dataset.metrics["m"]
        line = bar_text(measure(metric, metric.targets[0]), scale_of(metric), width).plain
        assert cell_len(line) == width
