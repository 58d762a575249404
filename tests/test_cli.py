"""The command line as a user runs it: the real entry point in a subprocess, real files.

Exit codes, messages, no tracebacks.

`python -m tui` is what the `coop-tui` script runs (both call `tui.cli.main`).
Standard output is a pipe here, so a bare `coop-tui` prints the report.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import SIZE_LIMIT_TEXT, _explorer_options, build_parser
from tui.loader import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "bad_toml"
ESCAPE = re.compile(r"[\x1b\x9b]")


def coop_tui(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd or ROOT,
        timeout=60,
        check=False,
    )


def test_version() -> None:
    result = coop_tui("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"coop-tui {__version__}"


def test_help_names_the_options() -> None:
    result = coop_tui("--help")
    assert result.returncode == 0
    for option in ("--lang", "--data", "--version", "ru", "en"):
        assert option in result.stdout


def test_unknown_language_is_a_usage_error() -> None:
    result = coop_tui("--lang", "de")
    assert result.returncode == 2
    assert "invalid choice: 'de'" in result.stderr


def test_bad_data_exits_1_with_the_loaders_message_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[source]]\nid = "s"\ntitle = "S"\n\n[[topic]]\nid = "t"\ntitle = "T"\n'
        '[[topic.fact]]\ntext = "x"\nsource = "nope"\n',
        encoding="utf-8",
    )
    result = coop_tui("--data", str(bad))
    assert result.returncode == 1
    assert f"{bad}:10:" in result.stderr
    assert "topic[0].fact[0].source" in result.stderr
    assert "nope" in result.stderr
    assert "Traceback" not in result.stderr
    # The terminal is untouched: nothing was written to it before the error.
    assert result.stdout == ""
    assert "\x1b" not in result.stderr


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('[[topic]]\nid = "t"\ntitle = "unterminated\n', encoding="utf-8")
    result = coop_tui("--data", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3:" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_data_path(tmp_path: Path) -> None:
    result = coop_tui("--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "nowhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_wheel_ships_the_data_and_stylesheet(tmp_path: Path) -> None:
    """`pip install .` (not editable) must carry the bundled data inside the package."""
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("coop_tui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = sorted(p.name for p in (ROOT / "data").glob("*.toml"))
    assert data_files
    for name in data_files:
        assert f"tui/data/{name}" in names
    assert "tui/ui/app.tcss" in names
    assert "tui/schema/coop-tui.schema.json" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run(  # noqa: PLW1510 - the exit code is what is tested
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=environ,
        timeout=60,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


# ---------------------------------------------------------------- check


def test_check_bundled_data_is_clean() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    files = len(list((ROOT / "data").glob("*.toml")))
    assert result.stdout.startswith(f"ok: {files} files, ")
    assert result.stderr == ""


# file: (line, column, words the one line must hold). Each is a kind of broken
# file a maintainer can produce; see tests/bad_toml/README.md.
CORPUS: dict[str, tuple[int | None, int | None, str]] = {
    "unterminated-string.toml": (3, 30, "string not closed before the end of the line"),
    "unterminated-multiline-string.toml": (5, 1, "string never closed"),
    "bad-escape.toml": (3, 14, "a backslash that starts no valid escape"),
    "bad-unicode-escape.toml": (3, 28, "a \\u escape names no character"),
    "bare-carriage-return.toml": (3, 12, "a carriage return (CR) without a line feed"),
    "control-character.toml": (3, 14, "control character U+0007"),
    "nul-byte.toml": (3, 11, "control character U+0000"),
    "duplicate-key.toml": (4, 14, "duplicate key 'title'"),
    "duplicate-table.toml": (4, 8, "table [source] declared twice"),
    "table-after-array.toml": (5, 7, "table [topic] declared twice"),
    "invalid-date.toml": (4, 8, "invalid date '2025-02-30'"),
    "invalid-date-format.toml": (4, 12, "invalid value '2025-9-29'"),
    "invalid-number.toml": (8, 10, "invalid value '3__0'"),
    "leading-zero.toml": (8, 10, "invalid value '03'"),
    "trailing-dot-float.toml": (8, 10, "invalid value '3.'"),
    "missing-equals.toml": (3, 7, "expected '=' after a key"),
    "missing-value.toml": (3, 8, "missing value after '='"),
    "unclosed-array.toml": (5, 1, "array never closed"),
    "unclosed-header.toml": (1, 8, "expected ']]'"),
    "newline-in-inline-table.toml": (3, 20, "a line break inside an inline table"),
    "bad-utf8.toml": (3, 13, "not valid UTF-8: byte 0xe9"),
    "latin1-file.toml": (3, 10, "not valid UTF-8: byte 0xcc"),
    "random-bytes.toml": (1, 2, "not valid UTF-8"),
    "empty.toml": (None, None, "the file holds no data"),
    "only-comments.toml": (None, None, "the file holds no data"),
    "not-our-schema.toml": (1, 1, "tool: unknown key 'tool'"),
}


def test_the_corpus_is_all_tested() -> None:
    on_disk = {p.name for p in BAD.glob("*.toml")}
    assert on_disk == set(CORPUS) | {"wrong-types.toml"}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_check_gives_one_precise_line_per_broken_file(name: str) -> None:
    line, column, words = CORPUS[name]
    path = BAD / name
    result = run("check", path)
    assert result.returncode == 1
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    where = f"{path}:{line}:{column}: " if line is not None else f"{path}: "
    assert lines[0].startswith(where), lines[0]
    assert words in lines[0]
    # "what is wrong (what was expected)": every one says what to write instead.
    assert "expected" in lines[0]
    assert not ESCAPE.search(result.stdout)
    assert result.stderr == "coop-tui check: 1 problem in 1 file\n"


def test_check_reports_every_schema_problem_with_its_key_path() -> None:
    path = BAD / "wrong-types.toml"
    result = run("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        (
            f"{path}:2:6: topic[0].id: invalid id 'Trade Topic' (expected an id such as "
            '"industry.tractors": lowercase letters, digits, ".", "_" or "-", starting with a '
            "letter or digit)"
        ),
        (
            f"{path}:3:9: topic[0].title: wrong type: got an integer (expected text: a string, "
            'or a table { ru = "...", en = "..." })'
        ),
    ]


def test_check_reports_all_files_in_one_run(tmp_path: Path) -> None:
    result = run("check", BAD / "duplicate-key.toml", BAD / "bad-utf8.toml", BAD / "empty.toml")
    assert result.returncode == 1
    files = [line.split(":", 1)[0] for line in result.stdout.splitlines()]
    assert files == [str(BAD / n) for n in ("duplicate-key.toml", "bad-utf8.toml", "empty.toml")]
    # The whole folder: one run, every file named.
    folder = run("check", BAD)
    assert folder.returncode == 1
    named = {line.split(":", 1)[0] for line in folder.stdout.splitlines()}
    assert named == {str(p) for p in BAD.glob("*.toml")}
    assert folder.stderr == f"coop-tui check: 28 problems in {len(named)} files\n"


def test_a_syntax_error_in_one_file_does_not_bury_itself(tmp_path: Path) -> None:
    # Breaking the sources file must not make every citation "unknown".
    data = tmp_path / "data"
    data.mkdir()
    for file in (ROOT / "data").glob("*.toml"):
        (data / file.name).write_bytes(file.read_bytes())
    sources = data / "sources.toml"
    original = sources.read_text(encoding="utf-8")
    sources.write_text(original + "broken =\n", encoding="utf-8")
    result = run("check", data)
    assert result.returncode == 1
    line = original.count("\n") + 1
    assert result.stdout.splitlines() == [
        (
            f"{sources}:{line}:9: TOML syntax error: missing value after '=' (expected "
            'a "string", a number such as 3 or 3.5, a date such as 2025-09-29, true or false, '
            "an [array] or an { inline = table })"
        )
    ]


def test_check_missing_path_is_reported_with_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = run("check", missing, BAD / "duplicate-key.toml")
    assert result.returncode == 1
    assert_clean_failure(result)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{missing}: no such file or folder (expected a file or folder)"
    assert lines[1].startswith(f"{BAD / 'duplicate-key.toml'}:4:14: ")
    assert len(lines) == 2


def test_check_folder_without_toml(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    result = run("check", tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        f"{tmp_path}: folder holds no .toml file "
        "(expected a folder of *.toml data files, or a .toml file)\n"
    )


def test_check_too_big_file_names_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "dump.toml"
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    result = run("check", big)
    assert result.returncode == 1
    assert_clean_failure(result)
    assert result.stdout == (
        f"{big}: file is larger than 16 MiB, too big to be coop-tui data "
        "(expected a data file under 16 MiB)\n"
    )


def test_the_size_limit_is_stated_in_help() -> None:
    assert MAX_FILE_BYTES == 16 * 1024 * 1024 and SIZE_LIMIT_TEXT == "16 MiB"
    result = run("check", "--help")
    assert result.returncode == 0
    assert "smaller than 16 MiB" in " ".join(result.stdout.split())


def test_check_a_directory_given_as_a_file_and_odd_names(tmp_path: Path) -> None:
    odd = tmp_path / "bad\x1b[2Jname.toml"
    odd.write_text("x = ", encoding="utf-8")
    result = run("check", odd)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout
    assert "␛[2Jname.toml:1:5: " in result.stdout


@pytest.mark.parametrize("args", [["--nope"], ["check", "--nope"], ["export", "--format", "pdf"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert_clean_failure(result)
    assert result.stderr.startswith("usage: coop-tui")


# The explorer's own options are read without argparse (it costs the first paint
# some 3 ms); whatever is read so must be what argparse reads, and anything
# else must go to argparse.
EXPLORER_STARTS = [
    [],
    ["--lang", "en"],
    ["--lang=ru"],
    ["--lang", "ru", "--lang", "en"],
    ["--theme", "nord", "--lang", "en"],
    ["--data", "a.toml", "--data=b dir", "--theme=coop-light"],
    ["--data", "=x"],
]
LEFT_TO_ARGPARSE = [
    ["--la", "en"],
    ["--lang", "xx"],
    ["--lang"],
    ["--data"],
    ["--data", "-x"],
    ["--data", ""],
    ["--data="],
    ["-h"],
    ["--version"],
    ["check"],
    ["--lang", "en", "export"],
    ["--", "--lang", "en"],
    ["--lang", "en", "extra"],
]


@pytest.mark.parametrize("args", EXPLORER_STARTS)
def test_an_explorer_start_is_read_as_argparse_reads_it(args: list[str]) -> None:
    quick = _explorer_options(args)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(args))


@pytest.mark.parametrize("args", LEFT_TO_ARGPARSE)
def test_anything_else_is_left_to_argparse(args: list[str]) -> None:
    assert _explorer_options(args) is None


# ---------------------------------------------------------------- schema


def test_schema_prints_the_shipped_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    shipped = (ROOT / "tui" / "schema" / "coop-tui.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped


# ---------------------------------------------------------------- pipes and export


def test_piped_coop_tui_prints_the_report_without_escapes() -> None:
    # FORCE_COLOR would make Rich colour a pipe; the report must stay plain.
    result = run(env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)
    assert "\x07" not in result.stdout  # no OSC 8 link terminators either
    text = result.stdout
    assert text.startswith("coop-tui 0.1.0 — St Petersburg ⇄ Belarus\n")
    for heading in ("Center ──", "Trade › Turnover ──", "Pharma ──", "Industry ──"):
        assert heading in text
    # Facts, quotes, figures and sources, with the URL spelled out.
    assert "• " in text and "“" in text and "Target $4.0bn" in text and "https://" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_report_follows_columns_and_language() -> None:
    result = run("--lang", "ru", env={"COLUMNS": "60"})
    assert result.returncode == 0
    assert "Торговля › Товарооборот ──" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_report_into_a_closed_pipe_is_quiet() -> None:
    # `coop-tui | head -1`: the reader leaves early; no BrokenPipeError traceback.
    script = f"{sys.executable} -m tui | head -n 1"
    result = subprocess.run(  # noqa: PLW1510
        ["bash", "-o", "pipefail", "-c", script], capture_output=True, text=True, cwd=ROOT
    )
    assert result.stdout == "coop-tui 0.1.0 — St Petersburg ⇄ Belarus\n"
    assert result.stderr == ""
    assert result.returncode == 0


def test_export_text_is_the_piped_report() -> None:
    assert run("export").stdout == run().stdout


def test_export_markdown_one_topic() -> None:
    result = run("export", "--format", "md", "--topic", "trade")
    assert result.returncode == 0
    md = result.stdout
    assert md.startswith("## Trade\n")
    assert "## Trade › Turnover\n" in md and "## Center" not in md
    assert "### Sources\n\n1. " in md
    assert "<https://" in md


def test_export_json_and_lang(tmp_path: Path) -> None:
    import json

    result = run("export", "--format", "json", "--topic", "trade.turnover")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert [t["id"] for t in document["topics"]] == ["trade.turnover"]
    assert {m["id"] for m in document["metrics"]} == {"turnover-spb", "turnover-by"}


def test_export_unknown_topic_is_a_usage_error() -> None:
    result = run("export", "--topic", "no-such-topic")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "coop-tui: unknown topic id 'no-such-topic' (expected one of: center,"
    )


def test_export_of_bad_data_exits_1(tmp_path: Path) -> None:
    result = run("export", "--data", BAD / "duplicate-key.toml")
    assert result.returncode == 1
    assert_clean_failure(result)
    assert f"{BAD / 'duplicate-key.toml'}:4:14: TOML syntax error: duplicate key" in result.stderr


# ---------------------------------------------------------------- a fast command line


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["check"],
        ["check", str(BAD / "duplicate-key.toml")],
        ["schema"],
        ["export"],
        ["export", "--format", "md"],
        ["export", "--format", "json"],
        [],  # piped: the report
    ],
)
def test_commands_never_import_textual(args: list[str]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        f"sys.argv = ['coop-tui', *{args!r}]\n"
        "out = io.StringIO()\n"
        "try:\n"
        "    with contextlib.redirect_stdout(out):\n"
        f"        main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')\n"
        "                or m in ('tui.ui.app', 'tui.ui.widgets', 'tui.ui.screens'))\n"
        "print('LOADED:' + ','.join(loaded), file=sys.stderr)\n"
    )
    result = subprocess.run(  # noqa: PLW1510
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert "LOADED:\n" in result.stderr, result.stderr
