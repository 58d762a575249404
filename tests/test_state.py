"""The state file: no content stops coop-tui, and nothing it held is ever lost."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import notice_texts

from tui.factory import make_app
from tui.links import PageRef
from tui.state import StateStore, bookmarks_from

SIZE = (100, 30)


def _bad_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".bad-*"))


@pytest.mark.parametrize(
    "content, says",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"theme": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b'{"bookmarks": [' + b"[" * 50_000 + b"]" * 50_000 + b"]}", "nested too deeply"),
        (b"{broken", "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b"null", "not a JSON object"),
        (b"", "not valid JSON"),
    ],
    ids=["deep", "5000-digits", "deep-inside", "broken", "not-utf8", "array", "null", "empty"],
)
def test_a_bad_state_file_is_set_aside_with_one_notice(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    loaded = StateStore(path).load()
    assert loaded.data == {}
    assert loaded.notice is not None and says in str(loaded.notice)
    assert "\n" not in str(loaded.notice)
    (aside,) = _bad_files(path)
    assert str(aside) in str(loaded.notice)
    assert aside.read_bytes() == content  # everything it held, kept
    assert not path.exists()


def test_a_state_file_over_16_mib_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with open(path, "wb") as handle:
        handle.write(b'{"x": "' + b"a" * (17 * 1024 * 1024) + b'"}')
    loaded = StateStore(path).load()
    assert loaded.data == {} and loaded.notice and "16 MiB" in str(loaded.notice)
    assert len(_bad_files(path)) == 1


def test_wrong_shapes_are_set_aside_and_what_was_right_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    original = {
        "theme": 5,
        "bookmarks": [["topic", "trade"], 3, ["nonsense", "x"], ["organisation", "ptz"]],
        "other": {"kept": True},
    }
    path.write_text(json.dumps(original), encoding="utf-8")
    store = StateStore(path)
    loaded = store.load()
    assert loaded.notice is not None
    assert "theme" in str(loaded.notice) and "2 of its bookmarks" in str(loaded.notice)
    (aside,) = _bad_files(path)
    assert json.loads(aside.read_text(encoding="utf-8")) == original
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept == {
        "bookmarks": [["topic", "trade"], ["organisation", "ptz"]],
        "other": {"kept": True},
    }
    assert bookmarks_from(loaded.data) == [
        PageRef("topic", "trade"),
        PageRef("organisation", "ptz"),
    ]
    again = StateStore(path).load()
    assert again.notice is None and again.data == kept


def test_a_file_that_cannot_be_set_aside_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(b"{broken")
    store = StateStore(path)

    def refused(*args: object) -> None:  # a folder the reader may not rename in
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tui.state.os.rename", refused)
    loaded = store.load()
    assert loaded.notice is not None and "could not be set aside" in str(loaded.notice)
    notice = store.save({"theme": "nord"})
    assert notice is not None and "not saved" in str(notice)
    assert path.read_bytes() == b"{broken"


async def test_the_app_starts_on_a_deeply_nested_state_file(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    (state_home / "state.json").write_bytes(b"[" * 200_000)
    app = make_app(lang="en", remember=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        notices = notice_texts(app)
        assert len(notices) == 1 and "nested too deeply" in notices[0]
        await pilot.press("b")
        assert app.bookmarks == [PageRef("topic", "center")]
    (aside,) = _bad_files(state_home / "state.json")
    assert aside.read_bytes() == b"[" * 200_000
    saved = json.loads((state_home / "state.json").read_text(encoding="utf-8"))
    assert saved["bookmarks"] == [["topic", "center"]]


def test_a_corrupt_file_is_set_aside_before_the_first_save(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    path = state_home / "state.json"
    path.write_text('{"bookmarks": [["topic", "trade"]], "theme": "nord"', encoding="utf-8")
    store = StateStore(path)
    loaded = store.load()
    assert store.update("bookmarks", [["topic", "center"]]) is None
    (aside,) = _bad_files(path)
    assert str(aside) in str(loaded.notice)
    assert aside.read_text(encoding="utf-8").startswith('{"bookmarks": [["topic", "trade"]]')


# ---------------------------------------------------------------- temporary files


def test_temporary_files_of_an_interrupted_save_are_removed_at_start(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{}", encoding="utf-8")
    old = tmp_path / ".state-k2j3h4.tmp"  # as mkstemp named them before
    old.write_text("{")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    orphan = tmp_path / f".state-{dead.stdout.strip()}-abcd.tmp"
    orphan.write_text("{")
    live = tmp_path / f".state-{os.getpid()}-efgh.tmp"  # a save under way right now
    live.write_text("{")
    other = tmp_path / "notes.tmp"
    other.write_text("mine")
    assert StateStore(path).load().notice is None
    assert not old.exists() and not orphan.exists()
    assert live.exists() and other.exists()


def test_a_save_killed_half_way_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    # The real thing: a process stopped by SIGKILL between writing and renaming.
    path = tmp_path / "state.json"
    script = (
        "import os, sys, signal\n"
        "from pathlib import Path\n"
        "import tui.state as s\n"
        "real = os.replace\n"
        "def die(*a):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "s.os.replace = die\n"
        f"s.StateStore(Path({str(path)!r})).save({{'theme': 'nord'}})\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == -9
    left = list(tmp_path.glob(".state-*.tmp"))
    assert len(left) == 1
    assert StateStore(path).load().notice is None
    assert not list(tmp_path.glob(".state-*.tmp"))


# ---------------------------------------------------------------- symbolic links


def test_a_symlinked_state_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "dotfiles").mkdir()
    real = tmp_path / "dotfiles" / "coop-state.json"
    real.write_text('{"theme": "nord"}', encoding="utf-8")
    os.chmod(real, 0o644)
    link = tmp_path / "state" / "state.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = StateStore(link)
    assert store.update("bookmarks", [["topic", "trade"]]) is None
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8")) == {
        "theme": "nord",
        "bookmarks": [["topic", "trade"]],
    }
    assert os.stat(real).st_mode & 0o777 == 0o644
    assert not list(real.parent.glob(".state-*"))


def test_a_corrupt_symlinked_state_file_is_set_aside_beside_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("{oops", encoding="utf-8")
    link = tmp_path / "state" / "state.json"
    link.parent.mkdir()
    link.symlink_to(real)
    store = StateStore(link)
    assert store.load().notice is not None
    assert [p.read_text() for p in _bad_files(real)] == ["{oops"]
    assert store.save({"theme": "nord"}) is None
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8")) == {"theme": "nord"}


def test_a_symlink_loop_is_refused_with_a_notice(tmp_path: Path) -> None:
    a, b = tmp_path / "state.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    store = StateStore(a)
    loaded = store.load()
    assert loaded.data == {} and loaded.notice and "loops" in str(loaded.notice)
    notice = store.save({"theme": "nord"})
    assert notice is not None and "not saved" in str(notice)
    assert a.is_symlink() and b.is_symlink()


def test_a_lone_surrogate_in_the_state_is_saved_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"bookmarks": [["topic", "\\ud800"]]}', encoding="utf-8")
    store = StateStore(path)
    assert store.update("theme", "nord") is None
    assert bookmarks_from(StateStore(path).load().data) == [PageRef("topic", "\ud800")]


# ---------------------------------------------------------------- bookmarks at scale


def test_bookmarks_load_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted, not timed: comparisons between bookmarks grow with their number,
    # not its square (a list membership test each made 20,000 take 17 s).
    count = 3000
    calls = 0
    equal = PageRef.__eq__

    def counting(self: PageRef, other: object) -> bool:
        nonlocal calls
        calls += 1
        return equal(self, other)

    monkeypatch.setattr(PageRef, "__eq__", counting)
    data = {"bookmarks": [["topic", f"t{i}"] for i in range(count)] + [["topic", "t0"]]}
    refs = bookmarks_from(data)
    assert len(refs) == count
    assert calls <= 2 * count


async def test_twenty_thousand_bookmarks_open(state_home: Path) -> None:
    state_home.mkdir(parents=True)
    marks = [["topic", "trade"]] + [["organisation", f"org-{i}"] for i in range(20_000)]
    (state_home / "state.json").write_text(json.dumps({"bookmarks": marks}), encoding="utf-8")
    app = make_app(lang="en", remember=True)
    assert len(app.bookmarks) == 20_001
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert not notice_texts(app)


# ---------------------------------------------------------------- any JSON at all


def _random_json(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(9 if depth < 6 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 10**300, 1.5, float("1e308")])
    if kind == 3:
        return rng.choice(["", "topic", "trade", "\u202e", "a" * 1000, "[red]x"])
    if kind == 4:
        return ["topic", rng.choice(["trade", "center", 3, None])]
    if kind in (5, 6):
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["theme", "bookmarks", "x", ""]
    return {rng.choice(keys): _random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_any_json_loads_and_saves(tmp_path: Path) -> None:
    rng = random.Random(14)
    for case in range(300):
        folder = tmp_path / str(case)
        folder.mkdir()
        path = folder / "state.json"
        document = {"theme": _random_json(rng), "bookmarks": _random_json(rng)}
        if case % 3 == 0:
            document = _random_json(rng)  # type: ignore[assignment]
        path.write_text(json.dumps(document), encoding="utf-8")
        store = StateStore(path)
        loaded = store.load()
        assert isinstance(loaded.data, dict)
        bookmarks_from(loaded.data)
        problem = store.update("bookmarks", [["topic", "trade"]])
        assert problem is None or "not saved" not in str(problem), problem
        assert StateStore(path).load().notice is None


def test_a_fifo_in_place_of_the_state_file_does_not_hang_the_start(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    os.mkfifo(path)
    loaded = StateStore(path).load()
    assert loaded.notice is not None and "not a regular file" in str(loaded.notice)
    assert not path.exists() and len(_bad_files(path)) == 1
