"""The timeline's walk, filters, index-list sorting, and `coop-tui timeline` as a user runs it."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.index_lists import collation_key, index_rows
from tui.links import ItemRef, PageRef
from tui.loader import load_dataset
from tui.model import Dataset
from tui.search import TextIndex
from tui.timeline import (
    Filter,
    apply_filter,
    entity_entries,
    entry_date,
    entry_text,
    timeline,
    topic_entries,
)

ROOT = Path(__file__).resolve().parent.parent
HISTORY = Path(__file__).resolve().parent / "fixtures" / "timeline"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
ESCAPE = re.compile(r"[\x1b\x9b\x07]")


@pytest.fixture(scope="module")
def history() -> Dataset:
    return load_dataset([HISTORY])


def texts(dataset: Dataset, entries: object) -> list[str]:
    return [entry_text(dataset, e, "en") for e in entries]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the walk


def test_every_dated_item_in_date_order_and_nothing_undated(history: Dataset) -> None:
    entries = timeline(history)
    assert [entry_date(e) for e in entries] == [
        "2019",
        "2020-12-31",
        "2021-05",
        "2022-05-10",
        "2022-05-11",
        "2023-03-15",
        "2023-11-02",
        "2024-12-31",
    ]
    assert [e.kind for e in entries] == [
        "fact",
        "figure",
        "fact",
        "event",
        "fact",
        "fact",
        "quote",
        "target",
    ]
    assert "An undated fact." not in texts(history, entries)
    # The source's date never stands in for a fact's own date.
    assert entries[0].when.precision == "year"


def test_lines_say_what_each_item_is(history: Dataset) -> None:
    by_kind = {e.kind: e for e in timeline(history)}
    assert entry_text(history, by_kind["event"], "en") == "Fair 2022 (until 2022-05-12)"
    assert entry_text(history, by_kind["quote"], "en") == (
        "“We will increase deliveries.” — Ivan Gubernatorov"
    )
    assert entry_text(history, by_kind["figure"], "ru") == (
        "2020: более 120 шт. · Поставки автобусов"
    )
    assert entry_text(history, by_kind["target"], "en") == (
        "Target 300 units (by 2024) · Bus deliveries"
    )


def test_items_open_where_they_are(history: Dataset) -> None:
    by_kind = {e.kind: e for e in timeline(history)}
    assert by_kind["quote"].ref == PageRef("topic", "industry.buses")
    assert by_kind["quote"].item == ItemRef("industry.buses", "quote", 0)
    assert by_kind["event"].ref == PageRef("event", "fair-2022")
    # An event belongs to the first topic that names it; a figure to its metric's topic.
    assert by_kind["event"].topic_id == "industry"
    assert by_kind["figure"].topic_id == "industry.buses"


def test_filters_by_topic_with_subtopics_kind_entity_and_years(history: Dataset) -> None:
    entries = timeline(history)
    industry = apply_filter(history, entries, Filter(topic="industry"))
    assert {e.topic_id for e in industry} == {"industry", "industry.buses"}
    assert len(industry) == 7
    facts = apply_filter(history, entries, Filter(kind="fact"))
    assert {e.kind for e in facts} == {"fact"} and len(facts) == 4
    maz = apply_filter(history, entries, Filter(entity="maz"))
    assert texts(history, maz) == [
        "MAZ delivered its first buses to the city.",
        "Trolleybus deliveries began in May.",
        "Yolochka opened a workshop.",
        "“We will increase deliveries.” — Ivan Gubernatorov",
    ]
    years = apply_filter(history, entries, Filter(first_year=2021, last_year=2022))
    assert [entry_date(e) for e in years] == ["2021-05", "2022-05-10", "2022-05-11"]


def test_a_pages_own_dated_items(history: Dataset) -> None:
    # The topic's own (not its subtopic's), the events it names, in date order.
    assert texts(history, topic_entries(history, "industry")) == [
        "MAZ delivered its first buses to the city.",
        "Fair 2022 (until 2022-05-12)",
        "Yolochka opened a workshop.",
    ]
    # A page's Figures list its figures by date already: the section leaves them out.
    assert [e.kind for e in topic_entries(history, "industry.buses")] == ["fact", "quote"]
    assert [e.kind for e in topic_entries(history, "industry.buses", figures=True)] == [
        "figure",
        "fact",
        "quote",
        "target",
    ]
    assert [entry_date(e) for e in entity_entries(history, "maz")] == [
        "2019",
        "2021-05",
        "2023-03-15",
        "2023-11-02",
    ]


def test_the_filter_line_uses_the_search_rules(history: Dataset) -> None:
    entries = timeline(history)
    index = TextIndex(history, lambda lang: [entry_text(history, e, lang) for e in entries])
    found = index.matching("trolleybus", "en")
    assert [entries[i].kind for i in sorted(found)] == ["fact"]
    # A typo is forgiven, and the last word is a prefix while typing.
    assert index.matching("trolybus", "en") == found
    assert index.matching("trolley", "en") == found
    assert index.matching("ёлочка", "ru") == index.matching("елочка", "ru") != frozenset()


# ---------------------------------------------------------------- index lists


def test_russian_names_sort_with_yo_as_ye_and_quotes_ignored(history: Dataset) -> None:
    names = [r.name.get("ru") for r in index_rows(history, "organisation", "ru")]
    # «Ёлочка» files under Е, between nothing and Минский; Cyrillic before Latin.
    assert names == ["«Ёлочка»", "Минский автомобильный завод", "Электрон", "BIOCAD"]
    english = [r.name.get("en") for r in index_rows(history, "organisation", "en")]
    assert english == ["Biocad", "Elektron", "Minsk Automobile Plant", "Yolochka"]


def test_collation_key_orders_yo_with_ye() -> None:
    words = ["ёж", "ель", "еда", "жук", "ехать"]
    assert sorted(words, key=lambda w: collation_key(w, "ru")) == [
        "еда",
        "ёж",
        "ель",
        "ехать",
        "жук",
    ]


def test_index_rows_count_mentions(history: Dataset) -> None:
    rows = {r.ref.id: r.mentions for r in index_rows(history, "organisation", "en")}
    assert rows["maz"] == 4
    assert rows["biocad"] == 0
    sources = {r.ref.id: r.mentions for r in index_rows(history, "source", "en")}
    assert sources["herald-2023"] >= 3


# ---------------------------------------------------------------- coop-tui timeline


def coop_tui(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_timeline_prints_every_item_in_order_under_year_headings() -> None:
    result = coop_tui("timeline", "--lang", "en", "--data", HISTORY)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Timeline — St Petersburg ⇄ Belarus"
    assert [line for line in lines if re.fullmatch(r"\d{4}", line)] == [
        "2019",
        "2020",
        "2021",
        "2022",
        "2023",
        "2024",
    ]
    items = [line for line in lines if line.startswith("  20")]
    assert [line.split()[0] for line in items] == [
        "2019",
        "2020-12-31",
        "2021-05",
        "2022-05-10",
        "2022-05-11",
        "2023-03-15",
        "2023-11-02",
        "2024-12-31",
    ]
    assert items[1] == (
        "  2020-12-31  figure  2020: more than 120 units · Bus deliveries · Buses [2]"
    )
    # The sources cited, with their addresses, close the listing.
    assert "  [2] Gazette, 2021 — Gazette, 2021-06-01. https://example.org/gazette-2021" in lines
    assert not ESCAPE.search(result.stdout)


def test_timeline_filters_by_years_and_topic_in_russian() -> None:
    result = coop_tui(
        "timeline",
        "--lang",
        "ru",
        "--from",
        "2021",
        "--to",
        "2023",
        "--topic",
        "industry.buses",
        "--data",
        HISTORY,
    )
    assert result.returncode == 0, result.stderr
    items = [line for line in result.stdout.splitlines() if line.startswith("  ")][:2]
    # Dates as Russian writes them: the month, the day.
    assert [line.split()[0] for line in items] == ["05.2021", "02.11.2023"]
    assert "Хроника" in result.stdout
    assert "цитата" in items[1]
    assert "2019" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "20x"), "not a year: '20x'"),
        (("--from", "2024", "--to", "2020"), "--from 2024 is after --to 2020"),
        (("--topic", "nope"), "unknown topic id 'nope'"),
        (("--colour",), "unrecognized arguments"),
    ],
)
def test_timeline_usage_errors_exit_2_without_a_traceback(
    args: tuple[str, ...], message: str
) -> None:
    result = coop_tui("timeline", *args, "--data", HISTORY)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_timeline_of_hostile_data_writes_no_escape_sequences() -> None:
    result = coop_tui("timeline", "--data", HOSTILE)
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)


def test_timeline_of_the_bundled_data_is_in_date_order() -> None:
    result = coop_tui("timeline", "--lang", "en")
    assert result.returncode == 0, result.stderr
    dates = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  20")]
    assert dates and dates == sorted(dates)


def test_exports_carry_the_timeline() -> None:
    markdown = coop_tui("export", "--format", "md", "--lang", "en", "--data", HISTORY)
    assert markdown.returncode == 0, markdown.stderr
    section = markdown.stdout[markdown.stdout.index("## Timeline") :]
    assert (
        "### 2021\n\n- **2021-05** (fact) Trolleybus deliveries began in May. · Buses \\[2\\]"
        in (section)
    )
    document = json.loads(coop_tui("export", "--format", "json", "--data", HISTORY).stdout)
    assert [item["date"] for item in document["timeline"]][:3] == ["2019", "2020-12-31", "2021-05"]
    quote = next(item for item in document["timeline"] if item["kind"] == "quote")
    assert quote["page"] == ["topic", "industry.buses"]
    assert quote["item"] == {"kind": "quote", "index": 0, "metric": None}
    figure = next(item for item in document["timeline"] if item["kind"] == "figure")
    assert figure["item"] == {"kind": "observation", "index": 0, "metric": "buses"}
    assert quote["text"] == {
        "ru": "«Мы будем наращивать поставки.» — Иван Губернаторов",
        "en": "“We will increase deliveries.” — Ivan Gubernatorov",
    }


def test_the_timeline_command_loads_no_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['timeline', '--data', {str(HISTORY)!r}])\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_pages_timeline_section_keeps_to_the_page_budget(history: Dataset) -> None:
    # MAZ is named by four dated items; a page that draws two of each list says what is left.
    from rich.console import Console

    from tui.render import build_page

    def shown(page_shown: int | None) -> str:
        console = Console(width=100, color_system=None, record=True, file=io.StringIO())
        page = build_page(history, PageRef("organisation", "maz"), "en", shown=page_shown)
        console.print(page.renderable())
        return console.export_text()

    text = shown(2)
    section = text[text.index("Timeline") :]
    assert "MAZ delivered its first buses" in section
    assert "Yolochka opened a workshop" not in section
    assert "… 2 more — show them" in section
    assert "… 2 more" not in shown(None)[shown(None).index("Timeline") :]
