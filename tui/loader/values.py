"""Check and convert one value of a data file, by the kind its key has in the schema.

Each converter takes the `DataFile`, the value's key path and the value as
tomli parsed it, and returns what the model holds (text cleaned of terminal
controls into `Localized`, an interned id, a date, a number within bounds),
or `BAD` after reporting why the value is wrong: the wrong type, empty or
too long text, an unknown language, an id that is not an id, an address that
is not http(s), a date with a time, a target of zero. `CONVERTERS` maps each
kind named in `schema.Field` to its converter. Whether an id names something
that exists is not checked here but across files (`links`).
"""

from __future__ import annotations

import math
import sys
from datetime import date, datetime
from typing import Any, Callable
from urllib.parse import urlsplit

from tui.limits import (
    MAX_ABS_VALUE,
    MAX_ID,
    MAX_ITEMS,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_URL,
    SHORT_TEXT_KEYS,
)
from tui.model import LANGS, QUALIFIERS, SPANS, Localized, PartialDate
from tui.sanitize import clean_text

from .datafile import DataFile
from .locate import KeyPath
from .problems import show
from .schema import EXPECTED, ID

__all__ = ["BAD", "CONVERTERS", "count"]

BAD: Any = object()  # a value that failed its check (the problem is already reported)

# How a message names the table that holds a counted list.
_OWNER_HEADERS = {
    "topic": "[[topic]]",
    "fact": "[[topic.fact]]",
    "quote": "[[topic.quote]]",
    "metric": "[[metric]]",
}


def count(file: DataFile, path: KeyPath, value: list[Any], what: str, noun: str) -> None:
    """A problem when a list holds more than `MAX_ITEMS[what]` elements."""
    limit = MAX_ITEMS.get(what)
    if limit is not None and len(value) > limit:
        owner = _OWNER_HEADERS.get(what.split(".")[0], what)
        file.problem(
            path,
            f"too many {noun}: {len(value):,}",
            f"at most {limit:,} {noun} in one {owner}",
            at_key=True,
        )


def string(file: DataFile, path: KeyPath, value: object, expected: str, limit: int = 0) -> Any:
    if not isinstance(value, str):
        file.wrong_type(path, value, expected)
        return BAD
    if not value.strip():
        file.problem(path, "empty text", "a non-empty string (leave the key out instead)")
        return BAD
    if limit and len(value) > limit:
        file.problem(
            path,
            f"text too long: {len(value):,} characters",
            f"at most {limit:,} characters",
        )
        return BAD
    return clean_text(value)


def text(file: DataFile, path: KeyPath, value: object) -> Any:
    # A name or a label is one line; a summary or a fact may be a long paragraph.
    limit = MAX_SHORT_TEXT if path[-1] in SHORT_TEXT_KEYS else MAX_LONG_TEXT
    if isinstance(value, str):
        plain = string(file, path, value, EXPECTED["text"], limit)
        return BAD if plain is BAD else _localized(file, path, plain, plain)
    if not isinstance(value, dict):
        file.wrong_type(path, value, EXPECTED["text"])
        return BAD
    sides: dict[str, str] = {}
    valid = True
    for lang, wording in value.items():
        if lang not in LANGS:
            file.problem(
                path + (lang,),
                f"unknown language '{show(lang)}' in text",
                "the keys ru and en only",
                at_key=True,
            )
            valid = False
            continue
        cleaned = string(file, path + (lang,), wording, "a string", limit)
        if cleaned is BAD:
            valid = False
        else:
            sides[lang] = cleaned
    if not value:
        file.problem(path, "text has neither ru nor en", EXPECTED["text"])
    if not valid or not sides:
        return BAD
    return _localized(file, path, sides.get("ru"), sides.get("en"))


def _localized(file: DataFile, path: KeyPath, ru: str | None, en: str | None) -> Localized:
    # In a big data set every text goes to a store: as strings, they took 45 MB
    # at 100,000 facts. Names and labels go to one kept uncompressed: trees,
    # lists and the timeline read them in any order, and a read there costs
    # no decompression (it still saves each string's 49-byte header).
    store = file.labels if path[-1] in SHORT_TEXT_KEYS else file.texts
    return Localized(ru, en) if store is None else Localized.stored(store, ru, en)


def identifier(file: DataFile, path: KeyPath, value: object) -> Any:
    if not isinstance(value, str):
        file.wrong_type(path, value, EXPECTED["id"])
        return BAD
    if not ID.fullmatch(value):
        file.problem(path, f"invalid id '{show(value)}'", EXPECTED["id"])
        return BAD
    if len(value) > MAX_ID:
        file.problem(path, f"id too long: {len(value):,} characters", f"at most {MAX_ID}")
        return BAD
    return value


def reference(file: DataFile, path: KeyPath, value: object) -> Any:
    # Whether it names something, and the right kind of thing, is pass 3.
    # Interned: a big data set cites the same few thousand ids a hundred
    # thousand times, and one copy of each is enough.
    target = string(file, path, value, EXPECTED["ref"], MAX_ID)
    return target if target is BAD else sys.intern(target)


def references(file: DataFile, path: KeyPath, value: object) -> Any:
    if not isinstance(value, list):
        file.wrong_type(path, value, EXPECTED["refs"])
        return BAD
    if len(path) >= 3:
        count(file, path, value, f"{path[-3]}.{path[-1]}", "ids")
    ids: list[str] = []
    seen: set[str] = set()
    for index, element in enumerate(value):
        target = string(file, path + (index,), element, "an id, as a string", MAX_ID)
        if target is BAD:
            continue
        target = sys.intern(target)
        if target in seen:
            file.problem(path + (index,), f"'{show(target)}' is listed twice", "each id once")
            continue
        seen.add(target)
        ids.append(target)
    return file.share(tuple(ids))


def url(file: DataFile, path: KeyPath, value: object) -> Any:
    text = string(file, path, value, EXPECTED["url"], MAX_URL)
    if text is BAD:
        return BAD
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or text != value
        or any(ch.isspace() for ch in text)
    ):
        file.problem(path, f"not an http(s) address: '{show(text)}'", EXPECTED["url"])
        return BAD
    return text


def day(file: DataFile, path: KeyPath, value: object) -> Any:
    # datetime is a subclass of date, so test the exact type.
    if type(value) is date:
        return file.share(value)
    if isinstance(value, datetime):
        file.problem(path, "a date with a time of day", "a date without time, such as 2025-09-29")
    elif isinstance(value, str):
        file.problem(path, "wrong type: got a string; write dates without quotes", EXPECTED["date"])
    else:
        file.wrong_type(path, value, EXPECTED["date"])
    return BAD


def when(file: DataFile, path: KeyPath, value: object) -> Any:
    """A day, or a year or month written as a string when the source gives no day."""
    if type(value) is date:
        return file.share(PartialDate(file.share(value)))
    if isinstance(value, str) and len(value) in (4, 7):
        try:
            return file.share(PartialDate.parse(value))
        except ValueError:
            pass
    if isinstance(value, str):
        file.problem(path, f"not a year or month: '{show(value)}'", EXPECTED["when"])
        return BAD
    if isinstance(value, datetime):
        file.problem(path, "a date with a time of day", EXPECTED["when"])
        return BAD
    file.wrong_type(path, value, EXPECTED["when"])
    return BAD


def number(file: DataFile, path: KeyPath, value: object) -> Any:
    # bool is a subclass of int, but `true` is never a figure.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        file.wrong_type(path, value, EXPECTED["number"])
        return BAD
    if isinstance(value, float) and not math.isfinite(value):
        file.problem(path, f"not a finite number: {value}", "a finite number (not nan or inf)")
        return BAD
    # An int stays an int: `30` is shown as 30, not 30.0. Python's ints
    # have no size limit and a float's range ends near 1e308, far past
    # any figure; both only overflow a percentage or a column.
    if abs(value) > MAX_ABS_VALUE:
        file.problem(
            path,
            f"number out of range: {show(str(value), 40)}",
            "a number from -1e12 to 1e12",
        )
        return BAD
    return value


def amount(file: DataFile, path: KeyPath, value: object) -> Any:
    figure = number(file, path, value)
    # A target of zero or less cannot be measured against: a bar to it
    # would divide by zero or run backwards.
    if figure is not BAD and figure <= 0:
        what = "zero" if figure == 0 else "negative"
        file.problem(path, f"{what} target: {value}", EXPECTED["amount"])
        return BAD
    return figure


def _one_of(file: DataFile, path: KeyPath, value: object, kind: str, allowed: Any) -> Any:
    """A string from `allowed`; else "unknown <kind> '...'" and what is expected."""
    text = string(file, path, value, EXPECTED[kind])
    if text is not BAD and text not in allowed:
        file.problem(path, f"unknown {kind} '{show(text)}'", EXPECTED[kind])
        return BAD
    return text


def span(file: DataFile, path: KeyPath, value: object) -> Any:
    return _one_of(file, path, value, "span", SPANS)


def qualifier(file: DataFile, path: KeyPath, value: object) -> Any:
    return _one_of(file, path, value, "qualifier", QUALIFIERS)


CONVERTERS: dict[str, Callable[[DataFile, KeyPath, object], Any]] = {
    "id": identifier,
    "text": text,
    "url": url,
    "date": day,
    "when": when,
    "number": number,
    "amount": amount,
    "qualifier": qualifier,
    "span": span,
    "ref": reference,
    "refs": references,
}
