"""What loading reports, and the words its messages are made of.

A `Problem` is one thing wrong with the data: where (file, line, column), the
key path, what is wrong and what was expected, printed by `coop-tui check` as
`file:line:column: key.path: what is wrong (expected ...)`. A `DataError`
carries every problem of one load. The helpers below word the parts that
recur: data quoted in a message (`show`, cleaned and cut to one line), a
value's TOML type ("an integer"), "a" or "an", and lists of kinds ("an
organisation, person or place"). Nothing here reads or checks data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from tui.model import Location
from tui.sanitize import clean_text

__all__ = ["DataError", "Problem", "a_or_an", "kinds_phrase", "show", "type_name"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, and where."""

    location: Location
    key_path: str
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        # A file name can hold control characters too (it may come from a folder listing).
        parts = [clean_text(str(self.location))]
        if self.key_path:
            parts.append(self.key_path)
        text = self.message
        if self.expected:
            text += f" (expected {self.expected})"
        parts.append(text)
        return ": ".join(parts)


class DataError(Exception):
    """The data could not be loaded; `problems` lists everything found wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def show(text: str, limit: int = 80) -> str:
    """Data quoted in a message: cleaned, on one line, and not too long."""
    shown = clean_text(text).replace("\n", "\u240a")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def type_name(value: object) -> str:
    """A parsed TOML value's type as a message names it: "an integer", "a boolean (true)"."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    for kind, name in (
        (str, "a string"),
        (int, "an integer"),
        (float, "a float"),
        (dict, "a table"),
        (list, "an array"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def a_or_an(kind: str) -> str:
    """ "an organisation", "a person"."""
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def kinds_phrase(kinds: Iterable[str], joiner: str, *, brackets: bool = False) -> str:
    """("organisation", "person", "place") -> "an organisation, person or place"."""
    names = [f"[[{kind}]]" if brackets else kind for kind in kinds]
    head = ", ".join(names[:-1])
    listed = f"{head} {joiner} {names[-1]}" if head else names[-1]
    return ("an " if names[0].lstrip("[")[:1] in "aeiou" else "a ") + listed
