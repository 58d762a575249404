"""What coop-tui remembers between runs: a small JSON file under $XDG_STATE_HOME.

The file is one JSON object; each feature owns a key (`theme`, `bookmarks`). Reading
never fails: a missing file is an empty state, and an unreadable or corrupt one
is an empty state plus a notice for the reader. Writing goes to a temporary file
in the same folder, then `os.replace`, so a crash mid-write leaves the old file
whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .links import PageRef
from .paths import user_dir

STATE_FILE = "state.json"


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_STATE_HOME/coop-tui`, or `~/.local/state/coop-tui` when it is unset or relative."""
    return user_dir("XDG_STATE_HOME", ".local/state", environ)


@dataclass(frozen=True)
class Loaded:
    data: dict[str, Any]
    notice: str | None = None
    """Why the file was ignored, for the reader; None when all went well."""


class StateStore:
    """Load and save the state file as a dict."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else state_dir() / STATE_FILE

    def load(self) -> Loaded:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Loaded({})
        except OSError as error:
            return Loaded(
                {}, f"{self.path}: cannot read the saved state ({error.strerror}); ignored"
            )
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return Loaded({}, f"{self.path}: the saved state is not valid JSON ({error}); ignored")
        if not isinstance(data, dict):
            return Loaded({}, f"{self.path}: the saved state is not a JSON object; ignored")
        return Loaded(data)

    def save(self, data: Mapping[str, Any]) -> str | None:
        """Write atomically; return a notice when it could not be written, else None."""
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        temp_name: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Same folder as the target, so os.replace is a rename on one file system.
            fd, temp_name = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, self.path)
            temp_name = None
        except OSError as error:
            return f"{self.path}: cannot save the state ({error.strerror or error}); not saved"
        finally:
            if temp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
        return None

    def update(self, key: str, value: Any) -> str | None:
        """Set one key, keeping the others (re-read first: another run may have saved)."""
        loaded = self.load()
        data = dict(loaded.data)
        data[key] = value
        return self.save(data)


# ---------------------------------------------------------------- bookmarks


def bookmarks_from(data: Mapping[str, Any]) -> list[PageRef]:
    """The bookmarks in a loaded state, skipping entries that are not page references."""
    raw = data.get("bookmarks", [])
    if not isinstance(raw, list):
        return []
    refs: list[PageRef] = []
    for item in raw:
        ref = PageRef.from_json(item)
        if ref is not None and ref not in refs:
            refs.append(ref)
    return refs
