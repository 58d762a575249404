"""One data file as the checks see it: its name, and where a key path was written in it.

A check that finds a problem names the key path (`topic[3].fact[1].source`);
`DataFile` turns it into a position (`data/topics.toml:45:13`) with the
file's `Locator` and adds the `Problem` to the load's list. Positions are
worked out only when a problem asks for one: keeping every file's text and a
table of every key's offset would cost more memory and time than the parse
itself on a big data set. So the text is released after the file's own
checks, and a problem found later, across files, re-reads the file to place
it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from tui.model import Location
from tui.sanitize import clean_text
from tui.textstore import TextStore

from .locate import KeyPath, Locator, format_path
from .problems import Problem, type_name
from .read import reread

__all__ = ["DataFile"]

_T = TypeVar("_T")


class DataFile:
    """A parsed data file's name and positions, and the problems reported in it."""

    def __init__(
        self,
        name: str,
        path: Path,
        text: str | None,
        problems: list[Problem],
        texts: TextStore | None = None,
        shared: dict[Any, Any] | None = None,
        labels: TextStore | None = None,
    ) -> None:
        self.name = name
        self.path = path
        self.problems = problems
        self.texts = texts
        """Where the load keeps the file's texts compressed, if it does (big data)."""
        self.labels = labels
        """Where it keeps names and labels then, uncompressed (read in any order: trees, lists)."""
        self._shared: dict[Any, Any] = {} if shared is None else shared
        self._text = text
        self._locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        """The file's key positions, scanned the first time a position is asked for."""
        if self._locator is None:
            text = self._text if self._text is not None else reread(self.path)
            self._locator = Locator(text)
        return self._locator

    def share(self, value: _T) -> _T:
        """An equal value met before in the load (any of its files), else `value`.

        For immutable values that recur: at 100,000 facts a few thousand dates
        and lists of ids are written a hundred thousand times, and an object
        each took 4 MB.
        """
        return self._shared.setdefault(value, value)  # type: ignore[no-any-return]

    def release_text(self) -> None:
        """Forget the file's text (the locator, if built, stays)."""
        self._text = None

    def location(self, path: KeyPath, *, at_key: bool = False) -> Location:
        find = self.locator.key_position if at_key else self.locator.value_position
        position = find(path)
        return Location(self.name, *position) if position else Location(self.name)

    def problem(
        self, path: KeyPath, message: str, expected: str | None = None, *, at_key: bool = False
    ) -> None:
        where = self.location(path, at_key=at_key)
        self.problems.append(Problem(where, clean_text(format_path(path)), message, expected))

    def wrong_type(self, path: KeyPath, value: object, expected: str) -> None:
        self.problem(path, f"wrong type: got {type_name(value)}", expected)
