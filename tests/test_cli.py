"""The command line as a user meets it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui import __version__

ROOT = Path(__file__).resolve().parent.parent


def coop_tui(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd or ROOT,
        timeout=60,
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
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("coop_tui-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = sorted(p.name for p in (ROOT / "data").glob("*.toml"))
    assert data_files
    for name in data_files:
        assert f"tui/data/{name}" in names
    assert "tui/app.tcss" in names
    assert any(n.endswith("entry_points.txt") for n in names)
