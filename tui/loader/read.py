"""Pass 1 of loading: from the paths a user gave to the plain tables of each data file.

`expand` finds the files (a folder's `*.toml` but hidden ones, each file
once, in a stable order, named as the user would write them); `read_text`
reads one within `MAX_FILE_BYTES` and decodes UTF-8; `parse` reads the text
with the one TOML reader (`toml_reader`) into dicts and lists. Every way this
can fail (a missing path, a link that loops, bad UTF-8, a bare CR, a TOML
syntax error, a number of thousands of digits) becomes a `Problem` at the
best position known, never an exception. `data_files` and `data_size` say
what a load would read without loading it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.model import Location

from . import toml_reader
from .problems import Problem, show
from .toml_errors import explain

__all__ = [
    "MAX_FILE_BYTES",
    "data_files",
    "data_size",
    "expand",
    "parse",
    "read_text",
    "reread",
    "text_position",
]

# Real data is a few hundred kilobytes; anything this big is a wrong path
# (a log, a dump) and would only make the TUI slow to start.
MAX_FILE_BYTES = 16 * 1024 * 1024

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_BARE_CR = re.compile(r"\r(?!\n)")
_LONG_DIGITS = re.compile(r"[0-9_]{1000,}")


def data_files(paths: Sequence[Path]) -> list[Path]:
    """The files `load_dataset(paths)` reads, in its order (paths it cannot read are left out)."""
    return [file for _, file in expand([Path(p) for p in paths], [])]


def data_size(paths: Sequence[Path]) -> int:
    """How many bytes of data `load_dataset(paths)` would read: tells a big data set from a small one."""
    total = 0
    for file in data_files(paths):
        with contextlib.suppress(OSError):  # load_dataset reports it
            total += file.stat().st_size
    return total


def expand(paths: list[Path], problems: list[Problem]) -> list[tuple[str, Path]]:
    """The files to read, each with its name as the user would write it."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for path in paths:
        for shown, file in _files_in(path, problems):
            # The same file given twice (a folder and a file in it) is read once.
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.append((shown, file))
    return found


def _files_in(path: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    shown = str(path)
    try:
        if path.is_dir():
            # Hidden files are editor droppings (Emacs locks `.#x.toml`), not data.
            names = sorted(
                p.name
                for p in path.iterdir()
                if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file()
            )
            if not names:
                problems.append(
                    Problem(
                        Location(shown),
                        "",
                        "folder holds no .toml file",
                        "a folder of *.toml data files, or a .toml file",
                    )
                )
            return [(str(path / name), path / name) for name in names]
        if path.is_file():
            return [(shown, path)]
        if path.exists():
            problems.append(
                Problem(Location(shown), "", "not a regular file or folder", "a file or folder")
            )
        else:
            problems.append(Problem(Location(shown), "", _missing(path), "a file or folder"))
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        problems.append(Problem(Location(shown), "", f"cannot read: {_os_reason(error)}"))
    return []


def read_text(shown: str, path: Path, problems: list[Problem], unparsed: list[str]) -> str | None:
    """The text of one data file, or None (and a problem) when it is not UTF-8 text of a sane size.

    Undecodable bytes are still added to `unparsed`, as best-effort text, so
    that ids defined in the file are not then reported as unknown.
    """
    try:
        with path.open("rb") as stream:
            # Read one byte past the limit rather than trusting stat(): the
            # file may grow, or be a device that reports size 0.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problems.append(Problem(Location(shown), "", f"cannot read: {_os_reason(error)}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                Location(shown),
                "",
                "file is larger than 16 MiB, too big to be coop-tui data",
                "a data file under 16 MiB",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        unparsed.append(raw.decode("utf-8", errors="replace"))
        problems.append(
            Problem(
                _byte_location(shown, raw, error.start), "", _utf8_message(raw, error), "UTF-8 text"
            )
        )
        return None
    # Some editors start UTF-8 files with a byte order mark; tomli rejects it.
    text = text.removeprefix("\ufeff")
    bare_cr = _BARE_CR.search(text)
    if bare_cr:
        # TOML never allows a raw CR outside CRLF, but tomli's message
        # for it varies with where it is; say plainly what it is.
        line, column = text_position(text, bare_cr.start())
        problems.append(
            Problem(
                Location(shown, line, column),
                "",
                "a carriage return (CR) without a line feed",
                "LF or CRLF line ends",
            )
        )
        return None
    return text


def parse(shown: str, text: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The tables of a file's text, or None (and a problem) when it is not TOML 1.0."""
    try:
        return toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as error:
        problems.append(_syntax_problem(shown, text, error))
    except RecursionError:
        problems.append(
            Problem(Location(shown), "", "values nested too deeply", "a flatter structure")
        )
    except ValueError:
        # tomli converts with int(), which refuses more than 4,300 digits
        # (sys.int_info.str_digits_check_threshold) with a bare ValueError.
        found = _LONG_DIGITS.search(text)
        where = Location(shown, *text_position(text, found.start())) if found else Location(shown)
        problems.append(
            Problem(where, "", "a number with thousands of digits", "a number from -1e12 to 1e12")
        )
    return None


def reread(path: Path) -> str:
    """A file's text again, to place a problem found after its text was released.

    The file was read and parsed moments ago; should it have changed or gone
    since, positions are best effort (as they always are) and may be missing.
    """
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text.removeprefix("\ufeff")


def text_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based, lines ending at LF) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _syntax_problem(shown: str, text: str, error: toml_reader.TOMLDecodeError) -> Problem:
    """A TOML syntax error as a Problem, with tomli's position."""
    # Python 3.14 gives the parts as attributes; older versions only the message.
    message = getattr(error, "msg", None) or str(error)
    line: int | None = getattr(error, "lineno", None)
    column: int | None = getattr(error, "colno", None)
    found = _TOML_POSITION.search(message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif _TOML_AT_END.search(message):
        message = _TOML_AT_END.sub("", message)
        line, column = text_position(text, len(text))
    message = message[:1].lower() + message[1:]
    message, expected = explain(message, text, line, column)
    return Problem(
        Location(shown, line, column), "", f"TOML syntax error: {show(message)}", expected
    )


def _byte_location(shown: str, raw: bytes, offset: int) -> Location:
    """Line and column (in characters) of a byte offset in undecodable data."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(shown, raw.count(b"\n", 0, offset) + 1, column)


def _utf8_message(raw: bytes, error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}"


def _missing(path: Path) -> str:
    """Why a path that does not exist does not: a link that loops or points nowhere says so."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops back on itself"
        if os.path.islink(path):
            try:
                return f"a symbolic link to {show(os.readlink(path))}, which does not exist"
            except OSError:
                return "a symbolic link to nothing that exists"
    except ValueError:  # a NUL in the path
        pass
    return "no such file or folder"


def _os_reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower() if error.strerror[:1].isupper() else error.strerror
    return show(str(error))
