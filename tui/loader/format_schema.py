"""A JSON Schema of the data format, generated from the loader's own description of it.

`coop-tui schema` prints it; a copy ships as `tui/schema/coop-tui.schema.json`,
which the data files name on their first line (`#:schema ...`) so that taplo
and Even Better TOML complete keys and flag mistakes while a maintainer types.
The schema is built from `schema.TABLES`, the same tables the loader checks
against, so a key added to the loader appears here too (a test checks that
the shipped copy is up to date).

What JSON Schema cannot say, and only `coop-tui check` does: that ids are
unique and links name existing things of the right kind, that topic parents
form no cycle, that an event does not end before it starts. Editors see TOML
dates as strings with format "date", so they would also accept a quoted date
that the loader rejects.
"""

from __future__ import annotations

import json
from typing import Any

from tui.limits import (
    MAX_ABS_VALUE,
    MAX_ID,
    MAX_ITEMS,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_URL,
    SHORT_TEXT_KEYS,
)
from tui.model import ENTITY_KINDS, LANG_NAMES, LANGS, QUALIFIERS, SPANS

from .schema import ID_PATTERN, TABLES

__all__ = ["json_schema", "json_schema_text"]

# What each key means, for editors' hover text. Keyed "table.key"; a test
# checks that every key of schema.TABLES has one.
DESCRIPTIONS: dict[str, str] = {
    "source": "A publication that facts, quotes and figures cite by id.",
    "source.id": "Stable id of the source, e.g. article.",
    "source.title": "Headline or title of the publication.",
    "source.publisher": "Outlet or body that published it.",
    "source.date": "Publication date.",
    "source.url": "Address of the publication (http or https).",
    "source.note": 'A remark on the source, e.g. "forum repost: weak source".',
    "entity.id": "Stable id, unique across all kinds, e.g. maz or polyakov.",
    "entity.name": "Full name.",
    "entity.short_name": "Name shown where space is short.",
    "entity.description": "What it is.",
    "entity.role": "Post held when quoted, e.g. vice-governor of St Petersburg.",
    "entity.url": "Official site.",
    "entity.start": "When the event started.",
    "entity.end": "When the event ended (on or after start).",
    "entity.source": "Id of the source the description comes from.",
    "organisation": "An organisation the topics mention.",
    "person": "A person the topics mention or quote.",
    "place": "A place the topics mention.",
    "event": "An event the topics mention.",
    "metric": "A series of dated figures in one unit; different statisticians get separate metrics.",
    "metric.id": "Stable id of the metric.",
    "metric.title": "Title of the series.",
    "metric.unit": 'Unit, e.g. { ru = "млрд долл. США", en = "USD bn" }.',
    "metric.note": "Explains the series; shown under its bars.",
    "metric.amount": (
        'How an amount reads, {} for the number: { ru = "{} млрд долл.", en = "${}bn" }. '
        "Without it: the number and the unit."
    ),
    "metric.observation": "A reported figure.",
    "metric.target": "A target; each gets its own bar.",
    "observation": "A figure as a source reports it, for one period.",
    "target": "A target the figure is measured against.",
    "fact": "A fact, with the source that reports it.",
    "quote": "A direct quote, always attributed.",
    "observation.period": 'The period reported, e.g. "2024" or "Jan–Sep 2023".',
    "observation.date": "End of the period; used to find the latest figure.",
    "observation.value": "The figure; leave it out when the source gives none (shown as missing).",
    "observation.qualifier": 'How the figure relates to the number: "more than $3bn" is more-than.',
    "observation.span": (
        "What the figure covers: full-year (a whole year), part-year (e.g. Jan–Sep) or "
        "statement (said on a date, no period). A target due in a year is measured only "
        "by that year's full-year or part-year figures."
    ),
    "observation.wording": (
        'The source\'s own words where it gives no number, e.g. "one third"; shown instead '
        "of a number (leave value out)."
    ),
    "observation.note": "A remark on this figure.",
    "observation.source": "Id of the source that reports it.",
    "observation.speaker": "Id of the [[person]] who gave the figure, when the source names one.",
    "observation.disagreement": "Id of the [[disagreement]] this figure is one side of.",
    "target.label": 'What the target is, e.g. "by the end of 2025".',
    "target.value": "The target figure (greater than zero).",
    "target.due": "When the target is due; without it the latest full-year figure measures it.",
    "target.note": "A remark on this target.",
    "target.source": "Id of the source that sets it.",
    "target.speaker": "Id of the [[person]] who set or named the target.",
    "target.disagreement": "Id of the [[disagreement]] this target is one side of.",
    "disagreement": "Sources that disagree: shown side by side, each with its source.",
    "disagreement.id": "Stable id, named by the sides' disagreement key.",
    "disagreement.about": "What the sources disagree on.",
    "disagreement.note": "A remark on the disagreement.",
    "topic": "A topic of the tree; roots have no parent.",
    "topic.id": "Stable id of the topic, e.g. industry.tractors.",
    "topic.parent": "Id of the parent topic; absent for a root.",
    "topic.title": "Title of the topic.",
    "topic.short_title": "Title for the tree where the full one is long.",
    "topic.summary": "A paragraph summing the topic up.",
    "topic.mentions": "Ids of the organisations, people, places and events the topic is about.",
    "topic.metrics": "Ids of the metrics shown as bars on this topic.",
    "topic.fact": "A sourced fact.",
    "topic.quote": "A direct quote: who said it, when, and where it was reported.",
    "fact.text": "The fact.",
    "fact.source": "Id of the source that reports it.",
    "fact.mentions": "Ids of the entities the fact mentions.",
    "fact.note": "A remark on the fact.",
    "fact.date": "When what the fact tells happened (not when it was reported): a date, or "
    '"YYYY" / "YYYY-MM" when the source gives no day. Not after the source\'s date.',
    "fact.disagreement": "Id of the [[disagreement]] this fact is one side of.",
    "quote.text": "The words quoted.",
    "quote.speaker": "Id of the [[person]] who said it.",
    "quote.date": "When it was said.",
    "quote.source": "Id of the source that reports it.",
    "quote.mentions": "Ids of the entities the quote mentions.",
    "quote.context": "Where or why it was said.",
}

_NON_BLANK = r"\S"


def _kind_schema(kind: str, key: str = "") -> dict[str, Any]:
    if kind == "id":
        return {"type": "string", "pattern": f"^(?:{ID_PATTERN})$", "maxLength": MAX_ID}
    if kind == "text":
        return {
            "$ref": "#/definitions/short_text" if key in SHORT_TEXT_KEYS else "#/definitions/text"
        }
    if kind == "url":
        return {
            "type": "string",
            "pattern": r"^https?://[^\s/?#]+[^\s]*$",
            "format": "uri",
            "maxLength": MAX_URL,
        }
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if kind == "when":
        return {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"},
            ]
        }
    if kind == "number":
        return {"type": "number", "minimum": -MAX_ABS_VALUE, "maximum": MAX_ABS_VALUE}
    if kind == "amount":
        return {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_ABS_VALUE}
    if kind == "qualifier":
        return {"enum": list(QUALIFIERS), "default": "exact"}
    if kind == "span":
        return {"enum": list(SPANS)}
    if kind == "ref":
        return {"type": "string", "pattern": _NON_BLANK, "maxLength": MAX_ID}
    if kind == "refs":
        return {
            "type": "array",
            "items": {"type": "string", "pattern": _NON_BLANK, "maxLength": MAX_ID},
            "uniqueItems": True,
        }
    raise ValueError(f"no JSON Schema for field kind {kind!r}")  # a new kind needs a mapping


def _table_schema(label: str, schema: Any) -> dict[str, Any]:
    group = "entity" if label in ENTITY_KINDS else label
    properties: dict[str, Any] = {}
    for key, fld in schema.fields.items():
        if fld.kind == "items":
            prop: dict[str, Any] = {
                "type": "array",
                "items": {"$ref": f"#/definitions/{fld.items.label}"},
            }
        else:
            prop = _kind_schema(fld.kind, key)
        limit = MAX_ITEMS.get(f"{label}.{key}")
        if limit is not None:
            prop["maxItems"] = limit
        description = DESCRIPTIONS.get(f"{group}.{key}") or DESCRIPTIONS[f"{label}.{key}"]
        properties[key] = {"description": description, **prop}
    required = [key for key, fld in schema.fields.items() if fld.required]
    table: dict[str, Any] = {
        "type": "object",
        "description": DESCRIPTIONS[label],
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        table["required"] = required
    return table


def _text_schema(description: str, limit: int) -> dict[str, Any]:
    def side(name: str = "") -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": _NON_BLANK, "maxLength": limit}
        return {**schema, "description": name} if name else schema

    return {
        "description": description,
        "oneOf": [
            side(),
            {
                "type": "object",
                "properties": {lang: side(LANG_NAMES[lang]) for lang in LANGS},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }


def json_schema() -> dict[str, Any]:
    """The schema as a dict (draft-07, which taplo and most editors read)."""
    defs: dict[str, Any] = {
        "text": _text_schema(
            'Text a reader sees: a string, or { ru = "...", en = "..." }.', MAX_LONG_TEXT
        ),
        "short_text": _text_schema(
            'A name, title or label a reader sees: a string, or { ru = "...", en = "..." }.',
            MAX_SHORT_TEXT,
        ),
    }
    top: dict[str, Any] = {}
    for key, schema in TABLES.items():
        defs[schema.label] = _table_schema(schema.label, schema)
        for fld in schema.fields.values():
            if fld.kind == "items" and fld.items is not None:
                defs[fld.items.label] = _table_schema(fld.items.label, fld.items)
        top[key] = {
            "description": DESCRIPTIONS[schema.label],
            "type": "array",
            "items": {"$ref": f"#/definitions/{schema.label}"},
        }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "coop-tui data file",
        "description": (
            "One TOML data file of coop-tui (see docs/data-format.md). Ids, links and topic "
            "cycles are checked by `coop-tui check`, not by this schema."
        ),
        "type": "object",
        "properties": top,
        "additionalProperties": False,
        "minProperties": 1,
        "definitions": defs,
    }


def json_schema_text() -> str:
    """The schema as `coop-tui schema` prints it and the shipped copy holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
