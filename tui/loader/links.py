"""Pass 3 of loading, ids and links: what one table says about another, across all files.

`register` lists every id with its kind and the record that first defined
it; an id defined twice, in any kinds or files, is a problem. `check_links`
follows every `ref` and `refs` key of the schema (a fact's source, a quote's
speaker, a topic's mentions and metrics ...) and reports an id that names
nothing, or names the wrong kind of thing ("cites 'maz', which is an
organisation, not a source"), and a disagreement with fewer than two sides.
An unknown id that a file with a syntax error may define is not reported:
the syntax error alone is the news. `check_dates` reports a fact or quote
dated after the source that reports it. The topic tree's shape is `tree`'s.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tui.model import PartialDate
from tui.sanitize import clean_text

from .locate import KeyPath, format_path
from .problems import Problem, a_or_an, kinds_phrase, show
from .records import Item, Record, Registry
from .schema import TABLES, Field, Schema

__all__ = ["check_dates", "check_links", "register"]


def register(records: list[Record], problems: list[Problem]) -> dict[str, tuple[str, Record]]:
    """Every id with its kind and the record that first defined it; duplicates are problems."""
    registry: dict[str, tuple[str, Record]] = {}
    for record in records:
        if record.id is None:
            continue
        first = registry.get(record.id)
        if first is None:
            registry[record.id] = (record.kind, record)
            continue
        problems.append(
            Problem(
                record.location("id"),
                clean_text(format_path(record.item.path + ("id",))),
                f"duplicate id '{record.id}': first defined at {first[1].location('id')}",
                "ids unique across all kinds and files",
            )
        )
    return registry


def check_links(records: list[Record], registry: Registry, unparsed: Sequence[str]) -> None:
    """Every link names an existing id of a kind it may name; every disagreement has two sides.

    `unparsed` holds the text of the files that could not be parsed.
    """
    sides: dict[str, int] = {}
    for record in records:
        schema = TABLES[record.kind]
        for path, owner, fld, target in _links(schema, record.item, record.owner):
            if fld.links_to == ("disagreement",):
                sides[target] = sides.get(target, 0) + 1
            known = registry.get(target)
            if known is not None and known[0] in fld.links_to:
                continue
            if known is None and _maybe_in_unparsed(target, unparsed):
                continue
            if known is None:
                message = f"{owner} {fld.verb} unknown id '{show(target)}'"
            else:
                message = (
                    f"{owner} {fld.verb} '{show(target)}', which is {a_or_an(known[0])}, "
                    f"not {kinds_phrase(fld.links_to, 'or')}"
                )
            expected = "the id of " + kinds_phrase(fld.links_to, "or", brackets=True)
            record.file.problem(path, message, expected)
    # A disagreement needs two sides to show side by side.
    for record in records:
        if record.kind == "disagreement" and record.id is not None:
            count = sides.get(record.id, 0)
            if count < 2:
                record.file.problem(
                    record.item.path + ("id",),
                    f"disagreement '{show(record.id)}' has {count} side"
                    + ("" if count == 1 else "s"),
                    "two or more facts, observations or targets naming it "
                    "in their disagreement key",
                )


def check_dates(records: list[Record], registry: Registry) -> None:
    """A fact or quote cannot be dated after the source that reports it."""
    for record in records:
        if record.kind != "topic":
            continue
        for key, label in (("facts", "fact"), ("quotes", "quote")):
            items = record.item.get(key)
            if not isinstance(items, (list, tuple)):
                continue
            for index, sub in enumerate(items):
                if isinstance(sub, Item):
                    when, source_id = sub.get("date"), sub.get("source")
                else:  # a built model object
                    when, source_id = getattr(sub, "date", None), getattr(sub, "source", None)
                known = registry.get(source_id) if isinstance(source_id, str) else None
                if when is None or known is None or known[0] != "source":
                    continue
                published = known[1].item.get("date")
                shown = str(when)
                if isinstance(when, PartialDate):
                    when = when.start  # a month or year begins no later than its source
                if published is not None and when > published:
                    record.file.problem(
                        record.item.path + (label, index, "date"),
                        f"{record.owner} {label} {index + 1} is dated {shown}, after its "
                        f"source '{show(source_id)}' ({published})",
                        "a date on or before the date of the source that reports it",
                    )


def _maybe_in_unparsed(target: str, unparsed: Sequence[str]) -> bool:
    """Whether an unknown id may be defined in a file that has a syntax error.

    Without this one syntax error in the sources file would bury itself under
    a "cites unknown id" for every fact; the syntax error alone is the news.
    """
    return any(f'"{target}"' in text or f"'{target}'" in text for text in unparsed)


def _links(schema: Schema, item: Item, owner: str) -> Iterator[tuple[KeyPath, str, Field, str]]:
    """Every id that `item` (and the tables nested in it) links to, with its path."""
    for key, fld in schema.fields.items():
        value = item.get(fld.attr or key)
        if value is None:
            continue
        if fld.kind == "ref":
            yield item.path + (key,), owner, fld, value
        elif fld.kind == "refs":
            for index, target in enumerate(value):
                yield item.path + (key, index), owner, fld, target
        elif fld.kind == "items" and fld.items is not None:
            if item.values is None:
                # A built table holds its tables' model objects; they were all
                # tables (else it had a problem), so their index is their place.
                value = [Item(item.path + (key, i), None, sub) for i, sub in enumerate(value)]
            for sub in value:
                # Numbered from 1 in prose, as a reader counts; the key path is 0-based.
                number = int(sub.path[-1]) + 1
                yield from _links(fld.items, sub, f"{owner} {fld.items.label} {number}")
