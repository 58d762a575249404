"""A checked data set kept between runs, so that an unchanged data folder opens without re-reading it.

Reading and checking the bundled data takes longer than the rest of coop-tui's
start-up work of its own; reading it back from the cache takes a few
milliseconds. The cache holds one data set per set of data paths, under
`$XDG_CACHE_HOME/coop-tui`, and is used only when nothing that went into it
has changed:

- every data file: its path, size, modification and change times (ctime:
  no program can set it back, so an edit that keeps size and mtime still
  shows) and inode (an atomic save by rename is a new inode); the same for
  each folder, whose times change when a file is added or removed;
- the code that reads and models the data: every module of this package, by
  size and modification time, as Python itself decides a `.pyc` is stale;
- the Python version.

Anything else (a missing or unreadable file, a path that is neither file nor
folder, a cache file that is damaged, written by other code or that asks
for anything but the data model when read) is a miss: the
caller loads the data with the strict loader, which reports every problem as
ever. Only data that passed that loader is stored, so the cache never lets bad
data through. Nothing here imports the loader or Textual: a hit costs neither.
A data set from the cache has no `locations` (where each id was defined):
those serve only the loader's own messages.

Safety. The data set is stored as a pickle (on the third line, after the key
and the data files, without its locations and without the data it derives and
keeps, such as the timeline: `Frozen.__reduce__` pickles the fields alone).
A pickle names the classes and functions to call to rebuild it, and
`pickle.loads` calls whatever it names; this cache reads it with
`_ModelUnpickler`, whose `find_class` answers only from `_ALLOWED` (the model
classes of `tui.model` and `datetime.date`, from a table, never importing by
name) and refuses anything else (`os.system`, `builtins.eval`,
`copyreg._reconstructor` ...) and every persistent id. So all a cache file can
run are those classes' constructors, which only set their fields (a date
checks its numbers), besides building strings, numbers, tuples and dicts,
hashing and comparing our own values; the attributes a pickle could set
afterwards are refused by the classes themselves, and what is read must be one
`Dataset` with nothing in its `__dict__`, filling the whole body. A file that
fails any of this is a miss like a damaged one: the data is loaded and checked
afresh, and the file written again. The cache was JSON for a while, which runs
no code at all; it is a pickle again for start-up time: the bundled data reads
back in 2-3 ms rather than 6-9 (JSON: decoding, parsing and building every
object in Python; see `benchmarks/cache_formats.py`), and Textual imports
`pickle` before the first frame anyway. It is used only from a folder that
belongs to the user running coop-tui and that neither group nor others may
write; otherwise it is not used at all, and `notice` says why, once. A cache
file itself must be a regular file of the same owner, opened without following
links.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import stat
import sys
import tempfile
import time
import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import __version__, model
from .model import Dataset
from .notices import Notice
from .paths import user_dir

_PACKAGE = Path(__file__).resolve().parent
_FORMAT = 4  # bump when what the file holds changes shape (1 and 2: pickles, 3: JSON)
_PROTOCOL = 5  # every Python coop-tui runs on reads it; the key holds the Python version
# A file changed this recently may change again within its file system's
# timestamp resolution without its size or time changing: not cached.
_RACY_NS = 2_000_000_000

Fingerprint = list[Any]
"""Plain JSON values, so that the stored key compares as text."""

# Everything a stored data set is made of besides str, int, float, None,
# tuples and dicts (which a pickle holds without naming a class): each is
# rebuilt by calling it with its fields (`Frozen.__reduce__`,
# `Localized.__reduce__`; a date from its bytes), and its `__init__` only sets
# them. `Localized` covers a big data set's stored texts too: they pickle as
# plain ones. `Location` is not here: a stored data set has no locations.
_ALLOWED: dict[tuple[str, str], type] = {
    (cls.__module__, cls.__qualname__): cls
    for cls in (
        model.Dataset,
        model.Disagreement,
        model.Entity,
        model.Fact,
        model.Localized,
        model.Metric,
        model.Observation,
        model.PartialDate,
        model.Quote,
        model.Source,
        model.Target,
        model.Topic,
        date,
    )
}


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/coop-tui`, or `~/.cache/coop-tui` when it is unset or relative."""
    return user_dir("XDG_CACHE_HOME", ".cache", environ)


def _stat_key(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def _data_fingerprint(paths: Sequence[Path]) -> list[Any] | None:
    """What the data files are now, or None when a path is not a plain file or folder."""
    parts: list[Any] = []
    for path in paths:
        try:
            if path.is_dir():
                parts.append(["dir", os.path.realpath(path), _stat_key(path)])
                for entry in sorted(path.iterdir()):
                    if entry.suffix == ".toml":
                        parts.append([entry.name, _stat_key(entry)])
            elif path.is_file():
                parts.append(["file", os.path.realpath(path), _stat_key(path)])
            else:
                return None
        except (OSError, ValueError):
            return None
    return parts


def _code_fingerprint() -> list[Any]:
    parts: list[Any] = [_FORMAT, __version__, list(sys.version_info[:3])]
    for module in sorted(_PACKAGE.glob("*.py")):
        info = module.stat()
        parts.append([module.name, info.st_size, info.st_mtime_ns])
    return parts


def _racy(key: Fingerprint, now_ns: int) -> bool:
    _code, data = key
    for part in data:
        # mtime only: a write sets it to now. The ctime is in the key, but a
        # file whose time was set back (by `touch -d`, an unpacked archive)
        # has a recent ctime and an old mtime, and may be cached at once.
        _size, mtime_ns, _ctime_ns, _inode, _device = part[-1]
        if now_ns - mtime_ns < _RACY_NS:
            return True
    return False


def folder_problem(folder: Path) -> Notice | None:
    """Why `folder` may not hold a cache (None: it may): it must be ours and only ours to write."""
    info = os.stat(folder)
    if not stat.S_ISDIR(info.st_mode):
        return Notice("cache.not-a-folder")
    if info.st_uid != os.geteuid():
        return Notice("cache.other-owner", {"uid": info.st_uid})
    mode = stat.S_IMODE(info.st_mode)
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        return Notice("cache.writable", {"mode": f"{mode:04o}"})
    return None


class _ModelUnpickler(pickle.Unpickler):
    """Unpickles a data set and nothing else: any name outside `_ALLOWED` is refused.

    A pickle can call only what `find_class` gives it (and what it builds from
    that): here, our value classes and `date`, looked up in a table, never
    imported by name. Anything else raises `UnpicklingError`, so a file that
    asks for `os.system`, `builtins.eval` or `subprocess.Popen` runs nothing and
    is a miss.
    """

    def find_class(self, module: str, name: str) -> type:
        allowed = _ALLOWED.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"not a class of the data model: {module}.{name}")
        return allowed

    def persistent_load(self, pid: Any) -> NoReturn:
        raise pickle.UnpicklingError("a persistent id in the data cache")


def _unpickle_dataset(body: bytes) -> Dataset:
    """The data set pickled in `body`; UnpicklingError when it holds anything else."""
    stream = io.BytesIO(body)
    dataset = _ModelUnpickler(stream).load()
    # One data set, all of `body`, and none of the derived data a data set
    # keeps in its `__dict__` (a pickle's BUILD could put it there).
    if type(dataset) is not Dataset or vars(dataset) or stream.tell() != len(body):
        raise pickle.UnpicklingError("not a data set alone")
    return dataset


class DatasetCache:
    """Checked data sets by their data paths, in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir()
        self.notice: Notice | None = None
        """Why the cache was not used, for the reader (set once, when a folder was refused)."""
        self._usable: bool | None = None

    def _folder_usable(self, create: bool) -> bool:
        if self._usable is not None:
            return self._usable
        try:
            if create and not os.path.lexists(self.folder):
                self.folder.parent.mkdir(parents=True, exist_ok=True)
                os.mkdir(self.folder, 0o700)
            problem = folder_problem(self.folder)
        except FileNotFoundError:
            return False  # not created yet: a miss, and put() makes it
        except OSError:
            self._usable = False  # cannot be made or looked at: no cache, as before
            return False
        if problem is not None:
            self.notice = Notice("cache.refused", {"folder": str(self.folder), "problem": problem})
        self._usable = problem is None
        return self._usable

    def _file_for(self, paths: Sequence[Path]) -> Path:
        names = "\0".join(os.path.realpath(path) for path in paths).encode(
            "utf-8", "surrogateescape"
        )
        # Only a file name: the key inside holds the paths themselves, so two
        # data sets sharing a checksum take turns in one file, never mix up.
        # (hashlib would cost more to import than the whole lookup.)
        return self.folder / f"data-{zlib.crc32(names):08x}-{len(names)}.pickle"

    def fingerprint(self, paths: Sequence[Path]) -> Fingerprint | None:
        """What data loaded from `paths` right now would be stored under (None: never stored)."""
        data = _data_fingerprint(paths)
        if data is None:
            return None
        return [_code_fingerprint(), data]

    def get(self, paths: Sequence[Path], key: Fingerprint | None = None) -> Dataset | None:
        """The data set stored for `paths`, if nothing it came from has changed since.

        `key`: the `fingerprint` of `paths` when the caller has just taken it.
        """
        if key is None:
            key = self.fingerprint(paths)
        if key is None or not self._folder_usable(create=False):
            return None
        try:
            raw = _read_own_file(self._file_for(paths))
            if raw is None:
                return None
            # Line 1: the key; line 2: the data files (both JSON); then the
            # data set, pickled without its locations, files and derived data.
            # The key is compared first, as text.
            first, _, rest = raw.partition(b"\n")
            if first.decode("utf-8") != _key_text(key):
                return None
            listed, _, body = rest.partition(b"\n")
            files = tuple(str(name) for name in json.loads(listed.decode("utf-8")))
            dataset = _unpickle_dataset(body)
        except Exception:  # noqa: BLE001 - damaged, refused or written by other code: a miss
            return None
        return dataset.replace(files=files)

    def put(self, paths: Sequence[Path], dataset: Dataset, key: Fingerprint | None) -> None:
        """Store `dataset`, loaded from `paths` when they were as `key` says.

        Take the key with `fingerprint` before loading: a file saved while the
        loader read it then leaves a key that no longer matches, never a stale
        data set under a fresh key. Failing to write is not an error: the
        next start simply loads the data again.
        """
        if key is None or _racy(key, time.time_ns()) or not self._folder_usable(create=True):
            return
        target = self._file_for(paths)
        try:
            files = json.dumps(list(dataset.files), ensure_ascii=True)
            # Pickled as it is made (`Frozen.__reduce__`: the fields alone,
            # so no derived data), a big data set's stored texts as plain ones.
            body = pickle.dumps(dataset.replace(locations={}, files=()), protocol=_PROTOCOL)
            content = "\n".join([_key_text(key), files]).encode("ascii") + b"\n" + body
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".data-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(content)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # noqa: BLE001 - a full disk, a value pickle cannot hold: no cache
            pass


def _key_text(key: Fingerprint) -> str:
    return json.dumps(key, ensure_ascii=True, separators=(",", ":"))


def _read_own_file(path: Path) -> bytes | None:
    """The file's bytes, if it is a regular file of ours that others cannot write."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)  # not blocking: a FIFO there must not hang the start
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        ):
            return None
        return file.read()
