"""Assemble the model: a checked table's model object, and the `Dataset` of them all.

`build_model` makes the model object (a `Topic`, a `Fact`, an `Entity` ...)
of a table that passed its checks, its nested tables already built; keys
left out take the schema's default or the model's own. `assemble` gathers
the records of a load that found no problem into a `Dataset`, with
`LazyLocations` saying where each id was defined (worked out only when a
message asks). Nothing here checks anything: only checked tables get here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tui.model import ENTITY_KINDS, Dataset, Location

from .datafile import DataFile
from .locate import KeyPath
from .records import Record
from .schema import ABSENT, Schema

__all__ = ["LazyLocations", "assemble", "build_model"]


def build_model(schema: Schema, values: Mapping[str, Any], extra: Mapping[str, Any]) -> Any:
    """The model object of a table checked without a problem (its tables already built)."""
    kwargs: dict[str, Any] = dict(extra)
    for key, fld in schema.fields.items():
        attr = fld.attr or key
        if attr in values:
            value = values[attr]
            if fld.kind == "items":
                value = tuple(sub.model for sub in value)
            elif fld.kind == "refs":
                value = tuple(value)
            kwargs[attr] = value
        elif fld.default is not ABSENT:
            kwargs[attr] = fld.default
    return schema.model(**kwargs)


def assemble(records: list[Record], files: list[str]) -> Dataset:
    """The data set of a load without problems; empties `records` as it goes."""
    kinds = ("topic", "source", "entity", "metric", "disagreement")
    built: dict[str, dict[str, Any]] = {kind: {} for kind in kinds}
    locations = LazyLocations()
    # Each checked record is dropped as soon as its model object is built,
    # so the two copies of a big data set never coexist in memory.
    records.reverse()
    while records:
        record = records.pop()
        record_id = record.id
        assert record_id is not None  # guaranteed: no problems were found
        group = "entity" if record.kind in ENTITY_KINDS else record.kind
        # Every record was built when checked: no problem was found in it.
        built[group][record_id] = record.item.model
        locations.add(record_id, record.file, record.item.path + ("id",))
    return Dataset(
        topics=built["topic"],
        sources=built["source"],
        entities=built["entity"],
        metrics=built["metric"],
        locations=locations,
        files=tuple(files),
        disagreements=built["disagreement"],
    )


class LazyLocations(Mapping[str, Location]):
    """Where each id was defined, worked out on first access, one file at a time.

    Scanning every file for positions costs as much as parsing it, and the
    positions are needed only for messages (a reload problem, a check report).
    A lookup re-reads the file, as it is now, to place the id.

    A table's id at `key[index].id` of a file, the usual case, is kept as one
    int (the file's number, the key's and the index): a tuple of the file and
    a key path each took 2 MB at 100,000 facts.
    """

    def __init__(self) -> None:
        self._where: dict[str, int | tuple[DataFile, KeyPath]] = {}
        self._files: list[DataFile] = []
        self._file_numbers: dict[int, int] = {}  # by id(file)
        self._keys: list[str] = []
        self._key_numbers: dict[str, int] = {}

    def add(self, item_id: str, file: DataFile, path: KeyPath) -> None:
        if (
            len(path) == 3
            and isinstance(path[0], str)
            and type(path[1]) is int
            and 0 <= path[1] < 1 << 32
            and path[2] == "id"
        ):
            file_number = self._file_numbers.get(id(file))
            if file_number is None:
                file_number = self._file_numbers[id(file)] = len(self._files)
                self._files.append(file)
            key_number = self._key_numbers.get(path[0])
            if key_number is None:
                key_number = self._key_numbers[path[0]] = len(self._keys)
                self._keys.append(path[0])
            if key_number < 256:  # the keys are the few kinds of table
                self._where[item_id] = (file_number << 40) | (key_number << 32) | path[1]
                return
        self._where[item_id] = (file, path)

    def __getitem__(self, item_id: str) -> Location:
        where = self._where[item_id]
        if isinstance(where, int):
            file = self._files[where >> 40]
            path: KeyPath = (self._keys[(where >> 32) & 0xFF], where & 0xFFFFFFFF, "id")
        else:
            file, path = where
        return file.location(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)
