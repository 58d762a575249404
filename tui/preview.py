"""The root topics of a big data set, found in milliseconds, for the first screen.

Loading a data set of a hundred thousand facts takes seconds (every file is parsed
and every value is checked). The reader should not stare at a blank
terminal meanwhile: the App opens at once on the roots found here, while the
loader reads and checks everything in the background and then replaces this
preview with the real data set (or ends the App with the loader's message).

Nothing here is trusted: it only names the roots, and only until the strict
loader has finished. It finds each `[[topic]]` table written at the start of a
line, keeps the ones without a `parent` key, and parses just that table's own
lines with the TOML reader. Anything unexpected is skipped, never raised. To stay
quick it stops reading files once it has found a root and read a few
megabytes: roots written later in a huge data set show up when loading ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from tui.loader import toml_reader
from tui.loader.read import MAX_FILE_BYTES, data_files
from tui.model import LANGS, Dataset, Localized, Topic
from tui.sanitize import clean_text

__all__ = ["preview_roots"]

_HEADER = b"\n[[topic]]"
# Enough for the first topic files of a big data set, a few milliseconds to scan.
_BUDGET = 4 * 1024 * 1024
_PARENT = re.compile(rb"^[ \t]*parent[ \t]*=", re.MULTILINE)


def preview_roots(paths: Sequence[Path]) -> Dataset:
    """A data set holding only the root topics (id and titles) of the data in `paths`."""
    roots: dict[str, Topic] = {}
    scanned = 0
    for file in data_files(paths):
        if roots and scanned >= _BUDGET:
            break
        try:
            with file.open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
        except OSError:
            continue
        scanned += len(raw)
        for block in _root_blocks(raw):
            topic = _root(block)
            if topic is not None and topic.id not in roots:
                roots[topic.id] = topic
    return Dataset(topics=roots, sources={}, entities={}, metrics={})


def _root_blocks(raw: bytes) -> list[bytes]:
    """The lines of each `[[topic]]` table without a `parent` key: the roots.

    Only these are copied out of the file: a big data set's first topic file
    holds thousands of topics, and copying every one cost its first paint
    some milliseconds.
    """
    return [
        raw[start:end] for start, end in _topic_spans(raw) if not _PARENT.search(raw, start, end)
    ]


def _topic_spans(raw: bytes) -> Iterator[tuple[int, int]]:
    """Where the lines of each `[[topic]]` table start and end in `raw`."""
    header = _HEADER[1:]
    start = 0 if raw.startswith(header) else raw.find(_HEADER)
    while start >= 0:
        body = raw.index(header, start) + len(header)
        end = raw.find(b"\n[", body)
        stop = end if end >= 0 else len(raw)
        if raw[stop - 1 : stop] == b"\r":
            stop -= 1  # a CRLF file: a lone CR left at the end is not TOML
        yield body, stop
        start = raw.find(_HEADER, stop)


def _root(block: bytes) -> Topic | None:
    if _PARENT.search(block):
        return None
    try:
        table = toml_reader.loads(block.decode("utf-8"))
        topic_id = table["id"]
        title = _text(table["title"])
        short = _text(table["short_title"]) if "short_title" in table else None
    except Exception:  # noqa: BLE001 - a preview skips what it cannot read
        return None
    if not isinstance(topic_id, str) or title is None:
        return None
    return Topic(id=topic_id, title=title, short_title=short)


def _text(value: object) -> Localized | None:
    if isinstance(value, str):
        return Localized.same(clean_text(value))
    if isinstance(value, dict):
        texts = {lang: value.get(lang) for lang in LANGS}
        if any(isinstance(text, str) for text in texts.values()):
            return Localized(
                **{lang: clean_text(t) if isinstance(t, str) else None for lang, t in texts.items()}
            )
    return None
