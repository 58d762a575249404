from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.loader import MAX_FILE_BYTES, DataError, Problem, load_dataset
from tui.locate import Locator, format_path
from tui.model import Localized, Location

SOURCES = """\
[[source]]
id = "article"
title = { ru = "Поляков на ИННОПРОМ. Беларусь", en = "Polyakov at INNOPROM. Belarus" }
publisher = "spbdnevnik.ru"
date = 2025-09-29
url = "https://example.org/article"
"""

ENTITIES = """\
[[person]]
id = "polyakov"
name = { ru = "Кирилл Поляков", en = "Kirill Polyakov" }
role = { ru = "вице-губернатор Санкт-Петербурга", en = "Vice-Governor of St Petersburg" }

[[organisation]]
id = "maz"
name = { ru = "МАЗ", en = "MAZ" }
source = "article"

[[event]]
id = "innoprom"
name = "INNOPROM. Belarus 2025"
start = 2025-09-29
end = 2025-10-01
"""

METRICS = """\
[[metric]]
id = "turnover.spb"
title = { en = "Trade turnover, St Petersburg series" }
unit = { ru = "млрд долл. США", en = "USD bn" }

[[metric.observation]]
period = "2024"
date = 2024-12-31
value = 3.0
qualifier = "more-than"
span = "full-year"
source = "article"

[[metric.observation]]
period = "2025"
date = 2025-12-31
span = "full-year"
source = "article"

[[metric.target]]
label = { en = "by the end of 2025" }
value = 3
due = 2025-12-31
source = "article"
"""

TOPICS = """\
[[topic]]
id = "trade"
title = { ru = "Торговля", en = "Trade" }
metrics = ["turnover.spb"]

[[topic.quote]]
text = { ru = "Мы уже можем замахнуться на 3 млрд долларов…", en = "We can already aim at $3 billion…" }
speaker = "polyakov"
date = 2025-09-29
source = "article"

[[topic]]
id = "trade.turnover"
parent = "trade"
title = { ru = "Товарооборот", en = "Turnover" }
summary = \"\"\"
Two lines
of summary.\"\"\"
mentions = [
  "maz",     # the bus maker
  "innoprom",
]

[[topic.fact]]
text = { en = "MAZ buses use parts from St Petersburg." }
source = "article"
mentions = ["maz"]
"""

GOOD = {
    "1-sources.toml": SOURCES,
    "2-entities.toml": ENTITIES,
    "3-metrics.toml": METRICS,
    "4-topics.toml": TOPICS,
}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def good_folder(tmp_path: Path, **replace: str) -> Path:
    """The good data set in tmp_path/data, with files replaced or added by name."""
    folder = tmp_path / "data"
    folder.mkdir()
    files = {**GOOD, **{name.replace("_", "-") + ".toml": text for name, text in replace.items()}}
    for name, text in files.items():
        write(folder, name, text)
    return folder


def problems_of(paths: list[Path]) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_dataset(paths)
    return caught.value.problems


def only_problem(paths: list[Path]) -> Problem:
    problems = problems_of(paths)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def one_file_problem(tmp_path: Path, text: str | bytes, name: str = "bad.toml") -> Problem:
    """The single problem of the good data set plus one bad file."""
    folder = good_folder(tmp_path)
    write(folder, name, text)
    return only_problem([folder])


# -- the good data set ----------------------------------------------------------------


def test_good_data_set_loads(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    data = load_dataset([folder])

    assert list(data.topics) == ["trade", "trade.turnover"]
    assert list(data.entities) == ["polyakov", "maz", "innoprom"]
    assert list(data.sources) == ["article"]
    assert list(data.metrics) == ["turnover.spb"]
    assert data.files == tuple(str(folder / name) for name in sorted(GOOD))

    trade, turnover = data.topics.values()
    assert trade.parent is None and turnover.parent == "trade"
    assert data.roots == (trade,)
    assert data.children("trade") == (turnover,)
    assert trade.metrics == ("turnover.spb",)
    quote = trade.quotes[0]
    assert quote.speaker == "polyakov" and quote.date == date(2025, 9, 29)
    assert quote.text.en == "We can already aim at $3 billion…"
    assert turnover.summary == Localized.same("Two lines\nof summary.")
    assert turnover.mentions == ("maz", "innoprom")
    assert turnover.facts[0].text == Localized(en="MAZ buses use parts from St Petersburg.")
    assert turnover.facts[0].mentions == ("maz",)
    assert data.fact_count == 1

    source = data.sources["article"]
    assert source.publisher == Localized.same("spbdnevnik.ru")
    assert source.url == "https://example.org/article"

    polyakov = data.entities["polyakov"]
    assert polyakov.kind == "person" and polyakov.role is not None
    assert data.entities["maz"].source == "article"
    assert data.entities["innoprom"].start == date(2025, 9, 29)

    metric = data.metrics["turnover.spb"]
    first, second = metric.observations
    assert (first.value, first.qualifier) == (3.0, "more-than")
    assert (second.value, second.qualifier) == (None, "exact")
    # Written `value = 3`: an integer stays one (shown as 3, not 3.0).
    assert metric.targets[0].value == 3 and isinstance(metric.targets[0].value, int)
    assert metric.latest() == first

    # Every id points at its value in `id = "..."`.
    assert data.locations["trade"] == Location(str(folder / "4-topics.toml"), 2, 6)
    assert data.locations["maz"] == Location(str(folder / "2-entities.toml"), 7, 6)
    assert set(data.locations) == {
        "trade",
        "trade.turnover",
        "article",
        "polyakov",
        "maz",
        "innoprom",
        "turnover.spb",
    }


def test_single_files_and_several_paths_merge(tmp_path: Path) -> None:
    folder = tmp_path / "parts"
    folder.mkdir()
    paths = [write(folder, name, text) for name, text in GOOD.items()]
    data = load_dataset(list(reversed(paths)))
    # Paths are read in the order given; topics come from the last given first.
    assert list(data.topics) == ["trade", "trade.turnover"]
    assert data.files == tuple(str(p) for p in reversed(paths))


def test_file_names_stay_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good_folder(tmp_path, zz='[[topic]]\nid = 7\ntitle = "T"\n')
    monkeypatch.chdir(tmp_path)
    problem = only_problem([Path("data")])
    assert str(problem).startswith("data/zz.toml:2:6: topic[0].id: wrong type: got an integer")


def test_text_is_cleaned_and_never_markup(tmp_path: Path) -> None:
    hostile = (
        '[[topic]]\nid = "hostile"\n'
        'title = { en = "[red]x\\u001b]0;pwned\\u0007\\u009b2J\\u0000\\u007f\\r[/x]" }\n'
        'summary = "[@click=app.quit]quit[/]"\n'
    )
    folder = good_folder(tmp_path, zz=hostile)
    topic = load_dataset([folder]).topics["hostile"]
    assert topic.title.en == "[red]x␛]0;pwned␇\\x9b2J␀␡␍[/x]"
    assert topic.summary == Localized.same("[@click=app.quit]quit[/]")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in GOOD.items():
        write(folder, name, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert list(load_dataset([folder]).topics) == ["trade", "trade.turnover"]


def test_crlf_line_ends_are_fine(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in GOOD.items():
        write(folder, name, text.replace("\n", "\r\n"))
    data = load_dataset([folder])
    assert data.topics["trade.turnover"].summary == Localized.same("Two lines\nof summary.")


# -- files and syntax -------------------------------------------------------------------


def test_syntax_error(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = "unclosed\n')
    assert problem.location.file.endswith("bad.toml")
    assert (problem.location.line, problem.location.column) == (3, 18)
    assert problem.key_path == ""
    assert problem.message == "TOML syntax error: string not closed before the end of the line"
    assert problem.expected is not None and "closing quote" in problem.expected
    assert str(problem) == (
        f"{problem.location.file}:3:18: {problem.message} (expected {problem.expected})"
    )


def test_syntax_error_at_end_of_document(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, "[[topic]]\nid =")
    assert (problem.location.line, problem.location.column) == (2, 5)
    assert problem.message == "TOML syntax error: missing value after '='"


def test_bad_utf8(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, b'[[topic]]\nid = "x"\ntitle = "\xd0\x9c\xff"\n')
    assert (problem.location.line, problem.location.column) == (3, 11)
    assert problem.message == "not valid UTF-8: byte 0xff at byte offset 30"
    assert problem.expected == "UTF-8 text"


def test_bare_cr(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, b'[[topic]]\nid = "x"\rtitle = "t"\n')
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}:2:9: a carriage return (CR) without a line feed "
        "(expected LF or CRLF line ends)"
    )


def test_empty_file(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, "# nothing yet\n")
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}: the file holds no data "
        "(expected [[topic]], [[source]] or other tables of the data format)"
    )


def test_empty_file_alone(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.toml", "")
    problem = only_problem([empty])
    assert problem.message == "the file holds no data"


def test_data_set_without_topics(tmp_path: Path) -> None:
    sources = write(tmp_path, "sources.toml", SOURCES)
    problem = only_problem([sources])
    assert (
        str(problem) == f"{sources}: the data set has no topics (expected at least one [[topic]])"
    )


def test_missing_path(tmp_path: Path) -> None:
    problem = only_problem([tmp_path / "nowhere"])
    assert (
        str(problem)
        == f"{tmp_path / 'nowhere'}: no such file or folder (expected a file or folder)"
    )


def test_folder_without_toml(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "not data")
    write(tmp_path, ".#lock.toml", "editor lock file")
    problem = only_problem([tmp_path])
    assert problem.location == Location(str(tmp_path))
    assert problem.message == "folder holds no .toml file"


def test_too_big_file(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    problem = only_problem([big])
    assert problem.location == Location(str(big))
    assert "larger than 16 MiB" in problem.message


def test_no_paths() -> None:
    assert problems_of([])[0].message == "no data path given"


# -- keys and types ---------------------------------------------------------------------


def test_unknown_key(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = "t"\nsumary = "s"\n')
    assert problem.location.line == 4 and problem.location.column == 1
    assert problem.key_path == "topic[0].sumary"
    assert problem.message == "unknown key 'sumary'; did you mean 'summary'?"
    assert problem.expected == (
        "one of: id, parent, title, short_title, summary, mentions, metrics, fact, quote"
    )


def test_unknown_top_level_table(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topics]]\nid = "x"\n')
    assert (problem.location.line, problem.key_path) == (1, "topics")
    assert problem.message == "unknown key 'topics'; did you mean '[[topic]]'?"


def test_unknown_language_key(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = { ru = "т", de = "t" }\n')
    assert (problem.location.line, problem.location.column) == (3, 21)
    assert problem.key_path == "topic[0].title.de"
    assert problem.message == "unknown language 'de' in text"


def test_text_with_neither_language(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = {}\n')
    assert problem.key_path == "topic[0].title"
    assert problem.message == "text has neither ru nor en"


def test_empty_string(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = { ru = "т", en = " " }\n')
    assert (problem.key_path, problem.message) == ("topic[0].title.en", "empty text")


def test_role_on_a_non_person(tmp_path: Path) -> None:
    problem = one_file_problem(
        tmp_path, '[[place]]\nid = "minsk"\nname = "Minsk"\nrole = "capital"\n'
    )
    assert problem.key_path == "place[0].role"
    assert problem.message == "'role' is only allowed on a [[person]], not on a place"


def test_start_on_a_non_event(tmp_path: Path) -> None:
    problem = one_file_problem(
        tmp_path, '[[organisation]]\nid = "o"\nname = "O"\nstart = 2020-01-01\n'
    )
    assert problem.message == "'start' is only allowed on a [[event]], not on an organisation"


def test_event_ending_before_it_starts(tmp_path: Path) -> None:
    problem = one_file_problem(
        tmp_path, '[[event]]\nid = "e"\nname = "E"\nstart = 2025-10-02\nend = 2025-10-01\n'
    )
    assert (problem.key_path, problem.location.line) == ("event[0].end", 5)


def test_missing_field(tmp_path: Path) -> None:
    problem = one_file_problem(
        tmp_path, '[[topic]]\nid = "x"\ntitle = "t"\n\n[[topic.fact]]\nsource = "article"\n'
    )
    # A missing key points at the table that lacks it.
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}:5:1: topic[0].fact[0].text: missing required key "
        '\'text\' (expected text: a string, or a table { ru = "...", en = "..." })'
    )


def test_fact_without_source(tmp_path: Path) -> None:
    problem = one_file_problem(
        tmp_path, '[[topic]]\nid = "x"\ntitle = "t"\n\n[[topic.fact]]\ntext = "a fact"\n'
    )
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}:5:1: topic[0].fact[0].source: "
        "missing required key 'source' (expected an id, as a string)"
    )


def test_wrong_type(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = ["t"]\n')
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}:3:9: topic[0].title: wrong type: got an array "
        '(expected text: a string, or a table { ru = "...", en = "..." })'
    )


def test_table_instead_of_array_of_tables(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[topic]\nid = "x"\n')
    assert problem.key_path == "topic"
    assert problem.expected == "an array of tables [[topic]]"


def test_bool_is_not_a_number(tmp_path: Path) -> None:
    bad = METRICS.replace("value = 3.0", "value = true")
    problem = only_problem([good_folder(tmp_path, **{"3_metrics": bad})])
    assert (problem.location.line, problem.location.column) == (9, 9)
    assert problem.key_path == "metric[0].observation[0].value"
    assert problem.message == "wrong type: got a boolean (true)"
    assert problem.expected == "a number"


def test_nan(tmp_path: Path) -> None:
    bad = METRICS.replace("value = 3.0", "value = nan")
    problem = only_problem([good_folder(tmp_path, **{"3_metrics": bad})])
    assert problem.key_path == "metric[0].observation[0].value"
    assert problem.message == "not a finite number: nan"


def test_negative_target(tmp_path: Path) -> None:
    bad = METRICS.replace("value = 3\n", "value = -3\n")
    problem = only_problem([good_folder(tmp_path, **{"3_metrics": bad})])
    assert problem.key_path == "metric[0].target[0].value"
    assert problem.expected == "a number greater than zero"


def test_bad_qualifier(tmp_path: Path) -> None:
    bad = METRICS.replace('"more-than"', '"over"')
    problem = only_problem([good_folder(tmp_path, **{"3_metrics": bad})])
    assert (problem.location.line, problem.location.column) == (10, 13)
    assert problem.key_path == "metric[0].observation[0].qualifier"
    assert problem.message == "unknown qualifier 'over'"
    assert problem.expected == "one of exact, more-than, at-least, about, up-to, less-than, almost"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2025-09-29"', "wrong type: got a string; write dates without quotes"),
        ("2025-09-29T10:00:00", "a date with a time of day"),
        ("10:00:00", "wrong type: got a time"),
    ],
)
def test_dates_must_be_toml_dates(tmp_path: Path, value: str, message: str) -> None:
    bad = SOURCES.replace("date = 2025-09-29", f"date = {value}")
    problem = only_problem([good_folder(tmp_path, **{"1_sources": bad})])
    assert (problem.key_path, problem.message) == ("source[0].date", message)


@pytest.mark.parametrize(
    ("written", "shown", "precision"),
    [
        ("2022-05-17", "2022-05-17", "day"),
        ('"2022-05"', "2022-05", "month"),
        ('"2022"', "2022", "year"),
    ],
)
def test_a_fact_has_a_date_of_its_own(
    tmp_path: Path, written: str, shown: str, precision: str
) -> None:
    topics = TOPICS.replace('mentions = ["maz"]\n', f'mentions = ["maz"]\ndate = {written}\n')
    dataset = load_dataset([good_folder(tmp_path, **{"4_topics": topics})])
    when = dataset.topics["trade.turnover"].facts[0].date
    assert when is not None and (str(when), when.precision) == (shown, precision)
    # Its own date, not the source's: the source stays 2025-09-29.
    assert str(dataset.sources["article"].date) == "2025-09-29"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2025-09-30",
            "topic 'trade.turnover' fact 1 is dated 2025-09-30, after its source "
            "'article' (2025-09-29)",
        ),
        (
            '"2025-10"',
            "topic 'trade.turnover' fact 1 is dated 2025-10, after its source "
            "'article' (2025-09-29)",
        ),
        ('"2025-13"', "not a year or month: '2025-13'"),
        ('"May 2022"', "not a year or month: 'May 2022'"),
        ("2022", "wrong type: got an integer"),
    ],
)
def test_a_fact_dated_after_its_source_or_badly_is_a_problem(
    tmp_path: Path, written: str, message: str
) -> None:
    topics = TOPICS.replace('mentions = ["maz"]\n', f'mentions = ["maz"]\ndate = {written}\n')
    problem = only_problem([good_folder(tmp_path, **{"4_topics": topics})])
    assert problem.key_path == "topic[1].fact[0].date"
    assert problem.message == message
    assert problem.location.line is not None


def test_a_quote_dated_after_its_source_is_a_problem(tmp_path: Path) -> None:
    topics = TOPICS.replace("date = 2025-09-29", "date = 2025-10-02")
    problem = only_problem([good_folder(tmp_path, **{"4_topics": topics})])
    assert problem.key_path == "topic[0].quote[0].date"
    assert "after its source 'article' (2025-09-29)" in problem.message


def test_url_must_be_http(tmp_path: Path) -> None:
    bad = SOURCES.replace("https://example.org/article", "javascript:alert(1)")
    problem = only_problem([good_folder(tmp_path, **{"1_sources": bad})])
    assert problem.key_path == "source[0].url"
    assert problem.message == "not an http(s) address: 'javascript:alert(1)'"


@pytest.mark.parametrize("bad_id", ["Trade", "-x", "trade turnover", "", "x\n"])
def test_bad_id(tmp_path: Path, bad_id: str) -> None:
    text = f'[[place]]\nid = "{bad_id}"\nname = "P"\n'.replace('\n"', '\\n"')
    problem = one_file_problem(tmp_path, text)
    assert (problem.location.line, problem.location.column) == (2, 6)
    assert problem.key_path == "place[0].id"
    assert problem.message.startswith("invalid id '") or problem.message == "empty text"
    assert problem.expected is not None and problem.expected.startswith("an id such as")


# -- links across files ---------------------------------------------------------------


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '\n[[place]]\nid = "maz"\nname = "MAZ"\n')
    first = tmp_path / "data" / "2-entities.toml"
    assert str(problem) == (
        f"{tmp_path / 'data' / 'bad.toml'}:3:6: place[0].id: duplicate id 'maz': first defined "
        f"at {first}:7:6 (expected ids unique across all kinds and files)"
    )


def test_unknown_link_names_both_ends(tmp_path: Path) -> None:
    bad = TOPICS.replace('mentions = ["maz"]', 'mentions = ["maz", "mazz"]')
    problem = only_problem([good_folder(tmp_path, **{"4_topics": bad})])
    assert (problem.location.line, problem.location.column) == (27, 20)
    assert problem.key_path == "topic[1].fact[0].mentions[1]"
    assert problem.message == "topic 'trade.turnover' fact 1 mentions unknown id 'mazz'"
    assert problem.expected == ("the id of an [[organisation]], [[person]], [[place]] or [[event]]")


def test_speaker_must_be_a_person(tmp_path: Path) -> None:
    bad = TOPICS.replace('speaker = "polyakov"', 'speaker = "maz"')
    problem = only_problem([good_folder(tmp_path, **{"4_topics": bad})])
    assert problem.key_path == "topic[0].quote[0].speaker"
    assert problem.message == (
        "topic 'trade' quote 1 has speaker 'maz', which is an organisation, not a person"
    )
    assert problem.expected == "the id of a [[person]]"


@pytest.mark.parametrize(
    ("old", "new", "key_path", "message"),
    [
        (
            'metrics = ["turnover.spb"]',
            'metrics = ["maz"]',
            "topic[0].metrics[0]",
            "topic 'trade' shows metric 'maz', which is an organisation, not a metric",
        ),
        (
            'parent = "trade"',
            'parent = "maz"',
            "topic[1].parent",
            "topic 'trade.turnover' has parent 'maz', which is an organisation, not a topic",
        ),
        (
            'source = "article"\nmentions',
            'source = "maz"\nmentions',
            "topic[1].fact[0].source",
            "topic 'trade.turnover' fact 1 cites 'maz', which is an organisation, not a source",
        ),
        (
            '  "innoprom",',
            '  "article",',
            "topic[1].mentions[1]",
            (
                "topic 'trade.turnover' mentions 'article', which is a source, not an "
                "organisation, person, place or event"
            ),
        ),
    ],
)
def test_links_must_name_the_right_kind(
    tmp_path: Path, old: str, new: str, key_path: str, message: str
) -> None:
    assert old in TOPICS
    problem = only_problem([good_folder(tmp_path, **{"4_topics": TOPICS.replace(old, new)})])
    assert (problem.key_path, problem.message) == (key_path, message)


def test_parent_cycle(tmp_path: Path) -> None:
    cycle = (
        '[[topic]]\nid = "a"\ntitle = "A"\nparent = "c"\n\n'
        '[[topic]]\nid = "b"\ntitle = "B"\nparent = "a"\n\n'
        '[[topic]]\nid = "c"\ntitle = "C"\nparent = "b"\n\n'
        '[[topic]]\nid = "self"\ntitle = "S"\nparent = "self"\n'
    )
    problems = problems_of([good_folder(tmp_path, zz=cycle)])
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        (
            "topic[0].parent: topic parents form a cycle: a → c → b → a (expected a chain of "
            "parents that ends at a root topic, one without parent)"
        ),
        (
            "topic[3].parent: topic parents form a cycle: self → self (expected a chain of "
            "parents that ends at a root topic, one without parent)"
        ),
    ]
    assert (problems[0].location.line, problems[0].location.column) == (4, 10)


def test_all_problems_in_all_files_are_reported(tmp_path: Path) -> None:
    folder = good_folder(
        tmp_path,
        a_bad='[[topic]]\nid = "Bad"\ntitle = "t"\ncolour = "red"\n',
        b_bad="[[topic]]\nid = \n",
        c_bad='[[topic]]\nid = "ok"\ntitle = { en = "t" }\n[[topic.fact]]\ntext = "f"\nsource = "nope"\n',
    )
    error = pytest.raises(DataError, load_dataset, [folder, tmp_path / "missing.toml"]).value
    lines = str(error).splitlines()
    assert len(lines) == len(error.problems) == 5
    assert (
        lines[0]
        == f"{tmp_path / 'missing.toml'}: no such file or folder (expected a file or folder)"
    )
    assert lines[1].startswith(f"{folder / 'a-bad.toml'}:2:6: topic[0].id: invalid id 'Bad'")
    assert lines[2].startswith(f"{folder / 'a-bad.toml'}:4:1: topic[0].colour: unknown key")
    assert lines[3].startswith(f"{folder / 'b-bad.toml'}:2:6: TOML syntax error")
    assert lines[4].startswith(
        f"{folder / 'c-bad.toml'}:6:10: topic[0].fact[0].source: topic 'ok' fact 1 cites unknown id 'nope'"
    )


def test_messages_do_not_carry_control_characters(tmp_path: Path) -> None:
    problem = one_file_problem(tmp_path, '[[topic]]\nid = "x"\ntitle = "t"\n"\\u001b[2J" = 1\n')
    assert "\x1b" not in str(problem)
    # Odd keys are quoted with JSON escapes, as they would be written in TOML.
    assert problem.key_path == 'topic[0]."\\u001b[2J"'


def test_only_data_error_escapes(tmp_path: Path) -> None:
    # Deep nesting makes tomli recurse; it must still end in a DataError.
    deep = write(tmp_path, "deep.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problems_of([deep])


# -- the locator ---------------------------------------------------------------------------


def test_locator_follows_tables_strings_and_arrays() -> None:
    text = (
        "# [[topic]] in a comment\n"
        '[[topic]]\nid = "t0"\nsummary = """\n[[topic]]\nid = "fake"\n"""\n'
        '[[topic.fact]]\ntext.ru = \'x\'\nmentions = [\n  "a", # c\n  "b",\n]\n'
        '[[topic]]\nid = "t1"\n[[topic.fact]]\n[[topic.fact]]\nsource = "s"\n'
        '[[metric]]\nobservation = [{ value = 1 }, { value = nan, "da te" = 2024-01-01 }]\n'
    )
    locator = Locator(text)
    assert locator.value_position(("topic", 0, "id")) == (3, 6)
    assert locator.value_position(("topic", 1, "id")) == (15, 6)
    assert locator.value_position(("topic", 0, "fact", 0, "text", "ru")) == (9, 11)
    assert locator.value_position(("topic", 0, "fact", 0, "mentions", 1)) == (12, 3)
    assert locator.value_position(("topic", 1, "fact", 1, "source")) == (18, 10)
    assert locator.key_position(("topic", 1, "fact", 1, "source")) == (18, 1)
    # Not written: the longest written prefix.
    assert locator.value_position(("topic", 1, "fact", 0, "text")) == (16, 1)
    assert locator.value_position(("metric", 0, "observation", 1, "value")) == (20, 41)
    assert locator.key_position(("metric", 0, "observation", 1, "da te")) == (20, 46)
    assert locator.value_position(("nothing",)) is None


def test_locator_never_raises() -> None:
    for text in [
        "",
        "[",
        "[[",
        "a = [",
        'a = "',
        "= = =",
        "a.",
        "\x00",
        "{" * 1000,
        "a = {b = [" * 500,
    ]:
        Locator(text).value_position(("a", 0, "b"))


def test_format_path() -> None:
    assert format_path(("topic", 3, "fact", 1, "source")) == "topic[3].fact[1].source"
    assert format_path(("a", "b.c", 0)) == 'a."b.c"[0]'
