"""Read coop-tui's TOML data files into a validated `Dataset`.

The maintainer edits TOML by hand, so the loader is strict (unknown keys are
usually typos) and reports every problem it finds in one go, each with file,
line, column, key path and what was expected, instead of stopping at the
first. `docs/data-format.md` is the schema; `schema.py` follows it.

Loading runs in three passes (`load.py` runs them in order):

1. read (`read.py`, with `toml_reader.py`, the one TOML reader, and
   `toml_errors.py`, which words TOML syntax errors): find the files, read
   bytes, decode UTF-8, parse TOML;
2. check each file on its own (`tables.py`, `values.py`): keys, types,
   formats, required fields;
3. check across files: duplicate ids and links to unknown ids or to the
   wrong kind of thing (`links.py`), topic parent cycles (`tree.py`).

Only when no pass found a problem are the model objects assembled
(`build.py`). Problems (`problems.py`) are placed in the file by
`datafile.py` with `locate.py`'s scan of the text. `format_schema.py` turns
the schema into the JSON Schema that editors use. Every string taken from
the data goes through `sanitize.clean_text`, so nothing loaded can drive the
terminal. Nothing in this package imports Textual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import load_dataset
    from .problems import DataError, Problem
    from .read import MAX_FILE_BYTES, data_files, data_size
    from .schema import ID_PATTERN, TABLES

__all__ = [
    "ID_PATTERN",
    "MAX_FILE_BYTES",
    "TABLES",
    "DataError",
    "Problem",
    "data_files",
    "data_size",
    "load_dataset",
]

# Each name is imported from its module when first asked for. A big data set
# opens on a preview of its roots (tui.preview), which needs only the file
# list and the TOML reader: importing every pass of the loader as well cost
# that first frame some 12 ms, for a load that starts after it anyway.
_HOMES = {
    "load_dataset": ".load",
    "DataError": ".problems",
    "Problem": ".problems",
    "MAX_FILE_BYTES": ".read",
    "data_files": ".read",
    "data_size": ".read",
    "ID_PATTERN": ".schema",
    "TABLES": ".schema",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value
    return value
