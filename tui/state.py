"""What coop-tui remembers between runs: a small JSON file under $XDG_STATE_HOME.

The file is one JSON object; each feature owns a key (`theme`, `bookmarks`).

Reading never fails and never loses what the file held:
- a missing file is an empty state;
- a file that cannot be used (unreadable, over 16 MiB, not JSON, nested too
  deeply for the parser, a number too long to convert, not a JSON object) is
  set aside first, renamed `state.json.bad-<time>` next to it, and the reader
  gets one notice naming that file; the run starts with an empty state;
- a JSON object with a known key of the wrong shape (a `theme` that is not a
  string, `bookmarks` that are not `[kind, id]` pairs) is set aside the same
  way and what was right in it is written back at once, so nothing is lost
  either way;
- a file that cannot even be set aside is never overwritten: saving is refused
  for this run, with a notice.

Writing goes to a temporary file `.state-<pid>-*.tmp` in the same folder, then
`os.replace`, so a crash mid-write leaves the old file whole; temporary files
left by a run that was killed mid-save are removed at the next start. A
`state.json` that is a symbolic link is read and written through to its target
(the link stays a link); a link that loops is refused with a notice.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from .links import PageRef
from .model import LANGS, Lang
from .notices import Notice, both
from .paths import user_dir
from .value import Value

STATE_FILE = "state.json"

MAX_STATE_BYTES = 16 * 1024 * 1024
"""A state file holds a theme name and bookmarks: anything this big is not one."""

STALE_TEMP_SECONDS = 60.0
"""A temporary file this old is left from a save that never finished (a save takes milliseconds)."""

_TEMP_PREFIX = ".state-"
_TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.state-(?:(\d+)-)?.*\.tmp\Z", re.DOTALL)


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_STATE_HOME/coop-tui`, or `~/.local/state/coop-tui` when it is unset or relative."""
    return user_dir("XDG_STATE_HOME", ".local/state", environ)


class Loaded(Value):
    """What `StateStore.load` read (a plain class: every start makes one, and a dataclass
    costs some 0.4 ms to make on Python 3.11)."""

    __slots__ = ("data", "notice")
    FIELDS = ("data", "notice")
    __hash__ = None  # type: ignore[assignment]  # it holds mutable values

    def __init__(self, data: dict[str, Any], notice: Notice | None = None) -> None:
        self.data: Final = data
        self.notice: Final = notice
        """What went wrong with the file, for the reader; None when all went well."""

    __hash__ = None  # type: ignore[assignment]  # it holds a dict


class _Unusable(Exception):
    """The file's content cannot be used: why, as a notice."""

    def __init__(self, why: Notice) -> None:
        super().__init__(why.key)
        self.why = why


class StateStore:
    """Load and save the state file as a dict."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else state_dir() / STATE_FILE
        self._cleaned = False
        self._refused: Notice | None = None
        """Why nothing may be written this run (a bad file that could not be set aside)."""

    # ------------------------------------------------------------ reading

    def load(self) -> Loaded:
        if not self._cleaned:
            self._cleaned = True
            self.remove_stale_temporaries()
        target, problem = self._target()
        if problem is not None:
            self._refused = problem
            notice = Notice("state.will-not-save", {"path": str(self.path), "why": problem})
            return Loaded({}, notice)
        try:
            raw = _read_capped(target)
        except FileNotFoundError:
            return Loaded({})
        except OSError as error:
            return self._set_aside(target, Notice("why.unreadable", {"reason": _reason(error)}))
        try:
            data = _parse(raw)
        except _Unusable as error:
            return self._set_aside(target, error.why)
        cleaned, wrong = _checked(data)
        if not wrong:
            return Loaded(data)
        loaded = self._set_aside(target, wrong, keep=cleaned)
        return loaded

    def _set_aside(
        self, target: Path, why: Notice | tuple[Notice, ...], keep: dict[str, Any] | None = None
    ) -> Loaded:
        """Rename the file out of the way (never overwrite what could not be read)."""
        aside = _aside_name(target)
        path = str(self.path)
        try:
            os.rename(target, aside)
        except OSError as error:
            self._refused = Notice("why.not-set-aside", {"reason": _reason(error)})
            return Loaded(
                keep or {},
                Notice("state.not-set-aside", {"path": path, "why": why, "reason": _reason(error)}),
            )
        then: tuple[Notice, ...] = ()
        if keep:
            problem = self.save(keep)
            then = (Notice("state.rest-kept"),) if problem is None else (problem,)
        notice = Notice("state.set-aside", {"path": path, "why": why, "aside": str(aside)}, then)
        return Loaded(keep or {}, notice)

    def remove_stale_temporaries(self) -> list[Path]:
        """Delete `.state-*.tmp` files that a save killed half way left behind; the ones removed."""
        folders = {self.path.parent}
        target, problem = self._target()
        if problem is None:
            folders.add(target.parent)
        removed: list[Path] = []
        now = time.time()
        for folder in folders:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                match = _TEMP_NAME.match(name)
                if match is None:
                    continue
                path = folder / name
                try:
                    info = os.lstat(path)
                    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                        continue
                    old = now - info.st_mtime > STALE_TEMP_SECONDS
                    if old or (match.group(1) is not None and not _running(int(match.group(1)))):
                        os.unlink(path)
                        removed.append(path)
                except (OSError, ValueError, OverflowError):
                    continue
        return removed

    def _target(self) -> tuple[Path, Notice | None]:
        """The file to read and write: `path`, or where its symbolic link points."""
        if not os.path.islink(self.path):
            return self.path, None
        resolved = Path(os.path.realpath(self.path))
        if os.path.islink(resolved):  # realpath stops inside a loop
            return self.path, Notice("why.loops")
        return resolved, None

    # ------------------------------------------------------------ writing

    def save(self, data: Mapping[str, Any]) -> Notice | None:
        """Write atomically; return a notice when it could not be written, else None."""
        path = str(self.path)
        if self._refused is not None:
            return Notice("state.not-saved", {"path": path, "why": self._refused})
        target, problem = self._target()
        if problem is not None:
            return Notice("state.not-saved", {"path": path, "why": problem})
        try:
            text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate read from a `\udXXX` escape: kept, as an escape.
            encoded = (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("ascii")
        except (ValueError, TypeError, RecursionError) as error:
            return Notice("state.cannot-save", {"path": path, "reason": str(error)})
        temp_name: str | None = None
        try:
            if target == self.path:
                target.parent.mkdir(parents=True, exist_ok=True)
            # Same folder as the target, so os.replace is a rename on one file system.
            fd, temp_name = tempfile.mkstemp(
                prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=_TEMP_SUFFIX, dir=target.parent
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(encoded)
                handle.flush()
                os.fsync(handle.fileno())
            _keep_mode(target, temp_name)
            os.replace(temp_name, target)
            temp_name = None
        except OSError as error:
            return Notice("state.cannot-save", {"path": path, "reason": _reason(error)})
        finally:
            if temp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
        return None

    def update(self, key: str, value: Any) -> Notice | None:
        """Set one key, keeping the others (re-read first: another run may have saved)."""
        loaded = self.load()
        data = dict(loaded.data)
        data[key] = value
        return both(loaded.notice, self.save(data))


def _read_capped(path: Path) -> bytes:
    # O_NONBLOCK: a FIFO put where the file should be must not hang the start.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotAFile(Notice("why.not-a-file"))
        raw = handle.read(MAX_STATE_BYTES + 1)
    if len(raw) > MAX_STATE_BYTES:
        raise _NotAFile(Notice("why.too-large"))
    return raw


class _NotAFile(OSError):
    def __init__(self, why: Notice) -> None:
        super().__init__(0, str(why))
        self.why = why


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise _Unusable(Notice("why.too-deep")) from None
    except MemoryError:
        raise _Unusable(Notice("why.too-big")) from None
    except ValueError as error:  # bad UTF-8, bad JSON, an integer too long to convert
        detail = _json_detail(error)
        raise _Unusable(Notice("why.bad-json", {"detail": detail})) from None
    if not isinstance(data, dict):
        raise _Unusable(Notice("why.not-object"))
    return data


def _json_detail(error: ValueError) -> Notice:
    """What the parser said (English, as it said it), with where it stopped for other languages."""
    message = _short(str(error))
    if isinstance(error, json.JSONDecodeError):
        return Notice("json.at", {"message": message, "line": error.lineno, "column": error.colno})
    if isinstance(error, UnicodeDecodeError):
        return Notice("json.utf8", {"message": message, "position": error.start})
    # The one other ValueError json.loads raises: an integer past int's digit limit.
    return Notice("json.number", {"message": message})


def _checked(data: dict[str, Any]) -> tuple[dict[str, Any], tuple[Notice, ...]]:
    """The state with wrongly shaped known keys dropped or mended, and what was wrong."""
    wrong: list[Notice] = []
    cleaned = dict(data)
    if "theme" in data and not isinstance(data["theme"], str):
        del cleaned["theme"]
        wrong.append(Notice("why.theme"))
    if "bookmarks" in data:
        raw = data["bookmarks"]
        if not isinstance(raw, list):
            del cleaned["bookmarks"]
            wrong.append(Notice("why.bookmarks"))
        else:
            good = [item for item in raw if PageRef.from_json(item) is not None]
            if len(good) != len(raw):
                cleaned["bookmarks"] = good
                bad = len(raw) - len(good)
                key = "why.bad-bookmark" if bad == 1 else "why.bad-bookmarks"
                wrong.append(Notice(key, {"count": bad}))
    return cleaned, tuple(wrong)


def _aside_name(target: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.name}.bad-{stamp}")
    number = 1
    while os.path.lexists(candidate):
        number += 1
        candidate = target.with_name(f"{target.name}.bad-{stamp}-{number}")
    return candidate


def _keep_mode(target: Path, temp_name: str) -> None:
    # mkstemp makes 0600; a file the reader made readable to others stays so.
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    os.chmod(temp_name, mode)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: someone else's process, alive
        return True
    return True


def _reason(error: OSError) -> str | Notice:
    if isinstance(error, _NotAFile):
        return error.why
    return error.strerror or str(error)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- bookmarks


def bookmarks_from(data: Mapping[str, Any]) -> list[PageRef]:
    """The bookmarks in a loaded state, skipping entries that are not page references."""
    raw = data.get("bookmarks", [])
    if not isinstance(raw, list):
        return []
    # A set for "seen": a list membership test per bookmark made 20,000 of them take 17 s.
    seen: set[PageRef] = set()
    refs: list[PageRef] = []
    for item in raw:
        ref = PageRef.from_json(item)
        if ref is not None and ref not in seen:
            seen.add(ref)
            refs.append(ref)
    return refs


# ---------------------------------------------------------------- language


def remembered_lang(data: Mapping[str, Any]) -> Lang | None:
    """The language the reader last chose, if the state holds a valid one."""
    value = data.get("lang")
    return value if value in LANGS else None
