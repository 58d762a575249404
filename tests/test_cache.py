"""The data cache: an unchanged data folder opens from it; any change, or bad data, goes to the loader."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cache import DatasetCache
from tui.factory import make_app
from tui.jsonio import dataset_to_json
from tui.loader import DataError, load_dataset
from tui.paths import bundled_data_path

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


def test_the_cache_is_json_that_export_could_have_written(data: Path, tmp_path: Path) -> None:
    cache = DatasetCache(tmp_path / "cache")
    _open(data, cache)
    (stored,) = (tmp_path / "cache").iterdir()
    _key, files, body = stored.read_text(encoding="utf-8").split("\n", 2)
    fresh = load_dataset([data])
    exported = json.loads(dataset_to_json(fresh))
    # The model as the export writes it, without the derived timeline (read
    # back, it would be ignored) and on one line: a start reads half the bytes.
    del exported["timeline"]
    assert json.loads(body) == exported
    assert "\n" not in body
    assert json.loads(files) == list(fresh.files)
    assert stored.stat().st_mode & 0o077 == 0


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
