"""A big data file parsed a run of topics at a time gives what the whole file gives: data or problems."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.loader import DataError, load, load_dataset, pieces
from tui.model import Dataset
from tui.paths import bundled_data_path


def _topic(n: int, fact: str = 'source = "article"') -> str:
    return (
        f'[[topic]]\nid = "gen-{n}"\nparent = "center"\n'
        f'title = {{ ru = "Тема {n}", en = "Topic {n}" }}\n\n'
        f'[[topic.fact]]\ntext = {{ ru = "Факт {n} — «Гомсельмаш» 🚜", en = "Fact {n}" }}\n'
        f"{fact}\n\n"
    )


def _folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data_path(), folder)
    (folder / "zz-generated.toml").write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Every data set counts as big, and a piece is a few topics: many pieces.
    monkeypatch.setattr(load, "COMPACT_BYTES", 0)
    monkeypatch.setattr(pieces, "PIECE_CHARS", 1000)
    yield


def _whole(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Dataset | list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(pieces, "PIECE_CHARS", 10**9)
        return _load(folder)


def _load(folder: Path) -> Dataset | list[str]:
    try:
        return load_dataset([folder])
    except DataError as error:
        return [str(problem) for problem in error.problems]


def test_a_file_is_cut_only_at_topic_headers_and_only_without_multiline_strings() -> None:
    text = "".join(_topic(n) for n in range(200))
    bounds = pieces.cuts(text)
    assert bounds is not None and len(bounds) > 5 and bounds[0] == 0
    assert all(text.startswith("[[topic]]\n", b) for b in bounds[1:])
    assert pieces.cuts(text.replace("Тема 7", '""" Тема 7 """')) is None
    assert pieces.cuts(_topic(1)) is None


def test_a_valid_big_file_loads_the_same_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, "".join(_topic(n) for n in range(300)))
    assert pieces.cuts((folder / "zz-generated.toml").read_text(encoding="utf-8"))
    got = _load(folder)
    assert isinstance(got, Dataset)
    assert got == _whole(monkeypatch, folder)
    assert got.topics["gen-299"].facts[0].text.get("ru") == "Факт 299 — «Гомсельмаш» 🚜"


def test_problems_in_later_pieces_are_reported_as_the_whole_file_reports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = {
        40: 'source = "no-such-source"',
        150: 'source = "article"\ncolour = "red"',
        290: "source = 42",
    }
    body = "".join(_topic(n, bad.get(n, 'source = "article"')) for n in range(300))
    folder = _folder(tmp_path, body)
    got = _load(folder)
    assert isinstance(got, list)
    assert got == _whole(monkeypatch, folder)
    # Placed in the whole file, with the topic's number in the whole file.
    assert any("zz-generated.toml:" in p and "topic[290]" in p for p in got)
    assert any("topic[150]" in p and "colour" in p for p in got)


_EARLY_SOURCE = '[[source]]\nid = "early"\ntitle = { ru = "Ранний", en = "Early" }\n\n'


@pytest.mark.parametrize(
    ("early", "late"),
    [
        # Another array, continued from the first piece (a problem names its place in it).
        (
            _EARLY_SOURCE,
            '[[source]]\nid = "late"\ntitle = { ru = "Поздний", en = "Late" }\ncolour = "red"\n',
        ),
        # A table defined twice, once in each piece: an error only the whole file shows.
        ("[extra]\ny = 2\n\n", "[extra]\nx = 1\n"),
        # Appending to an array written inline: the same.
        ('source = [{ id = "inline" }]\n\n', '[[source]]\nid = "late"\n'),
        ("", 'id = "broken\n'),  # a syntax error in a later piece
        ("", "[topic]\nid = 'x'\n"),  # a table where the topics' array is
    ],
)
def test_a_later_piece_with_more_than_topics_sends_the_file_to_the_whole_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, early: str, late: str
) -> None:
    topics = [_topic(n) for n in range(300)]
    topics.insert(250, late)
    folder = _folder(tmp_path, early + "".join(topics))
    got = _load(folder)
    assert got == _whole(monkeypatch, folder)
    assert not isinstance(got, Dataset) or "gen-299" in got.topics
