"""One TOML on every Python: coop-tui reads TOML 1.0.0, with tomli, on 3.9 as on 3.13.

Each file in tests/toml11/ is valid TOML 1.1.0 and invalid TOML 1.0.0: it holds
one construct that only TOML 1.1 allows. tomli 2.4 and newer accept them all,
the standard library's tomllib (3.11 to 3.13) refuses them all; with tomli pinned
below 2.4 on every Python (tui/loader/toml_reader.py), every such file is refused, with
a message that names the construct and the 1.0 way to write it. CI runs this on
the oldest and the newest supported Python.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.loader import toml_reader

ROOT = Path(__file__).resolve().parent.parent
TOML11 = Path(__file__).resolve().parent / "toml11"
ONE_ZERO = "coop-tui reads TOML 1.0.0"

# file: (line, column, what check says, (the TOML 1.1 text, the same in TOML 1.0), key, value)
CASES: dict[str, tuple[int, int, str, tuple[str, str], str, object]] = {
    "newlines-in-inline-table.toml": (
        3,
        10,
        "a line break inside an inline table { }",
        ('{\n  ru = "статья",\n  en = "article"\n}', '{ ru = "статья", en = "article" }'),
        "title",
        {"ru": "статья", "en": "article"},
    ),
    "trailing-comma-in-inline-table.toml": (
        3,
        42,
        "a comma after the last value of an inline table",
        ('"article", }', '"article" }'),
        "title",
        {"ru": "статья", "en": "article"},
    ),
    "escape-e.toml": (
        3,
        34,
        "\\e is a TOML 1.1 escape (expected \\u001b for ESC",
        ("\\e", "\\u001b"),
        "title",
        {"ru": "статья", "en": "\x1b[31marticle"},
    ),
    "escape-x.toml": (
        3,
        34,
        "\\x is a TOML 1.1 escape (expected \\u0041 instead",
        ("\\x41", "\\u0041"),
        "title",
        {"ru": "статья", "en": "Article"},
    ),
    "time-without-seconds.toml": (
        4,
        10,
        "a time without seconds '10:30'",
        ("10:30", "10:30:00"),
        "date",
        "10:30:00",
    ),
    "local-datetime-without-seconds.toml": (
        4,
        18,
        "a time without seconds '2025-09-29T10:30'",
        ("T10:30", "T10:30:00"),
        "date",
        "2025-09-29 10:30:00",
    ),
    "offset-datetime-without-seconds.toml": (
        4,
        18,
        "a time without seconds '2025-09-29T10:30+03:00'",
        ("T10:30+", "T10:30:00+"),
        "date",
        "2025-09-29 10:30:00+03:00",
    ),
}


def test_every_file_in_the_folder_is_tested() -> None:
    assert {path.name for path in TOML11.glob("*.toml")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_reader_refuses_the_toml_1_1_form_and_reads_the_toml_1_0_form(name: str) -> None:
    text = (TOML11 / name).read_text(encoding="utf-8")
    _line, _column, _words, (newer, older), key, value = CASES[name]
    with pytest.raises(toml_reader.TOMLDecodeError):
        toml_reader.loads(text)
    # The same file written the TOML 1.0 way is read, so it is the construct that
    # was refused and nothing else in the file.
    assert newer in text
    data = toml_reader.loads(text.replace(newer, older))
    read = data["source"][0][key]
    assert (read if isinstance(read, dict) else str(read)) == value


def test_check_names_each_toml_1_1_construct_and_where_it_is() -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "check", str(TOML11)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(CASES), result.stdout
    for name, (line, column, words, *_rest) in CASES.items():
        where = f"{TOML11 / name}:{line}:{column}: TOML syntax error: "
        [found] = [text for text in lines if text.startswith(where)]
        assert words in found, found
        assert found.endswith(f"; {ONE_ZERO})"), found
