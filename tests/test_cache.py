"""The data cache: an unchanged data folder opens from it; any change, or bad data, goes to the loader."""

from __future__ import annotations

import builtins
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.cache import DatasetCache
from tui.factory import make_app
from tui.loader import DataError, load_dataset
from tui.model import Dataset, Localized
from tui.paths import bundled_data_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from make_dataset import make_dataset

HOUR_AGO = time.time() - 3600
CENTER = "Center of Belarusian Machinery"


def _settled(folder: Path) -> Path:
    """Date every file an hour back, as data not being edited right now is."""
    for path in [folder, *folder.iterdir()]:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(bundled_data_path(), folder)
    return _settled(folder)


def _open(folder: Path, cache: DatasetCache) -> str:
    """The Center topic's title as coop-tui opens the folder with this cache."""
    app = make_app([folder], "en", cache=cache)
    return app.dataset.topics["center"].title.get("en")


def test_an_unchanged_folder_opens_from_the_cache(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    assert cache.get([data]) is None
    make_app([data], "en", cache=cache)
    cached = cache.get([data])
    assert cached is not None
    fresh = load_dataset([data])
    assert cached.topics == fresh.topics
    assert cached.sources == fresh.sources
    assert cached.entities == fresh.entities
    assert cached.metrics == fresh.metrics
    assert cached.files == fresh.files


def test_an_edited_file_is_read_again(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    before = _open(data, cache)
    file = data / "topics-1-center.toml"
    text = file.read_text(encoding="utf-8").replace(f'en = "{before}"', 'en = "Edited centre"', 1)
    file.write_text(text, encoding="utf-8")
    assert cache.get([data]) is None
    assert _open(data, cache) == "Edited centre"


def test_an_edit_that_keeps_size_and_time_is_still_seen_when_the_folder_changes(
    data: Path, tmp_path: Path
) -> None:
    cache = DatasetCache(tmp_path / "cache")
    _open(data, cache)
    (data / "zz-extra.toml").write_text(
        '[[source]]\nid = "extra"\ntitle = { ru = "x", en = "x" }\n'
    )
    assert cache.get([data]) is None


def test_bad_data_is_never_stored_and_still_reported(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    file = data / "topics-4-trade.toml"
    file.write_text(file.read_text(encoding="utf-8") + "\n[[topic]]\nid = 3\n", encoding="utf-8")
    _settled(data)
    with pytest.raises(DataError) as caught:
        make_app([data], "en", cache=cache)
    assert "topics-4-trade.toml:" in str(caught.value)
    assert cache.get([data]) is None
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_data_saved_a_moment_ago_is_not_stored(tmp_path: Path) -> None:
    # Within a coarse file system's time resolution a second save can keep
    # the size and time: such data is read afresh until it has settled.
    folder = tmp_path / "data"
    shutil.copytree(bundled_data_path(), folder)
    os.utime(folder / "metrics.toml")  # saved just now
    cache = DatasetCache(tmp_path / "cache")
    make_app([folder], "en", cache=cache)
    assert cache.get([folder]) is None
    _settled(folder)
    make_app([folder], "en", cache=cache)
    assert cache.get([folder]) is not None


def test_a_damaged_cache_file_is_a_miss(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    _open(data, cache)
    (stored,) = (tmp_path / "cache").iterdir()
    stored.write_bytes(stored.read_bytes()[:100])
    assert cache.get([data]) is None
    assert _open(data, cache) == CENTER
    assert cache.get([data]) is not None


def test_an_unwritable_cache_folder_does_not_stop_coop_tui(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    cache = DatasetCache(blocker / "cache")
    assert _open(data, cache) == CENTER
    assert cache.get([data]) is None


def test_a_start_from_the_cache_does_not_import_the_loader(data: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.cache import DatasetCache\n"
        "from tui.factory import make_app\n"
        f"app = make_app([Path({str(data)!r})], 'en', cache=DatasetCache())\n"
        "print(app.dataset.topics['trade'].title.get('en'))\n"
        "print('tui.loader' in sys.modules, 'tomllib' in sys.modules or 'tomli' in sys.modules)\n"
    )
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
    second = subprocess.run(run, capture_output=True, text=True, env=env, check=False)
    assert first.stdout.split() == ["Trade", "True", "True"], first.stderr
    assert second.stdout.split() == ["Trade", "False", "False"], second.stderr


def test_an_edit_that_keeps_size_and_mtime_is_seen(data: Path, tmp_path: Path) -> None:
    # The file's change time (and, for an atomic save, its inode) moves with any
    # write; no program can set it back as `touch -d` sets the mtime back.
    cache = DatasetCache(tmp_path / "cache")
    assert _open(data, cache) == CENTER
    file = data / "topics-1-center.toml"
    before = file.stat()
    text = file.read_text(encoding="utf-8")
    edited = text.replace(f'en = "{CENTER}"', 'en = "Centre of Belarusian Machinery"', 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    time.sleep(0.01)  # a change time that differs even on a coarse clock
    file.write_text(edited, encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns))
    assert file.stat().st_size == before.st_size
    assert file.stat().st_mtime_ns == before.st_mtime_ns
    assert cache.get([data]) is None
    assert _open(data, cache) == "Centre of Belarusian Machinery"


def _parts(stored: Path) -> tuple[bytes, bytes, bytes]:
    """A cache file's key line, files line and pickled body."""
    key, files, body = stored.read_bytes().split(b"\n", 2)
    return key, files, body


def test_the_cache_holds_the_key_the_files_and_the_data_set_pickled(
    data: Path, tmp_path: Path
) -> None:
    cache = DatasetCache(tmp_path / "cache")
    _open(data, cache)
    (stored,) = (tmp_path / "cache").iterdir()
    key, files, body = _parts(stored)
    fresh = load_dataset([data])
    assert json.loads(key) == cache.fingerprint([data])
    assert json.loads(files) == list(fresh.files)
    # The model alone: no locations (they serve only the loader's messages),
    # the files on their own line, no derived data.
    kept = pickle.loads(body)
    assert kept == fresh.replace(locations={}, files=())
    assert vars(kept) == {}
    assert stored.stat().st_mode & 0o077 == 0


def _stored_for(data: Path, tmp_path: Path) -> tuple[DatasetCache, Path]:
    """A cache holding the data in `data`, and its one file."""
    cache = DatasetCache(tmp_path / "cache")
    assert _open(data, cache) == CENTER
    (stored,) = (tmp_path / "cache").iterdir()
    return cache, stored


def _replace_body(stored: Path, body: bytes) -> None:
    """Keep the file's key and files lines (still valid: only the body is bad)."""
    key, files, _body = _parts(stored)
    stored.write_bytes(key + b"\n" + files + b"\n" + body)


class _Call:
    """Pickles as a call of `function` with `args` (what an attacker's pickle asks
    for), then, with a `state`, as setting that state on what the call made."""

    def __init__(
        self, function: Callable[..., Any], *args: Any, state: dict[str, Any] | None = None
    ) -> None:
        self.function = function
        self.args = args
        self.state = state

    def __reduce__(self) -> tuple[Any, ...]:
        if self.state is None:
            return (self.function, self.args)
        return (self.function, self.args, self.state)


def _payloads(marker: Path) -> dict[str, object]:
    """Pickled, each of these would create `marker` if it were unpickled as pickle.loads does."""
    touch = f"open({str(marker)!r}, 'w').close()"
    return {
        "os.system": _Call(os.system, f"touch {marker}"),
        "builtins.eval": _Call(builtins.eval, touch),
        "builtins.exec": _Call(builtins.exec, touch),
        "subprocess.Popen": _Call(subprocess.Popen, ["touch", str(marker)]),
        # A real data set with the call deep inside, after allowed classes.
        "a data set's topic title": _Call(
            Dataset,
            {"center": _Call(Localized, _Call(os.system, f"touch {marker}"), "x")},
            {},
            {},
            {},
        ),
    }


@pytest.mark.parametrize(
    "payload",
    [
        "os.system",
        "builtins.eval",
        "builtins.exec",
        "subprocess.Popen",
        "a data set's topic title",
    ],
)
def test_a_pickle_that_would_run_code_is_a_miss_and_runs_nothing(
    data: Path, tmp_path: Path, payload: str
) -> None:
    cache, stored = _stored_for(data, tmp_path)
    marker = tmp_path / "ran"
    body = pickle.dumps(_payloads(marker)[payload], protocol=pickle.HIGHEST_PROTOCOL)
    _replace_body(stored, body)

    assert cache.get([data]) is None
    assert not marker.exists(), "the cache file ran code"
    assert _open(data, cache) == CENTER  # read afresh
    assert not marker.exists()
    # ... and stored again, good this time.
    assert _parts(stored)[2] != body
    assert cache.get([data]) == load_dataset([data]).replace(locations={})
    assert not marker.exists()


class _Persistent(pickle.Pickler):
    """Pickles the data set's topics as a persistent id, for a loader to look up."""

    def persistent_id(self, obj: Any) -> Any:
        return "topics" if isinstance(obj, dict) and "center" in obj else None


def test_a_persistent_id_or_derived_data_in_the_pickle_is_a_miss(
    data: Path, tmp_path: Path
) -> None:
    cache, stored = _stored_for(data, tmp_path)
    good = pickle.loads(_parts(stored)[2])
    assert cache.get([data]) is not None

    out = io.BytesIO()
    _Persistent(out, protocol=pickle.HIGHEST_PROTOCOL).dump(good)
    _replace_body(stored, out.getvalue())
    assert cache.get([data]) is None

    # A timeline that was never built from this data, waiting in `__dict__`.
    with_timeline = _Call(Dataset, *Dataset._values(good), state={"timeline": ()})
    forged = pickle.dumps(with_timeline, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(forged).timeline == ()
    _replace_body(stored, forged)
    assert cache.get([data]) is None

    # Something other than a data set, made only of allowed classes.
    _replace_body(stored, pickle.dumps(good.topics["center"], protocol=pickle.HIGHEST_PROTOCOL))
    assert cache.get([data]) is None


@pytest.mark.parametrize("damage", ["truncated", "garbled", "trailing bytes", "empty"])
def test_a_damaged_body_is_a_miss(data: Path, tmp_path: Path, damage: str) -> None:
    cache, stored = _stored_for(data, tmp_path)
    body = _parts(stored)[2]
    middle = len(body) // 2
    damaged = {
        "truncated": body[:middle],
        "garbled": body[:middle] + bytes(b ^ 0x5A for b in body[middle : middle + 64]),
        "trailing bytes": body + b"x",
        "empty": b"",
    }[damage]
    _replace_body(stored, damaged)
    assert cache.get([data]) is None
    assert _open(data, cache) == CENTER
    assert cache.get([data]) is not None


def _without_locations(dataset: Dataset) -> Dataset:
    return dataset.replace(locations={})


def test_a_start_from_the_cache_gives_what_a_fresh_load_gives(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    _open(data, cache)
    cached = cache.get([data])
    fresh = load_dataset([data])
    assert cached is not None
    assert cached == _without_locations(fresh)
    assert cached.locations == {}
    for field in ("sources", "entities", "metrics", "topics", "disagreements", "files"):
        assert getattr(cached, field) == getattr(fresh, field), field
    assert fresh.disagreements and fresh.metrics  # the data has each kind
    assert list(cached.topics) == list(fresh.topics)  # in the data's order


def test_generated_data_with_stored_texts_round_trips(tmp_path: Path) -> None:
    # 2,000 facts: more than the loader keeps as strings, so the texts live in a
    # TextStore (coop-tui itself caches only data it loads before the screen
    # opens, which is smaller; the cache must still hold such data whole).
    folder = tmp_path / "data"
    make_dataset(2000, folder)
    _settled(folder)
    fresh = load_dataset([folder])
    title = next(iter(fresh.topics.values())).title
    assert type(title) is not Localized  # read from the store
    # Derived data built before storing is not stored: a data set pickles as
    # its fields alone (`Frozen.__reduce__`), whatever it has built meanwhile.
    assert fresh.timeline and fresh.backlinks
    bare = _without_locations(fresh)
    assert bare.timeline and vars(bare)
    assert vars(pickle.loads(pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL))) == {}
    cache = DatasetCache(tmp_path / "cache")
    key = cache.fingerprint([folder])
    cache.put([folder], fresh, key)
    cached = cache.get([folder], key)
    assert cached is not None
    assert cached == _without_locations(fresh)
    for field in ("sources", "entities", "metrics", "topics", "disagreements", "files"):
        assert getattr(cached, field) == getattr(fresh, field), field
    assert vars(cached) == {}
    assert cached.timeline == fresh.timeline


def test_the_unpickler_knows_only_the_model_and_dates() -> None:
    from tui.cache import _ALLOWED

    assert {module for module, _name in _ALLOWED} == {"tui.model", "datetime"}
    assert ("datetime", "date") in _ALLOWED


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_others_can_write_is_refused_with_one_notice(
    data: Path, tmp_path: Path, mode: int
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    os.chmod(folder, mode)
    cache = DatasetCache(folder)
    app = make_app([data], "en", cache=cache)
    assert app.dataset.topics["center"].title.get("en") == CENTER
    assert cache.notice is not None and "can be written by other users" in str(cache.notice)
    assert str(folder) in str(cache.notice)
    assert list(folder.iterdir()) == []  # nothing stored there either
    assert cache.get([data]) is None


def test_a_fifo_in_place_of_the_cache_file_is_a_miss(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    (tmp_path / "cache").mkdir(mode=0o700)
    os.mkfifo(cache._file_for([data]))
    assert cache.get([data]) is None  # at once, not waiting for a writer
    assert _open(data, cache) == CENTER
