"""Hostile text through the non-interactive outputs: the piped report and every export format."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hostile import FIXTURE, INJECTED, SHOWN


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data", str(FIXTURE.parent)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def assert_no_injected(output: bytes) -> None:
    for name, sequence in INJECTED.items():
        assert sequence not in output, name
    assert b"\x1b" not in output  # not even our own styling reaches a pipe


@pytest.mark.parametrize("args", [(), ("export", "--format", "text"), ("export", "--format", "text", "--lang", "ru")])
def test_text_report_shows_hostile_strings_as_characters(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert_no_injected(result.stdout)
    text = result.stdout.decode("utf-8")
    for name in ("title", "clear", "osc52", "c1", "nul", "bidi", "wide"):
        assert SHOWN[name] in text, name
    assert "[red]red[/red]" in text


def test_markdown_export_is_inert() -> None:
    result = run("export", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert_no_injected(result.stdout)
    text = result.stdout.decode("utf-8")
    assert "pwned-title" in text and "␛" in text


def test_json_export_is_inert_and_parses() -> None:
    result = run("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert_no_injected(result.stdout)
    document = json.loads(result.stdout)
    assert "␛]0;pwned-title␇" in json.dumps(document, ensure_ascii=False)
