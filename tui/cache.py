"""A checked data set kept between runs, so that an unchanged data folder opens without re-reading it.

Reading and checking the bundled data takes longer than the rest of coop-tui's
start-up work of its own; unpickling the result takes a millisecond. The cache
holds one data set per set of data paths, under `$XDG_CACHE_HOME/coop-tui`, and
is used only when nothing that went into it has changed:

- every data file: its path, size and modification time (and each folder's
  own modification time, which changes when a file is added or removed);
- the code that reads and models the data: every module of this package, by
  size and modification time, as Python itself decides a `.pyc` is stale;
- the Python version.

Anything else (a missing or unreadable file, a path that is neither file nor
folder, a cache file that is damaged or written by other code) is a miss: the
caller loads the data with the strict loader, which reports every problem as
ever. Only data that passed that loader is stored, so the cache never lets bad
data through. Nothing here imports the loader or Textual: a hit costs neither.
A data set from the cache has no `locations` (where each id was defined):
those serve only the loader's own messages.

The cache is the user's own file in the user's own folder (like `.pyc` files);
its first record is checked before the data set is unpickled.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Mapping, Sequence

from . import __version__
from .model import Dataset
from .paths import user_dir

_PACKAGE = Path(__file__).resolve().parent
_FORMAT = 2  # bump when what the file holds changes shape
# A file changed this recently may change again within its file system's
# timestamp resolution without its size or time changing: not cached.
_RACY_NS = 2_000_000_000

Fingerprint = tuple[object, ...]


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_CACHE_HOME/coop-tui`, or `~/.cache/coop-tui` when it is unset or relative."""
    return user_dir("XDG_CACHE_HOME", ".cache", environ)


def _stat_key(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


def _data_fingerprint(paths: Sequence[Path]) -> Fingerprint | None:
    """What the data files are now, or None when a path is not a plain file or folder."""
    parts: list[object] = []
    for path in paths:
        try:
            if path.is_dir():
                parts.append(("dir", os.path.realpath(path), _stat_key(path)))
                for entry in sorted(path.iterdir()):
                    if entry.suffix == ".toml":
                        parts.append((entry.name, _stat_key(entry)))
            elif path.is_file():
                parts.append(("file", os.path.realpath(path), _stat_key(path)))
            else:
                return None
        except (OSError, ValueError):
            return None
    return tuple(parts)


def _code_fingerprint() -> Fingerprint:
    parts: list[object] = [_FORMAT, __version__, sys.version_info[:3]]
    for module in sorted(_PACKAGE.glob("*.py")):
        parts.append((module.name, _stat_key(module)))
    return tuple(parts)


def _without_locations(dataset: Dataset) -> Dataset:
    # Where each id sits in its file is found lazily by the loader, for its
    # own messages; carrying that here would import the loader on every hit.
    return dataclasses.replace(dataset, locations={})


def _racy(key: Fingerprint, now_ns: int) -> bool:
    _code, data = key
    for part in data:  # type: ignore[attr-defined]
        _size, mtime_ns = part[-1]
        if now_ns - mtime_ns < _RACY_NS:
            return True
    return False


class DatasetCache:
    """Checked data sets by their data paths, in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir()

    def _file_for(self, paths: Sequence[Path]) -> Path:
        names = "\0".join(os.path.realpath(path) for path in paths).encode("utf-8", "surrogateescape")
        # Only a file name: the key inside holds the paths themselves, so two
        # data sets sharing a checksum take turns in one file, never mix up.
        # (hashlib would cost more to import than the whole lookup.)
        return self.folder / f"data-{zlib.crc32(names):08x}-{len(names)}.pickle"

    def fingerprint(self, paths: Sequence[Path]) -> Fingerprint | None:
        """What data loaded from `paths` right now would be stored under (None: never stored)."""
        data = _data_fingerprint(paths)
        if data is None:
            return None
        return (_code_fingerprint(), data)

    def get(self, paths: Sequence[Path], key: Fingerprint | None = None) -> Dataset | None:
        """The data set stored for `paths`, if nothing it came from has changed since.

        `key`: the `fingerprint` of `paths` when the caller has just taken it.
        """
        if key is None:
            key = self.fingerprint(paths)
        if key is None:
            return None
        try:
            with open(self._file_for(paths), "rb") as file:
                if pickle.load(file) != key:
                    return None
                dataset = pickle.load(file)
        except Exception:  # missing, damaged, or written by other code: a miss
            return None
        return dataset if isinstance(dataset, Dataset) else None

    def put(self, paths: Sequence[Path], dataset: Dataset, key: Fingerprint | None) -> None:
        """Store `dataset`, loaded from `paths` when they were as `key` says.

        Take the key with `fingerprint` before loading: a file saved while the
        loader read it then leaves a key that no longer matches, never a stale
        data set under a fresh key. Failing to write is not an error: the
        next start simply loads the data again.
        """
        if key is None or _racy(key, time.time_ns()):
            return
        target = self._file_for(paths)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".data-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    pickle.dump(key, file, protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.dump(_without_locations(dataset), file, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:
            pass
