"""The data format as the loader knows it: which tables and keys exist, and of what kind.

`TABLES` maps each top-level array of tables (`[[source]]`, `[[person]]`,
`[[topic]]` ...) to a `Schema`: its label in messages, its TOML header, the
model class it becomes, and a `Field` per key saying the key's kind (a key
of `values.CONVERTERS`, or "items" for a nested array of tables), whether it
is required, which model attribute it fills and, for links, which kinds of
thing an id may name. `EXPECTED` words what each kind of value should look
like. This is the format's one description: the checks read it, and
`format_schema` turns it into the JSON Schema that editors use, so the two
cannot drift. `docs/data-format.md` describes the same format for people.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable

from tui.model import (
    ENTITY_KINDS,
    QUALIFIERS,
    SPANS,
    Disagreement,
    Entity,
    Fact,
    Metric,
    Observation,
    Quote,
    Source,
    Target,
    Topic,
)

__all__ = ["ABSENT", "EXPECTED", "ID", "ID_PATTERN", "ONLY_ON", "TABLES", "Field", "Schema"]

ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
ID_PATTERN = ID.pattern

ABSENT: Any = object()  # no default: the model field is simply not passed


@dataclass(frozen=True)
class Field:
    """How one key of a table is checked and where its value goes in the model."""

    kind: str  # a key of values.CONVERTERS, or "items" for a nested array of tables
    required: bool = False
    attr: str | None = None  # model attribute, when named differently from the key
    links_to: tuple[str, ...] = ()  # for "ref" and "refs": the kinds an id may name
    verb: str = ""  # for links, how a message reads: "topic 'x' fact 2 <verb> ..."
    items: Schema | None = None
    default: Any = ABSENT


@dataclass(frozen=True)
class Schema:
    """One kind of table: how messages name it, its header, its model class and its keys."""

    label: str  # as in messages: "fact", "person"
    header: str  # as written in TOML: "[[topic.fact]]"
    model: Callable[..., Any]
    fields: Mapping[str, Field]


def _text(required: bool = False) -> Field:
    return Field("text", required)


def _source(required: bool = False) -> Field:
    return Field("ref", required, links_to=("source",), verb="cites")


def _mentions() -> Field:
    return Field("refs", links_to=ENTITY_KINDS, verb="mentions")


def _speaker() -> Field:
    return Field("ref", links_to=("person",), verb="is given by")


def _disagreement() -> Field:
    return Field("ref", links_to=("disagreement",), verb="is a side of")


_SOURCE = Schema(
    "source",
    "[[source]]",
    Source,
    {
        "id": Field("id", True),
        "title": _text(True),
        "publisher": _text(),
        "date": Field("date"),
        "url": Field("url"),
        "note": _text(),
    },
)


def _entity_schema(kind: str) -> Schema:
    fields: dict[str, Field] = {
        "id": Field("id", True),
        "name": _text(True),
        "short_name": _text(),
        "description": _text(),
    }
    if kind == "person":
        fields["role"] = _text()
    fields["url"] = Field("url")
    if kind == "event":
        fields["start"] = Field("date")
        fields["end"] = Field("date")
    fields["source"] = _source()
    return Schema(kind, f"[[{kind}]]", Entity, fields)


# Keys allowed on one kind of entity only, for a clearer message than "unknown key".
ONLY_ON = {"role": "person", "start": "event", "end": "event"}

_OBSERVATION = Schema(
    "observation",
    "[[metric.observation]]",
    Observation,
    {
        "period": _text(True),
        "date": Field("date", True),
        # Omitted when a source gives the period but no number: shown as missing.
        "value": Field("number", default=None),
        "qualifier": Field("qualifier"),
        # Required: which target a figure may measure depends on it.
        "span": Field("span", True),
        # A share said in words ("a third") is not turned into a number it never gave.
        "wording": _text(),
        "note": _text(),
        "source": _source(True),
        "speaker": _speaker(),
        "disagreement": _disagreement(),
    },
)

_TARGET = Schema(
    "target",
    "[[metric.target]]",
    Target,
    {
        "label": _text(True),
        "value": Field("amount", True),
        "due": Field("date"),
        "note": _text(),
        "source": _source(True),
        "speaker": _speaker(),
        "disagreement": _disagreement(),
    },
)

_METRIC = Schema(
    "metric",
    "[[metric]]",
    Metric,
    {
        "id": Field("id", True),
        "title": _text(True),
        "unit": _text(True),
        # How an amount reads, "{}" for the number: "${}bn".
        "amount": _text(),
        "note": _text(),
        "observation": Field("items", attr="observations", items=_OBSERVATION),
        "target": Field("items", attr="targets", items=_TARGET),
    },
)

_FACT = Schema(
    "fact",
    "[[topic.fact]]",
    Fact,
    {
        "text": _text(True),
        # When what the fact tells happened (not when it was reported).
        "date": Field("when"),
        "source": _source(True),
        "mentions": _mentions(),
        "note": _text(),
        "disagreement": _disagreement(),
    },
)

_DISAGREEMENT = Schema(
    "disagreement",
    "[[disagreement]]",
    Disagreement,
    {"id": Field("id", True), "about": _text(True), "note": _text()},
)

_QUOTE = Schema(
    "quote",
    "[[topic.quote]]",
    Quote,
    {
        "text": _text(True),
        "speaker": Field("ref", True, links_to=("person",), verb="has speaker"),
        "date": Field("date", True),
        "source": _source(True),
        "mentions": _mentions(),
        "context": _text(),
    },
)

_TOPIC = Schema(
    "topic",
    "[[topic]]",
    Topic,
    {
        "id": Field("id", True),
        "parent": Field("ref", links_to=("topic",), verb="has parent"),
        "title": _text(True),
        "short_title": _text(),
        "summary": _text(),
        "mentions": _mentions(),
        "metrics": Field("refs", links_to=("metric",), verb="shows metric"),
        "fact": Field("items", attr="facts", items=_FACT),
        "quote": Field("items", attr="quotes", items=_QUOTE),
    },
)

# The top-level arrays of tables, in the order the format describes them: the
# format's one description, read by the checks and by `format_schema` (which
# turns it into the JSON Schema that editors use), so the two cannot drift.
TABLES: Mapping[str, Schema] = {
    "source": _SOURCE,
    **{kind: _entity_schema(kind) for kind in ENTITY_KINDS},
    "metric": _METRIC,
    "disagreement": _DISAGREEMENT,
    "topic": _TOPIC,
}

# What each kind of value should look like, as messages say it.
EXPECTED = {
    "id": 'an id such as "industry.tractors": lowercase letters, digits, ".", "_" or "-", '
    "starting with a letter or digit",
    "text": 'text: a string, or a table { ru = "...", en = "..." }',
    "url": 'a string starting with "http://" or "https://"',
    "date": "a TOML date without quotes, such as 2025-09-29",
    "when": "a TOML date without quotes (2022-05-17), or a year or month as a string "
    '("2022", "2022-05") when the source gives no day',
    "number": "a number",
    "amount": "a number greater than zero",
    "qualifier": "one of " + ", ".join(QUALIFIERS),
    "span": "one of " + ", ".join(SPANS),
    "ref": "an id, as a string",
    "refs": 'an array of ids, such as ["maz", "polyakov"]',
}
