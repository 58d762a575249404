"""Notice when the data files change, so a running coop-tui can reload them.

Stdlib only. Each poll (four a second, from a background thread) stats the
data paths themselves and the files of small folders, as before: a few
microseconds a file, and it works the same on Linux, macOS, Windows and
network or container mounts where OS file events do not arrive. Atomic saves
(write a temporary file, rename it over the old one) are seen as the inode
changing.

A big folder (more than `SMALL_FOLDER` data files) is not stat'ed file by
file on every poll: 10,000 files cost about a tenth of a core that way,
doing nothing. Instead:
- its own mtime is checked every poll: a file added, removed or saved
  atomically (by rename) changes it, and then its listing is read again and
  its new files stat'ed;
- on Linux, inotify (through ctypes, no dependency) names the files written
  in place, and only those are stat'ed; the kernel wakes nobody while
  nothing happens;
- and `SWEEP` files of it, in turn, are stat'ed every poll, so an in-place
  edit that sends no event (a network mount changed from another machine, or
  a system without inotify) is still seen within a full round: for 10,000
  files, 10,000 / SWEEP polls (about 20 s).

Editors write a file in several steps; `poll` reports a change only once the
files have stopped changing for `settle` seconds, so one save is one reload.
"""

from __future__ import annotations

import os
import stat
import struct
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Optional

__all__ = ["POLL_SECONDS", "SETTLE_SECONDS", "SMALL_FOLDER", "SWEEP", "DataWatcher"]

#: How often the worker looks; a save shows within POLL + SETTLE + the load time.
POLL_SECONDS = 0.25
#: How long the files must stay unchanged before a reload (editors write in bursts).
SETTLE_SECONDS = 0.2
#: Up to this many data files, a folder's files are all stat'ed on every poll.
SMALL_FOLDER = 256
#: How many files of a big folder are stat'ed on each poll, in turn.
SWEEP = 128

_FileState = Optional[tuple[int, int, int, int]]
_RACY_NS = 2_000_000_000


class _Folder:
    """A watched folder: its own state, its data files and what was last seen of each."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.own: _FileState = None
        self.files: dict[str, _FileState] = {}
        self.cursor = 0
        self.racy = False
        """Listed within the clock's resolution of its last change: list it again."""


class DataWatcher:
    """Compares the state of the data paths between polls."""

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        settle: float = SETTLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        events: bool = True,
    ) -> None:
        self.paths = [str(Path(p)) for p in paths]
        self.settle = settle
        self._clock = clock
        self._use_events = events
        self._notify: _Inotify | None = None
        self._events_started = False
        self._folders: dict[str, _Folder] = {}
        self._plain: dict[str, _FileState] = {}
        for path in self.paths:
            self._look(path, everything=True)
        self._changed_at: float | None = None

    def state(self) -> tuple[tuple[str, _FileState], ...]:
        """Every watched file (and folder) with its mtime, size, inode and mode, as last seen."""
        entries: list[tuple[str, _FileState]] = []
        for path in self.paths:
            folder = self._folders.get(path)
            if folder is not None:
                entries.append((path, (0, 0, 0, stat.S_IFDIR)))
                entries.extend(
                    (os.path.join(path, name), info) for name, info in folder.files.items()
                )
            else:
                entries.append((path, self._plain.get(path)))
        return tuple(entries)

    def poll(self) -> bool:
        """True once after the files changed and then stayed unchanged for `settle` seconds."""
        now = self._clock()
        if not self._events_started:
            # Here, not in __init__: the first poll runs in the watcher thread,
            # after the first paint, and importing ctypes costs milliseconds.
            self._events_started = True
            self._start_events()
        changed = False
        named = self._notify.take() if self._notify is not None else {}
        for path in self.paths:
            if self._look(path, named=named.get(path)):
                changed = True
        if changed:
            self._changed_at = now
            return False
        if self._changed_at is not None and now - self._changed_at >= self.settle:
            self._changed_at = None
            return True
        return False

    def close(self) -> None:
        if self._notify is not None:
            self._notify.close()
            self._notify = None

    # ------------------------------------------------------------ looking

    def _look(self, path: str, *, everything: bool = False, named: set[str] | None = None) -> bool:
        """Look at one data path; True when something differs from the last look."""
        info = _stat(path)
        if info is None or not stat.S_ISDIR(info[3]):
            changed = self._folders.pop(path, None) is not None
            changed = changed or self._plain.get(path, "unseen") != info
            self._plain[path] = info
            return changed
        self._plain.pop(path, None)
        folder = self._folders.get(path)
        if folder is None:
            folder = self._folders[path] = _Folder(path)
            everything = True
        changed = False
        unknown = named is not None and bool(named) and not named <= folder.files.keys()
        if folder.own != info or everything or folder.racy or unknown:
            # Files came or went, or were renamed over (atomic saves), or the
            # folder was replaced: read the listing again, and look at every file.
            folder.own = info
            # A file added within the same tick of a coarse clock leaves the
            # folder's mtime as it was: until that tick is well past, list again.
            folder.racy = time.time_ns() - info[0] < _RACY_NS
            names = _listing(path)
            changed = names != list(folder.files)
            old = folder.files
            folder.files = {name: old.get(name) for name in names}
            to_check: list[str] = names
            if self._notify is not None:
                self._notify.add(path)  # again: a replaced folder needs a new watch
        elif len(folder.files) <= SMALL_FOLDER or (named is not None and "*" in named):
            to_check = list(folder.files)
        else:
            to_check = self._sweep(folder)
            if named:
                to_check.extend(sorted(named & folder.files.keys()))
        for name in to_check:
            now = _stat(os.path.join(path, name))
            if folder.files.get(name, "unseen") != now:
                folder.files[name] = now
                changed = True
        return changed

    def _sweep(self, folder: _Folder) -> list[str]:
        names = list(folder.files)
        if not names:
            return []
        start = folder.cursor % len(names)
        chunk = names[start : start + SWEEP]
        folder.cursor = start + len(chunk)
        return chunk

    def _start_events(self) -> None:
        if not self._use_events or not any(
            len(f.files) > SMALL_FOLDER for f in self._folders.values()
        ):
            return  # small data: stat'ing every file is cheap, and exact
        self._notify = _Inotify.open()
        if self._notify is None:
            return
        for folder in self._folders.values():
            self._notify.add(folder.path)
        # Whatever changed between the first look and the watch being set up.
        for folder in self._folders.values():
            for name in list(folder.files):
                now = _stat(os.path.join(folder.path, name))
                if folder.files[name] != now:
                    folder.files[name] = now
                    self._changed_at = self._clock()


def _listing(folder: str) -> list[str]:
    try:
        # The loader's rule: *.toml, not hidden (editor lock files are hidden).
        return sorted(
            e.name
            for e in os.scandir(folder)
            if e.name.endswith(".toml") and not e.name.startswith(".")
        )
    except OSError:
        return []


def _stat(path: str) -> _FileState:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)


# ---------------------------------------------------------------- inotify (Linux)

_IN_MODIFY = 0x002
_IN_ATTRIB = 0x004
_IN_CLOSE_WRITE = 0x008
_IN_MOVED_FROM = 0x040
_IN_MOVED_TO = 0x080
_IN_CREATE = 0x100
_IN_DELETE = 0x200
_IN_DELETE_SELF = 0x400
_IN_MOVE_SELF = 0x800
_IN_Q_OVERFLOW = 0x4000
_IN_IGNORED = 0x8000
_WATCH_MASK = (
    _IN_MODIFY
    | _IN_ATTRIB
    | _IN_CLOSE_WRITE
    | _IN_MOVED_FROM
    | _IN_MOVED_TO
    | _IN_CREATE
    | _IN_DELETE
    | _IN_DELETE_SELF
    | _IN_MOVE_SELF
)
_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len (then len bytes of name)


class _Inotify:
    """The folders' write events, read without blocking; None where the OS has none."""

    def __init__(self, fd: int, libc: Any) -> None:
        self._fd = fd
        self._libc = libc
        self._folders: dict[int, str] = {}

    @classmethod
    def open(cls) -> _Inotify | None:
        if not sys.platform.startswith("linux"):
            return None
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:  # EMFILE: the user's inotify instances are used up
            return None
        return cls(fd, libc)

    def add(self, folder: str) -> bool:
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _WATCH_MASK)
        if wd < 0:  # ENOSPC: the user's watches are used up; the sweep still sees edits
            return False
        self._folders[wd] = folder
        return True

    def take(self) -> dict[str, set[str]]:
        """The data file names written to since the last call, by folder."""
        named: dict[str, set[str]] = {}
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except BlockingIOError:
                return named
            except OSError:
                return named
            if not chunk:
                return named
            offset = 0
            while offset + _HEADER.size <= len(chunk):
                wd, mask, _cookie, length = _HEADER.unpack_from(chunk, offset)
                raw = chunk[offset + _HEADER.size : offset + _HEADER.size + length]
                offset += _HEADER.size + length
                folder = self._folders.get(wd)
                if mask & _IN_Q_OVERFLOW:
                    # Events were lost: every file of every folder gets a look.
                    for path in self._folders.values():
                        named[path] = {"*"}
                    continue
                if folder is None:
                    continue
                if mask & (_IN_IGNORED | _IN_DELETE_SELF | _IN_MOVE_SELF):
                    del self._folders[wd]  # the folder is gone: its mtime check takes over
                    continue
                name = os.fsdecode(raw.rstrip(b"\0"))
                if name.endswith(".toml") and not name.startswith("."):
                    named.setdefault(folder, set()).add(name)

    def close(self) -> None:
        try:
            os.close(self._fd)
        except OSError:
            pass
