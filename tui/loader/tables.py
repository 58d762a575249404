"""Pass 2 of loading: check one file's tables against the schema, and build the good ones.

`check_file` walks the parsed tables of one `DataFile`: a top-level key must
name an array of tables of the format, every table's keys must be known
(a typo gets "did you mean"; `role` on a place says it belongs on a person),
required keys present, and every value right for its kind (`values`). Rules
that tie two keys of one table together, or look inside one (an amount form
with one `{}`, an event that ends on or after its start), are checked here
too. A table checked without a problem is built into its model object at
once (`build`); every top-level table becomes a `Record` for the checks
across files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tui.model import Entity, Localized, Location

from .build import build_model
from .datafile import DataFile
from .locate import KeyPath
from .problems import Problem, a_or_an, show
from .records import Item, Record
from .schema import EXPECTED, ONLY_ON, TABLES, Field, Schema
from .values import BAD, CONVERTERS, count

__all__ = ["check_file"]


def check_file(
    file: DataFile, data: Mapping[str, Any], first: Mapping[str, int] | None = None
) -> list[Record]:
    """A `Record` of each top-level table of `file`; its problems go to `file.problems`.

    `first` numbers each array's tables from the count given, for a file checked
    a piece at a time (see `pieces`).
    """
    if not data:
        file.problems.append(
            Problem(
                Location(file.name),
                "",
                "the file holds no data",
                "[[topic]], [[source]] or other tables of the data format",
            )
        )
    records: list[Record] = []
    for key, value in data.items():
        schema = TABLES.get(key)
        if schema is None:
            _unknown_key(file, (key,), key, [f"[[{name}]]" for name in TABLES])
            continue
        if not isinstance(value, list):
            file.wrong_type((key,), value, f"an array of tables {schema.header}")
            continue
        for index, element in enumerate(value, start=first.get(key, 0) if first else 0):
            item = _check_item(file, (key, index), element, schema)
            if item is not None:
                records.append(Record(key, item, file))
    return records


def _check_item(file: DataFile, path: KeyPath, value: object, schema: Schema) -> Item | None:
    if not isinstance(value, dict):
        file.wrong_type(path, value, f"a table of {schema.header}")
        return None
    values: dict[str, Any] = {}
    item = Item(path, values)
    problems_before = len(file.problems)
    for key, raw in value.items():
        fld = schema.fields.get(key)
        if fld is None:
            _unknown_key(file, path + (key,), key, list(schema.fields), schema)
            continue
        converted = _convert(file, path + (key,), raw, fld)
        if converted is not BAD:
            values[fld.attr or key] = converted
    for key, fld in schema.fields.items():
        if fld.required and key not in value:
            expected = EXPECTED.get(fld.kind) or f"an array of tables {schema.header}"
            file.problem(path + (key,), f"missing required key '{key}'", expected)
    _check_item_rules(file, path, item, schema)
    if len(file.problems) == problems_before:
        # Entities share one model, told apart by the kind named in the header.
        extra = {"kind": schema.label} if schema.model is Entity else {}
        item.model = build_model(schema, values, extra)
        item.values = None
    return item


def _check_item_rules(file: DataFile, path: KeyPath, item: Item, schema: Schema) -> None:
    """Rules that tie two keys of one table together, or look inside one."""
    amount = item.get("amount")
    if schema.label == "metric" and isinstance(amount, Localized):
        for lang, form in (("ru", amount.ru), ("en", amount.en)):
            if form is not None and form.count("{}") != 1:
                key = ("amount", lang) if amount.ru != amount.en else ("amount",)
                file.problem(
                    path + key,
                    f"the amount form '{show(form)}' has {form.count('{}')} '{{}}'",
                    'one {} where the number goes, such as "${}bn"',
                )
                break
    start, end = item.get("start"), item.get("end")
    if schema.label == "event" and start is not None and end is not None and end < start:
        file.problem(
            path + ("end",),
            f"the event ends ({end}) before it starts ({start})",
            "an end date on or after the start date",
        )


def _unknown_key(
    file: DataFile, path: KeyPath, key: str, allowed: list[str], schema: Schema | None = None
) -> None:
    shown = show(key)
    only_on = ONLY_ON.get(key)
    if schema is not None and schema.model is Entity and only_on is not None:
        message = f"'{shown}' is only allowed on a [[{only_on}]], not on {a_or_an(schema.label)}"
    else:
        message = f"unknown key '{shown}'"
        import difflib  # only for a typo: it costs start-up time otherwise

        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
    file.problem(path, message, "one of: " + ", ".join(allowed), at_key=True)


def _convert(file: DataFile, path: KeyPath, value: object, fld: Field) -> Any:
    if fld.kind == "items":
        assert fld.items is not None
        return _items(file, path, value, fld.items)
    return CONVERTERS[fld.kind](file, path, value)


def _items(file: DataFile, path: KeyPath, value: object, schema: Schema) -> Any:
    if not isinstance(value, list):
        file.wrong_type(path, value, f"an array of tables {schema.header}")
        return BAD
    count(file, path, value, schema.header.strip("[]"), schema.header)
    items = [_check_item(file, path + (i,), element, schema) for i, element in enumerate(value)]
    return [item for item in items if item is not None]
