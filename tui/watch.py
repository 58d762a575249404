"""Notice when the data files change, so a running coop-tui can reload them.

Stdlib only, by polling `os.stat`: the watched set is small and known (the
data files, and the data folders' own entries to see files come and go), so
a poll costs a few microseconds per file; no recursive walk, no busy loop.
It works the same on Linux, macOS, Windows and network or container mounts
where inotify-style events do not arrive, and it needs no new dependency.
Atomic saves (write a temporary file, rename it over the old one) are seen
as the inode changing.

Editors write a file in several steps; `poll` reports a change only once the
files have stopped changing for `settle` seconds, so one save is one reload.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Callable, Optional

__all__ = ["POLL_SECONDS", "SETTLE_SECONDS", "DataWatcher"]

#: How often the worker looks; a save shows within POLL + SETTLE + the load time.
POLL_SECONDS = 0.25
#: How long the files must stay unchanged before a reload (editors write in bursts).
SETTLE_SECONDS = 0.2

_FileState = Optional[tuple[int, int, int, int]]
_FOLDER: _FileState = (0, 0, 0, stat.S_IFDIR)


class DataWatcher:
    """Compares the state of the data paths between polls."""

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        settle: float = SETTLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.paths = [Path(p) for p in paths]
        self.settle = settle
        self._clock = clock
        # A folder's listing is read again only when the folder's mtime moves.
        self._listings: dict[str, tuple[int, list[str]]] = {}
        self._last = self.state()
        self._changed_at: float | None = None

    def state(self) -> tuple[tuple[str, _FileState], ...]:
        """Every watched file (and folder) with its mtime, size, inode and mode."""
        entries: list[tuple[str, _FileState]] = []
        for path in self.paths:
            info = _stat(str(path))
            if info is not None and stat.S_ISDIR(info[3]):
                # The folder's own mtime moves with every editor swap file; only
                # its *.toml files count.
                entries.append((str(path), _FOLDER))
                for name in self._listing(str(path), info[0]):
                    full = os.path.join(str(path), name)
                    entries.append((full, _stat(full)))
            else:
                entries.append((str(path), info))
        return tuple(entries)

    def _listing(self, folder: str, mtime: int) -> list[str]:
        cached = self._listings.get(folder)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            # The loader's rule: *.toml, not hidden (editor lock files are hidden).
            names = sorted(
                e.name
                for e in os.scandir(folder)
                if e.name.endswith(".toml") and not e.name.startswith(".")
            )
        except OSError:
            names = []
        self._listings[folder] = (mtime, names)
        return names

    def poll(self) -> bool:
        """True once after the files changed and then stayed unchanged for `settle` seconds."""
        now = self._clock()
        current = self.state()
        if current != self._last:
            self._last = current
            self._changed_at = now
            return False
        if self._changed_at is not None and now - self._changed_at >= self.settle:
            self._changed_at = None
            return True
        return False


def _stat(path: str) -> _FileState:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)
