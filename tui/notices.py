"""Notices for the reader from the parts of coop-tui that know nothing of the screen.

The state file (state.py) and the data cache (cache.py) say what went wrong as
a `Notice`: a key and the parameters (a path, the name a bad file was set aside
as, the operating system's reason), not as a sentence. The screen words it in
the reader's language when it shows it (`notice_text(notice, app.lang)`), so a
notice shown after `L` is in the new language. The words are i18n labels
`notice.<key>`; paths and the operating system's reasons (strerror) are put in
as they are. `str(notice)` is the English text, for logs and tests.
"""

from __future__ import annotations

from collections.abc import Mapping

# Tuple and Union, not `tuple[...]` and `|`: `Arg` is evaluated at run time on Python 3.9.
from typing import Final, Tuple, Union  # noqa: UP035

from .i18n import label
from .model import Lang
from .value import Value


class Notice(Value):
    """A notice: immutable and compared by value, as a frozen dataclass (a plain class:
    every start imports it, and a dataclass costs some 0.5 ms to make on Python 3.11)."""

    __slots__ = ("args", "key", "then")
    FIELDS = ("key", "args", "then")

    def __init__(
        self,
        key: str,
        args: Mapping[str, Arg] | None = None,
        then: tuple[Notice, ...] = (),
    ) -> None:
        self.key: Final = key
        """Names the label `notice.<key>` that words it."""
        self.args: Final[Mapping[str, Arg]] = {} if args is None else args
        """The label's fields: text put in as it is, or notices worded in the same language."""
        self.then: Final = then
        """What followed, each added after "; "."""

    def __str__(self) -> str:
        return notice_text(self, "en")


Arg = Union[str, int, Notice, Tuple[Notice, ...]]  # noqa: UP006


def both(first: Notice | None, second: Notice | None) -> Notice | None:
    """Two notices, one under the other (either may be None)."""
    if first is None or second is None:
        return first or second
    return Notice("lines", {"first": first, "second": second})


def notice_text(notice: Notice, lang: Lang) -> str:
    """The notice in `lang`."""
    values = {name: _arg_text(value, lang) for name, value in notice.args.items()}
    text = label(f"notice.{notice.key}", lang).format(**values)
    for part in notice.then:
        text += "; " + notice_text(part, lang)
    return text


def _arg_text(value: Arg, lang: Lang) -> str:
    if isinstance(value, Notice):
        return notice_text(value, lang)
    if isinstance(value, tuple):
        return "; ".join(notice_text(part, lang) for part in value)
    return str(value)
