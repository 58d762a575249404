"""Parse and check a big data file a piece at a time: its `[[topic]]` tables in runs.

A 3 MB file of topics parses into 13 MB of dicts and strings, all alive until
its tables are checked and built; at 100,000 facts that was the peak of the
whole load, and the memory it left behind in the process's heap was the
biggest part of what a big data set cost beyond its model. Parsed a run of
topics at a time (about 64 KB of text), each run's tables are checked, built
and let go before the next is parsed.

Only where cutting cannot change the result: at lines that are a `[[topic]]`
header alone, in a file with no multi-line strings (the only TOML values
that can hold such a line). A later piece must hold nothing but topics (a
`[[source]]` there continues an array of an earlier piece, and a table
redefined across pieces is an error only the whole file shows). Whenever a
piece does not parse, or holds anything else, the pieces' records and
problems are dropped and the file is parsed whole, as any file is: every
problem is reported exactly as before.
"""

from __future__ import annotations

import re
from typing import Any

from . import toml_reader
from .datafile import DataFile
from .records import Record
from .tables import check_file

__all__ = ["PIECE_CHARS", "check_in_pieces"]

# Characters of text per piece: small next to a big file, big enough that a
# piece holds many topics. At 100,000 facts, pieces of 64 KB left the App's
# peak 1.5 MB below pieces of 256 KB, and 32 KB no lower.
PIECE_CHARS = 64 * 1024

_TOPIC_HEADER = re.compile(r"^\[\[topic\]\][ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)


def cuts(text: str) -> list[int] | None:
    """Where to cut `text` into pieces (offsets, the first 0), or None to parse it whole."""
    if len(text) < 2 * PIECE_CHARS or '"""' in text or "'''" in text:
        return None
    bounds = [0]
    headers = _TOPIC_HEADER.finditer(text)
    next(headers, None)  # the first piece holds the first topic and all before it
    for header in headers:
        if header.start() - bounds[-1] >= PIECE_CHARS:
            bounds.append(header.start())
    return bounds if len(bounds) > 1 else None


def check_in_pieces(file: DataFile, text: str) -> list[Record] | None:
    """The records of `file`, parsed and checked piece by piece; None: parse it whole.

    Problems found go to `file.problems`, as `check_file` reports them, with
    the key paths of the whole file (`topic[812]`); on None nothing is added.
    """
    bounds = cuts(text)
    if bounds is None:
        return None
    problems_before = len(file.problems)
    records: list[Record] = []
    seen: dict[str, int] = {}
    ends = bounds[1:] + [len(text)]
    for start, end in zip(bounds, ends):
        data = _parse(text[start:end])
        if data is None or (start and set(data) != {"topic"}):
            del file.problems[problems_before:]
            return None
        # A piece's tables are numbered on from the pieces before it.
        records += check_file(file, data, seen)
        for key, value in data.items():
            if isinstance(value, list):
                seen[key] = seen.get(key, 0) + len(value)
        del data
    return records


def _parse(piece: str) -> dict[str, Any] | None:
    try:
        return toml_reader.loads(piece)
    except (toml_reader.TOMLDecodeError, RecursionError, ValueError):
        return None  # the whole file is parsed, and says what is wrong
