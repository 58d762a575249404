"""Paths that lead nowhere say why, and no $COLUMNS makes the report absurdly wide."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.report import MAX_WIDTH, report_width

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=environ,
        check=False,
    )


@pytest.mark.parametrize("command", [["check"], ["export"]])
def test_a_symlink_loop_is_reported_as_a_loop(tmp_path: Path, command: list[str]) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.symlink_to(b)
    b.symlink_to(a)
    args = [*command, str(a)] if command == ["check"] else [*command, "--data", str(a)]
    result = run(*args)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{a}: a symbolic link that loops back on itself" in output
    assert "no such file" not in output and "Traceback" not in output


def test_a_dangling_symlink_names_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "data.toml"
    # A relative target, as `ln -s moved-away.toml data.toml` makes: the message
    # shows it as written, and a long temporary folder (pytest-xdist's) would be
    # shortened with an ellipsis.
    link.symlink_to("moved-away.toml")
    result = run("check", str(link))
    assert result.returncode == 1
    assert f"{link}: a symbolic link to moved-away.toml, which does not exist" in result.stdout


def test_a_missing_path_is_still_no_such_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nothing.toml"))
    assert "no such file or folder" in result.stdout


def test_a_huge_columns_value_is_capped() -> None:
    assert report_width({"COLUMNS": "99999999"}) == MAX_WIDTH
    assert report_width({"COLUMNS": str(MAX_WIDTH - 1)}) == MAX_WIDTH - 1
    result = run("export", env={"COLUMNS": "99999999"})
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= MAX_WIDTH
    assert len(result.stdout) < 200_000  # not hundreds of megabytes of rules
