"""Find where a key path was written in TOML text, for error messages.

tomli returns plain dicts and lists with no positions, yet a maintainer
wants "data/topics.toml:45:13" next to "topic[3].fact[1].source is unknown".
`Locator` scans the text once with a light scanner that understands just
enough TOML to follow key paths: `[table]` and `[[array.of.tables]]` headers
(counting the elements of each array, nested ones within their parent
element), bare, quoted and dotted keys, inline tables, arrays (also over
several lines), and it skips strings (multi-line ones included) and comments.

It only ever runs on text that tomli has accepted, so it does not check
anything; on text it does not understand it records less, and it never
raises. A path that was not written literally (a missing key, say) falls back
to the longest prefix that was, so a message always gets the best position
known.

Key paths are tuples of keys and 0-based array indexes, e.g.
`("topic", 3, "fact", 1, "source")`, shown by `format_path` as
`topic[3].fact[1].source`.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Sequence
from typing import Union

__all__ = ["KeyPath", "Locator", "format_path"]

PathPart = Union[str, int]
KeyPath = tuple[PathPart, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = re.compile(r"[ \t]*")
# Blank space, newlines and comments between statements and array elements.
_GAP = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
# A multi-line string may end with one or two quotes of its own right before
# the closing three, hence the closing run of 3 to 5.
_ML_BASIC_STRING = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}')
_ML_LITERAL_STRING = re.compile(r"'''(?:[^']|'(?!''))*'{3,5}")
# Numbers, booleans, dates and times: everything up to where the value ends.
_SCALAR = re.compile(r"[^,\]}#\n]+")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}


def format_path(parts: Sequence[PathPart]) -> str:
    """Show a key path the way a maintainer reads it: `topic[3].fact[1].source`.

    Keys that are not bare TOML keys are quoted, with control characters
    escaped, so the path stays one readable line.
    """
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
            continue
        name = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        out.append(f".{name}" if out else name)
    return "".join(out)


class Locator:
    """Positions (line, column; both 1-based) of the key paths written in a TOML text."""

    def __init__(self, text: str) -> None:
        # Lines end at LF only, as in tomli; a CR before it is part of the line.
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._keys: dict[KeyPath, int] = {}
        self._values: dict[KeyPath, int] = {}
        # Positions are best effort, never a crash: if the scan stops early, the
        # positions it found so far still serve.
        with contextlib.suppress(Exception):
            _Scanner(text, self._keys, self._values).run()

    def value_position(self, path: Sequence[PathPart]) -> tuple[int, int] | None:
        """Where the value at `path` starts (else its longest written prefix)."""
        return self._find(self._values, tuple(path))

    def key_position(self, path: Sequence[PathPart]) -> tuple[int, int] | None:
        """Where the key of `path` is written (else its longest written prefix)."""
        return self._find(self._keys, tuple(path))

    def _find(self, table: dict[KeyPath, int], path: KeyPath) -> tuple[int, int] | None:
        for end in range(len(path), 0, -1):
            offset = table.get(path[:end])
            if offset is not None:
                return self._line_column(offset)
        return None

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


class _Scanner:
    """One pass over the text, recording the offsets of keys and values by key path."""

    def __init__(self, text: str, keys: dict[KeyPath, int], values: dict[KeyPath, int]) -> None:
        self.text = text
        self.pos = 0
        self.keys = keys
        self.values = values
        # How many elements each array of tables has so far; nested arrays are
        # keyed under their parent element, e.g. ("topic", 3, "fact").
        self.counts: dict[KeyPath, int] = {}
        self.header_start = 0

    def run(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip(_GAP)
            if self.pos >= len(self.text):
                return
            before = self.pos
            if self.text.startswith("[", self.pos):
                table = self._header()
            elif not self._key_value(table):
                self._skip_line()
            if self.pos == before:
                self._skip_line()

    # -- statements ------------------------------------------------------------

    def _header(self) -> KeyPath:
        start = self.header_start = self.pos
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        names = [name for name, _ in self._key()]
        self._skip(_SPACE)
        self.pos += 2 if is_array else 1
        path = self._resolve(names, is_array)
        self._record(path, start, start)
        return path

    def _resolve(self, names: list[str], is_array: bool) -> KeyPath:
        """Turn header keys into a path, stepping into the current element of each array."""
        path: KeyPath = ()
        for i, name in enumerate(names):
            path = path + (name,)
            # `[[topics]]` must locate `topics` itself too, e.g. for "unknown key".
            self.keys.setdefault(path, self.header_start)
            self.values.setdefault(path, self.header_start)
            if is_array and i == len(names) - 1:
                index = self.counts.get(path, 0)
                self.counts[path] = index + 1
                path = path + (index,)
            elif path in self.counts:
                path = path + (self.counts[path] - 1,)
        return path

    def _key_value(self, table: KeyPath) -> bool:
        """Scan `key = value`; False when no key starts here."""
        parts = self._key()
        if not parts:
            return False
        path = table
        for name, offset in parts:
            path = path + (name,)
            # Dotted prefixes (`title` of `title.en = ...`) point at their first key.
            self.keys.setdefault(path, offset)
            self.values.setdefault(path, offset)
        self._skip(_SPACE)
        if self.text.startswith("=", self.pos):
            self.pos += 1
        self._skip(_SPACE)
        self.keys[path] = parts[-1][1]
        self.values[path] = self.pos
        self._value(path)
        return True

    def _key(self) -> list[tuple[str, int]]:
        """Scan a possibly dotted key: its parts with the offset of each."""
        parts: list[tuple[str, int]] = []
        while True:
            self._skip(_SPACE)
            start = self.pos
            quote = self.text[start : start + 1]
            if quote == '"':
                match = _BASIC_STRING.match(self.text, start)
                name = _unescape(match.group()[1:-1]) if match else None
            elif quote == "'":
                match = _LITERAL_STRING.match(self.text, start)
                name = match.group()[1:-1] if match else None
            else:
                match = _BARE_KEY.match(self.text, start)
                name = match.group() if match else None
            if match is None or name is None:
                return parts
            parts.append((name, start))
            self.pos = match.end()
            self._skip(_SPACE)
            if not self.text.startswith(".", self.pos):
                return parts
            self.pos += 1

    # -- values ----------------------------------------------------------------

    def _value(self, path: KeyPath) -> None:
        text, pos = self.text, self.pos
        if text.startswith('"""', pos):
            self._skip_match(_ML_BASIC_STRING)
        elif text.startswith("'''", pos):
            self._skip_match(_ML_LITERAL_STRING)
        elif text.startswith('"', pos):
            self._skip_match(_BASIC_STRING)
        elif text.startswith("'", pos):
            self._skip_match(_LITERAL_STRING)
        elif text.startswith("[", pos):
            self._array(path)
        elif text.startswith("{", pos):
            self._inline_table(path)
        else:
            self._skip_match(_SCALAR)

    def _array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while self.pos < len(self.text):
            self._skip(_GAP)
            char = self.text[self.pos : self.pos + 1]
            if char == "]" or not char:
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            element = path + (index,)
            self._record(element, self.pos, self.pos)
            before = self.pos
            self._value(element)
            if self.pos == before:
                self.pos += 1
            index += 1

    def _inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while self.pos < len(self.text):
            self._skip(_GAP)
            char = self.text[self.pos : self.pos + 1]
            if char == "}" or not char:
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            if not self._key_value(path):
                self.pos += 1

    # -- helpers ---------------------------------------------------------------

    def _record(self, path: KeyPath, key_offset: int, value_offset: int) -> None:
        self.keys[path] = key_offset
        self.values[path] = value_offset

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def _skip_match(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos + 1

    def _skip_line(self) -> None:
        newline = self.text.find("\n", self.pos)
        self.pos = len(self.text) if newline < 0 else newline + 1


def _unescape(body: str) -> str:
    """The value of a quoted key's escapes (`"a\\u0062"` is the key `ab`)."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            try:
                return chr(int(code[1:], 16))
            except ValueError:
                return match.group()
        return _SIMPLE_ESCAPES.get(code, match.group())

    return _ESCAPE.sub(replace, body)
