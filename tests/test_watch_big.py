"""Watching a big data folder costs little while nothing changes, and still sees every change."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

import tui.watch
from tui.watch import SMALL_FOLDER, SWEEP, DataWatcher

FILES = 1500


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    for i in range(FILES):
        (folder / f"s{i:05d}.toml").write_text(f'[[source]]\nid = "s{i}"\n', encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (hour_ago, hour_ago))
    return folder


def counting_stats(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = tui.watch._stat

    def counted(path: str):  # type: ignore[no-untyped-def]
        calls.append(path)
        return real(path)

    monkeypatch.setattr(tui.watch, "_stat", counted)
    return calls


def settle(watcher: DataWatcher, clock: FakeClock, polls: int) -> bool:
    """Poll up to `polls` times; True as soon as a change is reported."""
    for _ in range(polls):
        clock.now += 0.25
        if watcher.poll():
            return True
    return False


@pytest.mark.parametrize("events", [True, False], ids=["inotify", "polling"])
def test_an_idle_big_folder_is_not_stated_file_by_file(
    big: Path, monkeypatch: pytest.MonkeyPatch, events: bool
) -> None:
    assert FILES > SMALL_FOLDER
    clock = FakeClock()
    watcher = DataWatcher([big], settle=0, clock=clock, events=events)
    try:
        watcher.poll()
        calls = counting_stats(monkeypatch)
        for _ in range(8):
            clock.now += 0.25
            assert watcher.poll() is False
        # Per poll: the folder itself and one slice of its files, not all 1,500.
        assert len(calls) <= 8 * (SWEEP + 1), len(calls)
    finally:
        watcher.close()


@pytest.mark.parametrize("events", [True, False], ids=["inotify", "polling"])
def test_a_file_written_in_place_in_a_big_folder_is_seen(
    tmp_path: Path, big: Path, events: bool
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in sorted(big.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    hour_ago = time.time() - 3600
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (hour_ago, hour_ago))
    clock = FakeClock()
    watcher = DataWatcher([folder], settle=0, clock=clock, events=events)
    try:
        watcher.poll()
        folder_mtime = folder.stat().st_mtime_ns
        with open(folder / "s01234.toml", "a", encoding="utf-8") as handle:
            handle.write("# edited in place\n")  # no rename: the folder's mtime stays
        assert folder.stat().st_mtime_ns == folder_mtime
        inotify = events and sys.platform.startswith("linux")
        # With inotify, at the next poll; without, within one round of the sweep.
        rounds = 3 if inotify else FILES // SWEEP + 3
        assert settle(watcher, clock, rounds)
    finally:
        watcher.close()


@pytest.mark.parametrize("events", [True, False], ids=["inotify", "polling"])
def test_files_added_removed_and_renamed_over_in_a_big_folder_are_seen_at_once(
    tmp_path: Path, big: Path, events: bool
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in sorted(big.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    clock = FakeClock()
    watcher = DataWatcher([folder], settle=0, clock=clock, events=events)
    try:
        watcher.poll()
        (folder / "zz-new.toml").write_text('[[source]]\nid = "new"\n', encoding="utf-8")
        assert settle(watcher, clock, 3)
        (folder / "s00007.toml").unlink()
        assert settle(watcher, clock, 3)
        temporary = folder / ".s00008.toml.swp"
        temporary.write_text("atomic", encoding="utf-8")
        os.replace(temporary, folder / "s00008.toml")
        assert settle(watcher, clock, 3)
        (folder / "notes.txt").write_text("not data", encoding="utf-8")
        assert not settle(watcher, clock, 3)
    finally:
        watcher.close()
