"""Read coop-tui's TOML data files into a validated `Dataset`.

The maintainer edits TOML by hand, so the loader is strict (unknown keys are
usually typos) and reports every problem it finds in one go, each with file,
line, column, key path and what was expected, instead of stopping at the
first. `docs/data-format.md` is the schema; this module follows it.

Loading runs in three passes:

1. read: find the files, read bytes, decode UTF-8, parse TOML;
2. check each file on its own: keys, types, formats, required fields;
3. check across files: duplicate ids, links to unknown ids or to the wrong
   kind of thing, topic parent cycles.

Only when no pass found a problem are the model objects assembled. Every
string taken from the data goes through `sanitize.clean_text`, so nothing
loaded can drive the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from tui import toml_reader
from tui.limits import (
    MAX_ABS_VALUE,
    MAX_DEPTH,
    MAX_ID,
    MAX_ITEMS,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_URL,
    SHORT_TEXT_KEYS,
)
from tui.locate import KeyPath, Locator, format_path
from tui.model import (
    _SLOTS,
    ENTITY_KINDS,
    LANGS,
    QUALIFIERS,
    SPANS,
    Dataset,
    Disagreement,
    Entity,
    Fact,
    Localized,
    Location,
    Metric,
    Observation,
    PartialDate,
    Quote,
    Source,
    Target,
    Topic,
)
from tui.sanitize import clean_text
from tui.toml_errors import explain

__all__ = ["MAX_FILE_BYTES", "DataError", "Problem", "data_files", "data_size", "load_dataset"]

# Real data is a few hundred kilobytes; anything this big is a wrong path
# (a log, a dump) and would only make the TUI slow to start.
MAX_FILE_BYTES = 16 * 1024 * 1024

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_BARE_CR = re.compile(r"\r(?!\n)")
_LONG_DIGITS = re.compile(r"[0-9_]{1000,}")


# -- the public API -------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, and where."""

    location: Location
    key_path: str
    message: str
    expected: str | None = None

    def __str__(self) -> str:
        # A file name can hold control characters too (it may come from a folder listing).
        parts = [clean_text(str(self.location))]
        if self.key_path:
            parts.append(self.key_path)
        text = self.message
        if self.expected:
            text += f" (expected {self.expected})"
        parts.append(text)
        return ": ".join(parts)


class DataError(Exception):
    """The data could not be loaded; `problems` lists everything found wrong."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def load_dataset(paths: Sequence[Path]) -> Dataset:
    """Load and validate the data in `paths` (files, or folders of `*.toml`) as one data set.

    Raises `DataError` listing every problem found; no other exception escapes.
    """
    try:
        return _Loader().load([Path(p) for p in paths])
    except DataError:
        raise
    except Exception as error:  # last resort, see below
        # A bug in the loader must still end in a clean message, not a
        # traceback over the TUI; the cause stays chained for the log.
        where = str(paths[0]) if paths else "<no data path>"
        problem = Problem(
            Location(where),
            "",
            f"internal error while loading the data: {type(error).__name__}: " + _show(str(error)),
        )
        raise DataError([problem]) from error


def data_files(paths: Sequence[Path]) -> list[Path]:
    """The files `load_dataset(paths)` reads, in its order (paths it cannot read are left out)."""
    return [file for _, file in _Loader()._expand([Path(p) for p in paths])]


def data_size(paths: Sequence[Path]) -> int:
    """How many bytes of data `load_dataset(paths)` would read: tells a big data set from a small one."""
    total = 0
    for file in data_files(paths):
        with contextlib.suppress(OSError):  # load_dataset reports it
            total += file.stat().st_size
    return total


# -- the schema ------------------------------------------------------------------

_ABSENT: Any = object()  # no default: the model field is simply not passed


@dataclass(frozen=True)
class _Field:
    """How one key of a table is checked and where its value goes in the model."""

    kind: str  # a key of _CONVERTERS, or "items" for a nested array of tables
    required: bool = False
    attr: str | None = None  # model attribute, when named differently from the key
    links_to: tuple[str, ...] = ()  # for "ref" and "refs": the kinds an id may name
    verb: str = ""  # for links, how a message reads: "topic 'x' fact 2 <verb> ..."
    items: _Schema | None = None
    default: Any = _ABSENT


@dataclass(frozen=True)
class _Schema:
    label: str  # as in messages: "fact", "person"
    header: str  # as written in TOML: "[[topic.fact]]"
    model: Callable[..., Any]
    fields: Mapping[str, _Field]


def _text(required: bool = False) -> _Field:
    return _Field("text", required)


def _source(required: bool = False) -> _Field:
    return _Field("ref", required, links_to=("source",), verb="cites")


def _mentions() -> _Field:
    return _Field("refs", links_to=ENTITY_KINDS, verb="mentions")


def _speaker() -> _Field:
    return _Field("ref", links_to=("person",), verb="is given by")


def _disagreement() -> _Field:
    return _Field("ref", links_to=("disagreement",), verb="is a side of")


_SOURCE = _Schema(
    "source",
    "[[source]]",
    Source,
    {
        "id": _Field("id", True),
        "title": _text(True),
        "publisher": _text(),
        "date": _Field("date"),
        "url": _Field("url"),
        "note": _text(),
    },
)


def _entity_schema(kind: str) -> _Schema:
    fields: dict[str, _Field] = {
        "id": _Field("id", True),
        "name": _text(True),
        "short_name": _text(),
        "description": _text(),
    }
    if kind == "person":
        fields["role"] = _text()
    fields["url"] = _Field("url")
    if kind == "event":
        fields["start"] = _Field("date")
        fields["end"] = _Field("date")
    fields["source"] = _source()
    return _Schema(kind, f"[[{kind}]]", Entity, fields)


# Keys allowed on one kind of entity only, for a clearer message than "unknown key".
_ONLY_ON = {"role": "person", "start": "event", "end": "event"}

_OBSERVATION = _Schema(
    "observation",
    "[[metric.observation]]",
    Observation,
    {
        "period": _text(True),
        "date": _Field("date", True),
        # Omitted when a source gives the period but no number: shown as missing.
        "value": _Field("number", default=None),
        "qualifier": _Field("qualifier"),
        # Required: which target a figure may measure depends on it.
        "span": _Field("span", True),
        # A share said in words ("a third") is not turned into a number it never gave.
        "wording": _text(),
        "note": _text(),
        "source": _source(True),
        "speaker": _speaker(),
        "disagreement": _disagreement(),
    },
)

_TARGET = _Schema(
    "target",
    "[[metric.target]]",
    Target,
    {
        "label": _text(True),
        "value": _Field("amount", True),
        "due": _Field("date"),
        "note": _text(),
        "source": _source(True),
        "speaker": _speaker(),
        "disagreement": _disagreement(),
    },
)

_METRIC = _Schema(
    "metric",
    "[[metric]]",
    Metric,
    {
        "id": _Field("id", True),
        "title": _text(True),
        "unit": _text(True),
        # How an amount reads, "{}" for the number: "${}bn".
        "amount": _text(),
        "note": _text(),
        "observation": _Field("items", attr="observations", items=_OBSERVATION),
        "target": _Field("items", attr="targets", items=_TARGET),
    },
)

_FACT = _Schema(
    "fact",
    "[[topic.fact]]",
    Fact,
    {
        "text": _text(True),
        # When what the fact tells happened (not when it was reported).
        "date": _Field("when"),
        "source": _source(True),
        "mentions": _mentions(),
        "note": _text(),
        "disagreement": _disagreement(),
    },
)

_DISAGREEMENT = _Schema(
    "disagreement",
    "[[disagreement]]",
    Disagreement,
    {"id": _Field("id", True), "about": _text(True), "note": _text()},
)

_QUOTE = _Schema(
    "quote",
    "[[topic.quote]]",
    Quote,
    {
        "text": _text(True),
        "speaker": _Field("ref", True, links_to=("person",), verb="has speaker"),
        "date": _Field("date", True),
        "source": _source(True),
        "mentions": _mentions(),
        "context": _text(),
    },
)

_TOPIC = _Schema(
    "topic",
    "[[topic]]",
    Topic,
    {
        "id": _Field("id", True),
        "parent": _Field("ref", links_to=("topic",), verb="has parent"),
        "title": _text(True),
        "short_title": _text(),
        "summary": _text(),
        "mentions": _mentions(),
        "metrics": _Field("refs", links_to=("metric",), verb="shows metric"),
        "fact": _Field("items", attr="facts", items=_FACT),
        "quote": _Field("items", attr="quotes", items=_QUOTE),
    },
)

# The top-level arrays of tables, in the order the format describes them.
_TOP: dict[str, _Schema] = {
    "source": _SOURCE,
    **{kind: _entity_schema(kind) for kind in ENTITY_KINDS},
    "metric": _METRIC,
    "disagreement": _DISAGREEMENT,
    "topic": _TOPIC,
}

# The format's one description, read by the loader and by `format_schema`
# (which turns it into the JSON Schema that editors use), so the two cannot drift.
TABLES: Mapping[str, _Schema] = _TOP
ID_PATTERN = _ID.pattern

_EXPECTED = {
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


# -- reading files -----------------------------------------------------------------


@dataclass(**_SLOTS)
class _Item:
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
class _Record:
    """A top-level element (`[[topic]]`, `[[source]]` ...) and the file it came from."""

    kind: str
    item: _Item
    file: _FileChecker

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


class _Loader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.files: list[str] = []
        # Text of the files that could not be parsed: ids defined there look unknown.
        self.unparsed: list[str] = []

    def load(self, paths: list[Path]) -> Dataset:
        records: list[_Record] = []
        unreadable = False
        for shown, path in self._expand(paths):
            text = self._read(shown, path)
            self.files.append(shown)
            if text is None:
                unreadable = True
                continue
            data = self._parse(shown, text)
            if data is None:
                unreadable = True
                self.unparsed.append(text)
                continue
            checker = _FileChecker(shown, path, text, self.problems)
            records.extend(checker.check_file(data))
            # Positions are worked out only for problems: keeping every file's
            # text (and a table of every key's offset) would cost more memory
            # and time than the parse itself on a big data set. A problem found
            # later, across files, re-reads the file to place it.
            checker.release_text()
            del data, text
        if not paths:
            self._problem(Location("<no data path>"), "no data path given", "a file or folder")
        registry = self._register(records)
        self._check_links(records, registry)
        self._check_cycles(records, registry)
        self._check_dates(records, registry)
        if not unreadable and not self.problems and not any(r.kind == "topic" for r in records):
            where = ", ".join(str(p) for p in paths)
            self._problem(Location(where), "the data set has no topics", "at least one [[topic]]")
        if self.problems:
            raise DataError(self._sorted_problems())
        return self._assemble(records)

    # -- pass 1: files -----------------------------------------------------------

    def _expand(self, paths: list[Path]) -> list[tuple[str, Path]]:
        """The files to read, each with its name as the user would write it."""
        found: list[tuple[str, Path]] = []
        seen: set[str] = set()
        for path in paths:
            for shown, file in self._files_in(path):
                # The same file given twice (a folder and a file in it) is read once.
                key = os.path.realpath(file)
                if key not in seen:
                    seen.add(key)
                    found.append((shown, file))
        return found

    def _files_in(self, path: Path) -> list[tuple[str, Path]]:
        shown = str(path)
        try:
            if path.is_dir():
                # Hidden files are editor droppings (Emacs locks `.#x.toml`), not data.
                names = sorted(
                    p.name
                    for p in path.iterdir()
                    if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file()
                )
                if not names:
                    self._problem(
                        Location(shown),
                        "folder holds no .toml file",
                        "a folder of *.toml data files, or a .toml file",
                    )
                return [(str(path / name), path / name) for name in names]
            if path.is_file():
                return [(shown, path)]
            if path.exists():
                self._problem(Location(shown), "not a regular file or folder", "a file or folder")
            else:
                self._problem(Location(shown), _missing(path), "a file or folder")
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            self._problem(Location(shown), f"cannot read: {_os_reason(error)}")
        return []

    def _read(self, shown: str, path: Path) -> str | None:
        try:
            with path.open("rb") as stream:
                # Read one byte past the limit rather than trusting stat(): the
                # file may grow, or be a device that reports size 0.
                raw = stream.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            self._problem(Location(shown), f"cannot read: {_os_reason(error)}")
            return None
        if len(raw) > MAX_FILE_BYTES:
            self._problem(
                Location(shown),
                "file is larger than 16 MiB, too big to be coop-tui data",
                "a data file under 16 MiB",
            )
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            self.unparsed.append(raw.decode("utf-8", errors="replace"))
            self._problem(
                _byte_location(shown, raw, error.start), _utf8_message(raw, error), "UTF-8 text"
            )
            return None
        # Some editors start UTF-8 files with a byte order mark; tomli rejects it.
        text = text.removeprefix("\ufeff")
        bare_cr = _BARE_CR.search(text)
        if bare_cr:
            # TOML never allows a raw CR outside CRLF, but tomli's message
            # for it varies with where it is; say plainly what it is.
            line, column = _text_position(text, bare_cr.start())
            self._problem(
                Location(shown, line, column),
                "a carriage return (CR) without a line feed",
                "LF or CRLF line ends",
            )
            return None
        return text

    def _parse(self, shown: str, text: str) -> dict[str, Any] | None:
        try:
            return toml_reader.loads(text)
        except toml_reader.TOMLDecodeError as error:
            self.problems.append(_syntax_problem(shown, text, error))
        except RecursionError:
            self._problem(Location(shown), "values nested too deeply", "a flatter structure")
        except ValueError:
            # tomli converts with int(), which refuses more than 4,300 digits
            # (sys.int_info.str_digits_check_threshold) with a bare ValueError.
            found = _LONG_DIGITS.search(text)
            where = (
                Location(shown, *_text_position(text, found.start())) if found else Location(shown)
            )
            self._problem(where, "a number with thousands of digits", "a number from -1e12 to 1e12")
        return None

    # -- pass 3: across files ----------------------------------------------------

    def _register(self, records: list[_Record]) -> dict[str, tuple[str, _Record]]:
        """Every id with its kind and the record that first defined it; duplicates are problems."""
        registry: dict[str, tuple[str, _Record]] = {}
        for record in records:
            if record.id is None:
                continue
            first = registry.get(record.id)
            if first is None:
                registry[record.id] = (record.kind, record)
                continue
            self._problem(
                record.location("id"),
                f"duplicate id '{record.id}': first defined at {first[1].location('id')}",
                "ids unique across all kinds and files",
                key_path=format_path(record.item.path + ("id",)),
            )
        return registry

    def _check_links(
        self,
        records: list[_Record],
        registry: Mapping[str, tuple[str, _Record]],
    ) -> None:
        sides: dict[str, int] = {}
        for record in records:
            schema = _TOP[record.kind]
            for path, owner, fld, target in _links(schema, record.item, record.owner):
                if fld.links_to == ("disagreement",):
                    sides[target] = sides.get(target, 0) + 1
                known = registry.get(target)
                if known is not None and known[0] in fld.links_to:
                    continue
                if known is None and self._maybe_in_unparsed(target):
                    continue
                if known is None:
                    message = f"{owner} {fld.verb} unknown id '{_show(target)}'"
                else:
                    message = (
                        f"{owner} {fld.verb} '{_show(target)}', which is {_a(known[0])}, "
                        f"not {_kinds_phrase(fld.links_to, 'or')}"
                    )
                expected = "the id of " + _kinds_phrase(fld.links_to, "or", brackets=True)
                record.file.problem(path, message, expected)
        # A disagreement needs two sides to show side by side.
        for record in records:
            if record.kind == "disagreement" and record.id is not None:
                count = sides.get(record.id, 0)
                if count < 2:
                    record.file.problem(
                        record.item.path + ("id",),
                        f"disagreement '{_show(record.id)}' has {count} side"
                        + ("" if count == 1 else "s"),
                        "two or more facts, observations or targets naming it "
                        "in their disagreement key",
                    )

    def _maybe_in_unparsed(self, target: str) -> bool:
        """Whether an unknown id may be defined in a file that has a syntax error.

        Without this one syntax error in the sources file would bury itself under
        a "cites unknown id" for every fact; the syntax error alone is the news.
        """
        return any(f'"{target}"' in text or f"'{target}'" in text for text in self.unparsed)

    def _check_cycles(
        self, records: list[_Record], registry: Mapping[str, tuple[str, _Record]]
    ) -> None:
        parents: dict[str, _Record] = {}
        for record in records:
            parent = record.item.get("parent")
            if record.kind == "topic" and record.id is not None and isinstance(parent, str):
                known = registry.get(parent)
                if known is not None and known[0] == "topic":
                    parents.setdefault(record.id, record)
        done: set[str] = set()
        for start in parents:
            chain: list[str] = []
            current: str | None = start
            while current is not None and current in parents and current not in done:
                if current in chain:
                    self._cycle_problem(chain[chain.index(current) :], parents)
                    break
                chain.append(current)
                current = parents[current].item.get("parent")
            done.update(chain)
        self._check_depth(parents)
        self._check_children(parents)

    def _check_depth(self, parents: Mapping[str, _Record]) -> None:
        """Report the first topic past `MAX_DEPTH` on each branch (its descendants follow from it).

        Textual's Tree draws its lines recursively, and every export writes a
        breadcrumb per topic: a chain of a thousand topics crashed the one and
        made the other write 120 MB.
        """
        depth: dict[str, int] = {}
        for start in parents:
            chain: list[str] = []
            on_chain: set[str] = set()
            current: str | None = start
            while current is not None and current in parents and current not in depth:
                if current in on_chain:
                    break  # a cycle, reported already
                chain.append(current)
                on_chain.add(current)
                current = parents[current].item.get("parent")
            if current is not None and current in on_chain:
                depth.update((topic_id, 0) for topic_id in chain)
                continue
            level = depth.get(current, 1) if current is not None else 0
            for topic_id in reversed(chain):
                level = level + 1 if level else 0
                depth[topic_id] = level
                if level == MAX_DEPTH + 1:
                    record = parents[topic_id]
                    record.file.problem(
                        record.item.path + ("parent",),
                        f"topic '{topic_id}' is {level} levels deep",
                        f"at most {MAX_DEPTH} levels of topics, a root being level 1",
                    )

    def _check_children(self, parents: Mapping[str, _Record]) -> None:
        limit = MAX_ITEMS["topic.children"]
        count: dict[str, int] = {}
        for record in parents.values():
            parent = record.item.get("parent")
            count[parent] = count.get(parent, 0) + 1
            if count[parent] == limit + 1:
                record.file.problem(
                    record.item.path + ("parent",),
                    f"topic '{parent}' has more than {limit:,} subtopics",
                    f"at most {limit:,} subtopics per topic",
                )

    def _check_dates(
        self, records: list[_Record], registry: Mapping[str, tuple[str, _Record]]
    ) -> None:
        """A fact or quote cannot be dated after the source that reports it."""
        for record in records:
            if record.kind != "topic":
                continue
            for key, label in (("facts", "fact"), ("quotes", "quote")):
                items = record.item.get(key)
                if not isinstance(items, (list, tuple)):
                    continue
                for index, sub in enumerate(items):
                    if isinstance(sub, _Item):
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
                            f"source '{_show(source_id)}' ({published})",
                            "a date on or before the date of the source that reports it",
                        )

    def _cycle_problem(self, cycle: list[str], parents: Mapping[str, _Record]) -> None:
        # Report where the cycle's first topic in read order names its parent.
        first = min(cycle, key=list(parents).index)
        rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
        record = parents[first]
        record.file.problem(
            record.item.path + ("parent",),
            "topic parents form a cycle: " + " → ".join(rotated + [first]),
            "a chain of parents that ends at a root topic, one without parent",
        )

    # -- the result --------------------------------------------------------------

    def _assemble(self, records: list[_Record]) -> Dataset:
        kinds = ("topic", "source", "entity", "metric", "disagreement")
        built: dict[str, dict[str, Any]] = {kind: {} for kind in kinds}
        locations = _LazyLocations()
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
            files=tuple(self.files),
            disagreements=built["disagreement"],
        )

    def _problem(
        self, location: Location, message: str, expected: str | None = None, key_path: str = ""
    ) -> None:
        self.problems.append(Problem(location, clean_text(key_path), message, expected))

    def _sorted_problems(self) -> list[Problem]:
        """Problems by file (in read order), then line; path problems first."""
        rank = {name: i for i, name in enumerate(self.files)}

        def key(problem: Problem) -> tuple[int, int, int]:
            location = problem.location
            return (rank.get(location.file, -1), location.line or 0, location.column or 0)

        return sorted(self.problems, key=key)


# -- pass 2: one file ------------------------------------------------------------------


class _FileChecker:
    """Checks the parsed tables of one file, reporting problems at their positions."""

    def __init__(self, name: str, path: Path, text: str | None, problems: list[Problem]) -> None:
        self.name = name
        self.path = path
        self.problems = problems
        self._text = text
        self._locator: Locator | None = None

    @property
    def locator(self) -> Locator:
        """The file's key positions, scanned the first time a position is asked for."""
        if self._locator is None:
            text = self._text if self._text is not None else _reread(self.path)
            self._locator = Locator(text)
        return self._locator

    def release_text(self) -> None:
        """Forget the file's text (the locator, if built, stays)."""
        self._text = None

    def location(self, path: KeyPath, *, at_key: bool = False) -> Location:
        find = self.locator.key_position if at_key else self.locator.value_position
        position = find(path)
        return Location(self.name, *position) if position else Location(self.name)

    def problem(
        self, path: KeyPath, message: str, expected: str | None = None, *, at_key: bool = False
    ) -> None:
        where = self.location(path, at_key=at_key)
        self.problems.append(Problem(where, clean_text(format_path(path)), message, expected))

    def wrong_type(self, path: KeyPath, value: object, expected: str) -> None:
        self.problem(path, f"wrong type: got {_type_name(value)}", expected)

    def check_file(self, data: Mapping[str, Any]) -> list[_Record]:
        if not data:
            self.problems.append(
                Problem(
                    Location(self.name),
                    "",
                    "the file holds no data",
                    "[[topic]], [[source]] or other tables of the data format",
                )
            )
        records: list[_Record] = []
        for key, value in data.items():
            schema = _TOP.get(key)
            if schema is None:
                self._unknown_key((key,), key, [f"[[{name}]]" for name in _TOP])
                continue
            if not isinstance(value, list):
                self.wrong_type((key,), value, f"an array of tables {schema.header}")
                continue
            for index, element in enumerate(value):
                item = self.check_item((key, index), element, schema)
                if item is not None:
                    records.append(_Record(key, item, self))
        return records

    def check_item(self, path: KeyPath, value: object, schema: _Schema) -> _Item | None:
        if not isinstance(value, dict):
            self.wrong_type(path, value, f"a table of {schema.header}")
            return None
        values: dict[str, Any] = {}
        item = _Item(path, values)
        problems_before = len(self.problems)
        for key, raw in value.items():
            fld = schema.fields.get(key)
            if fld is None:
                self._unknown_key(path + (key,), key, list(schema.fields), schema)
                continue
            converted = self._convert(path + (key,), raw, fld)
            if converted is not _BAD:
                values[fld.attr or key] = converted
        for key, fld in schema.fields.items():
            if fld.required and key not in value:
                expected = _EXPECTED.get(fld.kind) or f"an array of tables {schema.header}"
                self.problem(path + (key,), f"missing required key '{key}'", expected)
        self._check_item_rules(path, item, schema)
        if len(self.problems) == problems_before:
            # Entities share one model, told apart by the kind named in the header.
            extra = {"kind": schema.label} if schema.model is Entity else {}
            item.model = _build(schema, values, extra)
            item.values = None
        return item

    def _check_item_rules(self, path: KeyPath, item: _Item, schema: _Schema) -> None:
        """Rules that tie two keys of one table together, or look inside one."""
        amount = item.get("amount")
        if schema.label == "metric" and isinstance(amount, Localized):
            for lang, form in (("ru", amount.ru), ("en", amount.en)):
                if form is not None and form.count("{}") != 1:
                    key = ("amount", lang) if amount.ru != amount.en else ("amount",)
                    self.problem(
                        path + key,
                        f"the amount form '{_show(form)}' has {form.count('{}')} '{{}}'",
                        'one {} where the number goes, such as "${}bn"',
                    )
                    break
        start, end = item.get("start"), item.get("end")
        if schema.label == "event" and start is not None and end is not None and end < start:
            self.problem(
                path + ("end",),
                f"the event ends ({end}) before it starts ({start})",
                "an end date on or after the start date",
            )

    def _unknown_key(
        self, path: KeyPath, key: str, allowed: list[str], schema: _Schema | None = None
    ) -> None:
        shown = _show(key)
        only_on = _ONLY_ON.get(key)
        if schema is not None and schema.model is Entity and only_on is not None:
            message = f"'{shown}' is only allowed on a [[{only_on}]], not on {_a(schema.label)}"
        else:
            message = f"unknown key '{shown}'"
            import difflib  # only for a typo: it costs start-up time otherwise

            close = difflib.get_close_matches(key, allowed, n=1)
            if close:
                message += f"; did you mean '{close[0]}'?"
        self.problem(path, message, "one of: " + ", ".join(allowed), at_key=True)

    # -- values ----------------------------------------------------------------

    def _convert(self, path: KeyPath, value: object, fld: _Field) -> Any:
        if fld.kind == "items":
            assert fld.items is not None
            return self._items(path, value, fld.items)
        return _CONVERTERS[fld.kind](self, path, value)

    def _items(self, path: KeyPath, value: object, schema: _Schema) -> Any:
        if not isinstance(value, list):
            self.wrong_type(path, value, f"an array of tables {schema.header}")
            return _BAD
        self._count(path, value, schema.header.strip("[]"), schema.header)
        items = [self.check_item(path + (i,), element, schema) for i, element in enumerate(value)]
        return [item for item in items if item is not None]

    def _count(self, path: KeyPath, value: list[Any], what: str, noun: str) -> None:
        """A problem when a list holds more than `MAX_ITEMS[what]` elements."""
        limit = MAX_ITEMS.get(what)
        if limit is not None and len(value) > limit:
            owner = _OWNER_HEADERS.get(what.split(".")[0], what)
            self.problem(
                path,
                f"too many {noun}: {len(value):,}",
                f"at most {limit:,} {noun} in one {owner}",
                at_key=True,
            )

    def string(self, path: KeyPath, value: object, expected: str, limit: int = 0) -> Any:
        if not isinstance(value, str):
            self.wrong_type(path, value, expected)
            return _BAD
        if not value.strip():
            self.problem(path, "empty text", "a non-empty string (leave the key out instead)")
            return _BAD
        if limit and len(value) > limit:
            self.problem(
                path,
                f"text too long: {len(value):,} characters",
                f"at most {limit:,} characters",
            )
            return _BAD
        return clean_text(value)

    def text(self, path: KeyPath, value: object) -> Any:
        # A name or a label is one line; a summary or a fact may be a long paragraph.
        limit = MAX_SHORT_TEXT if path[-1] in SHORT_TEXT_KEYS else MAX_LONG_TEXT
        if isinstance(value, str):
            plain = self.string(path, value, _EXPECTED["text"], limit)
            return _BAD if plain is _BAD else Localized.same(plain)
        if not isinstance(value, dict):
            self.wrong_type(path, value, _EXPECTED["text"])
            return _BAD
        sides: dict[str, str] = {}
        valid = True
        for lang, wording in value.items():
            if lang not in LANGS:
                self.problem(
                    path + (lang,),
                    f"unknown language '{_show(lang)}' in text",
                    "the keys ru and en only",
                    at_key=True,
                )
                valid = False
                continue
            cleaned = self.string(path + (lang,), wording, "a string", limit)
            if cleaned is _BAD:
                valid = False
            else:
                sides[lang] = cleaned
        if not value:
            self.problem(path, "text has neither ru nor en", _EXPECTED["text"])
        return Localized(**sides) if valid and sides else _BAD

    def identifier(self, path: KeyPath, value: object) -> Any:
        if not isinstance(value, str):
            self.wrong_type(path, value, _EXPECTED["id"])
            return _BAD
        if not _ID.fullmatch(value):
            self.problem(path, f"invalid id '{_show(value)}'", _EXPECTED["id"])
            return _BAD
        if len(value) > MAX_ID:
            self.problem(path, f"id too long: {len(value):,} characters", f"at most {MAX_ID}")
            return _BAD
        return value

    def reference(self, path: KeyPath, value: object) -> Any:
        # Whether it names something, and the right kind of thing, is pass 3.
        # Interned: a big data set cites the same few thousand ids a hundred
        # thousand times, and one copy of each is enough.
        target = self.string(path, value, _EXPECTED["ref"], MAX_ID)
        return target if target is _BAD else sys.intern(target)

    def references(self, path: KeyPath, value: object) -> Any:
        if not isinstance(value, list):
            self.wrong_type(path, value, _EXPECTED["refs"])
            return _BAD
        if len(path) >= 3:
            self._count(path, value, f"{path[-3]}.{path[-1]}", "ids")
        ids: list[str] = []
        seen: set[str] = set()
        for index, element in enumerate(value):
            target = self.string(path + (index,), element, "an id, as a string", MAX_ID)
            if target is _BAD:
                continue
            target = sys.intern(target)
            if target in seen:
                self.problem(path + (index,), f"'{_show(target)}' is listed twice", "each id once")
                continue
            seen.add(target)
            ids.append(target)
        return ids

    def url(self, path: KeyPath, value: object) -> Any:
        text = self.string(path, value, _EXPECTED["url"], MAX_URL)
        if text is _BAD:
            return _BAD
        parts = urlsplit(text)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or text != value
            or any(ch.isspace() for ch in text)
        ):
            self.problem(path, f"not an http(s) address: '{_show(text)}'", _EXPECTED["url"])
            return _BAD
        return text

    def day(self, path: KeyPath, value: object) -> Any:
        # datetime is a subclass of date, so test the exact type.
        if type(value) is date:
            return value
        if isinstance(value, datetime):
            self.problem(
                path, "a date with a time of day", "a date without time, such as 2025-09-29"
            )
        elif isinstance(value, str):
            self.problem(
                path, "wrong type: got a string; write dates without quotes", _EXPECTED["date"]
            )
        else:
            self.wrong_type(path, value, _EXPECTED["date"])
        return _BAD

    def when(self, path: KeyPath, value: object) -> Any:
        """A day, or a year or month written as a string when the source gives no day."""
        if type(value) is date:
            return PartialDate(value)
        if isinstance(value, str) and len(value) in (4, 7):
            try:
                return PartialDate.parse(value)
            except ValueError:
                pass
        if isinstance(value, str):
            self.problem(path, f"not a year or month: '{_show(value)}'", _EXPECTED["when"])
            return _BAD
        if isinstance(value, datetime):
            self.problem(path, "a date with a time of day", _EXPECTED["when"])
            return _BAD
        self.wrong_type(path, value, _EXPECTED["when"])
        return _BAD

    def number(self, path: KeyPath, value: object) -> Any:
        # bool is a subclass of int, but `true` is never a figure.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.wrong_type(path, value, _EXPECTED["number"])
            return _BAD
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(path, f"not a finite number: {value}", "a finite number (not nan or inf)")
            return _BAD
        # An int stays an int: `30` is shown as 30, not 30.0. Python's ints
        # have no size limit and a float's range ends near 1e308, far past
        # any figure; both only overflow a percentage or a column.
        if abs(value) > MAX_ABS_VALUE:
            self.problem(
                path,
                f"number out of range: {_show(str(value), 40)}",
                "a number from -1e12 to 1e12",
            )
            return _BAD
        return value

    def amount(self, path: KeyPath, value: object) -> Any:
        figure = self.number(path, value)
        # A target of zero or less cannot be measured against: a bar to it
        # would divide by zero or run backwards.
        if figure is not _BAD and figure <= 0:
            what = "zero" if figure == 0 else "negative"
            self.problem(path, f"{what} target: {value}", _EXPECTED["amount"])
            return _BAD
        return figure

    def span(self, path: KeyPath, value: object) -> Any:
        text = self.string(path, value, _EXPECTED["span"])
        if text is not _BAD and text not in SPANS:
            self.problem(path, f"unknown span '{_show(text)}'", _EXPECTED["span"])
            return _BAD
        return text

    def qualifier(self, path: KeyPath, value: object) -> Any:
        text = self.string(path, value, _EXPECTED["qualifier"])
        if text is not _BAD and text not in QUALIFIERS:
            self.problem(path, f"unknown qualifier '{_show(text)}'", _EXPECTED["qualifier"])
            return _BAD
        return text


# How a message names the table that holds a counted list.
_OWNER_HEADERS = {
    "topic": "[[topic]]",
    "fact": "[[topic.fact]]",
    "quote": "[[topic.quote]]",
    "metric": "[[metric]]",
}

_BAD: Any = object()  # a value that failed its check (the problem is already reported)

_CONVERTERS: dict[str, Callable[[_FileChecker, KeyPath, object], Any]] = {
    "id": _FileChecker.identifier,
    "text": _FileChecker.text,
    "url": _FileChecker.url,
    "date": _FileChecker.day,
    "when": _FileChecker.when,
    "number": _FileChecker.number,
    "amount": _FileChecker.amount,
    "qualifier": _FileChecker.qualifier,
    "span": _FileChecker.span,
    "ref": _FileChecker.reference,
    "refs": _FileChecker.references,
}


# -- helpers ---------------------------------------------------------------------------


def _links(schema: _Schema, item: _Item, owner: str) -> Iterator[tuple[KeyPath, str, _Field, str]]:
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
                value = [_Item(item.path + (key, i), None, sub) for i, sub in enumerate(value)]
            for sub in value:
                # Numbered from 1 in prose, as a reader counts; the key path is 0-based.
                number = int(sub.path[-1]) + 1
                yield from _links(fld.items, sub, f"{owner} {fld.items.label} {number}")


def _reread(path: Path) -> str:
    """A file's text again, to place a problem found after its text was released.

    The file was read and parsed moments ago; should it have changed or gone
    since, positions are best effort (as they always are) and may be missing.
    """
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return text.removeprefix("\ufeff")


class _LazyLocations(Mapping[str, Location]):
    """Where each id was defined, worked out on first access, one file at a time.

    Scanning every file for positions costs as much as parsing it, and the
    positions are needed only for messages (a reload problem, a check report).
    A lookup re-reads the file, as it is now, to place the id.
    """

    def __init__(self) -> None:
        self._where: dict[str, tuple[_FileChecker, KeyPath]] = {}

    def add(self, item_id: str, file: _FileChecker, path: KeyPath) -> None:
        self._where[item_id] = (file, path)

    def __getitem__(self, item_id: str) -> Location:
        file, path = self._where[item_id]
        return file.location(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def _build(schema: _Schema, values: Mapping[str, Any], extra: Mapping[str, Any]) -> Any:
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
        elif fld.default is not _ABSENT:
            kwargs[attr] = fld.default
    return schema.model(**kwargs)


def _syntax_problem(shown: str, text: str, error: toml_reader.TOMLDecodeError) -> Problem:
    """A TOML syntax error as a Problem, with tomli's position."""
    # Python 3.14 gives the parts as attributes; older versions only the message.
    message = getattr(error, "msg", None) or str(error)
    line: int | None = getattr(error, "lineno", None)
    column: int | None = getattr(error, "colno", None)
    found = _TOML_POSITION.search(message)
    if found:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif _TOML_AT_END.search(message):
        message = _TOML_AT_END.sub("", message)
        line, column = _text_position(text, len(text))
    message = message[:1].lower() + message[1:]
    message, expected = explain(message, text, line, column)
    return Problem(
        Location(shown, line, column), "", f"TOML syntax error: {_show(message)}", expected
    )


def _text_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based, lines ending at LF) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _byte_location(shown: str, raw: bytes, offset: int) -> Location:
    """Line and column (in characters) of a byte offset in undecodable data."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(shown, raw.count(b"\n", 0, offset) + 1, column)


def _utf8_message(raw: bytes, error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8: byte 0x{raw[error.start]:02x} at byte offset {error.start}"


def _missing(path: Path) -> str:
    """Why a path that does not exist does not: a link that loops or points nowhere says so."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link that loops back on itself"
        if os.path.islink(path):
            try:
                return f"a symbolic link to {_show(os.readlink(path))}, which does not exist"
            except OSError:
                return "a symbolic link to nothing that exists"
    except ValueError:  # a NUL in the path
        pass
    return "no such file or folder"


def _os_reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower() if error.strerror[:1].isupper() else error.strerror
    return _show(str(error))


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    for kind, name in (
        (str, "a string"),
        (int, "an integer"),
        (float, "a float"),
        (dict, "a table"),
        (list, "an array"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def _kinds_phrase(kinds: Iterable[str], joiner: str, *, brackets: bool = False) -> str:
    """("organisation", "person", "place") -> "an organisation, person or place"."""
    names = [f"[[{kind}]]" if brackets else kind for kind in kinds]
    head = ", ".join(names[:-1])
    listed = f"{head} {joiner} {names[-1]}" if head else names[-1]
    return ("an " if names[0].lstrip("[")[:1] in "aeiou" else "a ") + listed


def _show(text: str, limit: int = 80) -> str:
    """Data quoted in a message: cleaned, on one line, and not too long."""
    shown = clean_text(text).replace("\n", "\u240a")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
