"""The checked tables that the passes hand on: an `Item` per table, a `Record` per top-level one.

Checking one file turns each table into an `Item` (its key path, and either
its checked values or, when it had no problem, its built model object); each
top-level table (`[[topic]]`, `[[source]]` ...) becomes a `Record` that also
knows its kind and its file, and a `Registry` finds a record by its id. The
checks across files read ids, links and parents from these, and assembling
the `Dataset` takes their model objects.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.model import Location

from .datafile import DataFile
from .locate import KeyPath, format_path

__all__ = ["Item", "Record", "Registry"]

# A big data set is checked as one of these a table: without a
# __dict__ each, they take about a third less memory (slots need Python 3.10).
_SLOTS: dict[str, bool] = {"slots": True} if sys.version_info >= (3, 10) else {}


@dataclass(**_SLOTS)
class Item:
    """A table of the data after checking: converted values keyed by model attribute.

    A table checked without a problem is built into its model object at once and
    its `values` dropped (`values` None, `model` set): a big data set then never
    holds a dict of checked values per fact next to the model objects, which would
    double the memory of loading. A table with a problem keeps its `values`, for
    the checks across files; no model is ever built from it.
    """

    path: KeyPath
    values: dict[str, Any] | None
    model: Any = None

    def get(self, attr: str) -> Any:
        if self.values is not None:
            return self.values.get(attr)
        return getattr(self.model, attr, None)


@dataclass(**_SLOTS)
class Record:
    """A top-level element (`[[topic]]`, `[[source]]` ...) and the file it came from."""

    kind: str
    item: Item
    file: DataFile

    @property
    def id(self) -> str | None:
        value = self.item.get("id")
        return value if isinstance(value, str) else None

    @property
    def owner(self) -> str:
        """How messages name it: "topic 'trade'"."""
        return f"{self.kind} '{self.id}'" if self.id else format_path(self.item.path)

    def location(self, *path: str | int) -> Location:
        return self.file.location(self.item.path + path)


# Every id, with its kind and the record that first defined it.
Registry = Mapping[str, tuple[str, Record]]
