"""`load_dataset`: the order of the passes, and the one place that decides whether data loads.

For each file in turn: read and parse it (`read`), then check its tables on
their own (`tables`), building each good table's model at once and letting
go of the file's text. Then, across all files: ids and links (`links`), the
topic tree (`tree`), dates against sources. Only when no pass found a
problem is the `Dataset` assembled (`build`); otherwise a `DataError` lists
every problem, sorted by file (in read order), line and column. Any other
exception is a bug in the loader, and still ends in a `DataError` with one
clean message rather than a traceback over the TUI.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.model import Dataset, Location
from tui.textstore import TextStore

from .build import assemble
from .datafile import DataFile
from .links import check_dates, check_links, register
from .pieces import check_in_pieces
from .problems import DataError, Problem, show
from .read import expand, parse, read_text
from .records import Record
from .tables import check_file
from .tree import check_tree

__all__ = ["COMPACT_BYTES", "load_dataset"]

# Data files bigger than this in all keep their longer texts compressed (see
# `_text_store`): the size from which data is loaded in the background.
COMPACT_BYTES = 512 * 1024


def load_dataset(paths: Sequence[Path]) -> Dataset:
    """Load and validate the data in `paths` (files, or folders of `*.toml`) as one data set.

    Raises `DataError` listing every problem found; no other exception escapes.
    """
    try:
        return _load([Path(p) for p in paths])
    except DataError:
        raise
    except Exception as error:  # last resort, see below
        # A bug in the loader must still end in a clean message, not a
        # traceback over the TUI; the cause stays chained for the log.
        where = str(paths[0]) if paths else "<no data path>"
        problem = Problem(
            Location(where),
            "",
            f"internal error while loading the data: {type(error).__name__}: " + show(str(error)),
        )
        raise DataError([problem]) from error


def _load(paths: list[Path]) -> Dataset:
    problems: list[Problem] = []
    files: list[str] = []
    # Text of the files that could not be parsed: ids defined there look unknown.
    unparsed: list[str] = []
    records: list[Record] = []
    unreadable = False
    files_read = expand(paths, problems)
    texts = _text_store(files_read)
    labels = None if texts is None else TextStore(compress=False)
    shared: dict[Any, Any] = {}  # see DataFile.share
    for shown, path in files_read:
        text = read_text(shown, path, problems, unparsed)
        files.append(shown)
        if text is None:
            unreadable = True
            continue
        if texts is not None:
            file = DataFile(shown, path, text, problems, texts, shared, labels)
            pieces = check_in_pieces(file, text)
            if pieces is not None:
                records.extend(pieces)
                file.release_text()
                del pieces, text
                continue
        data = parse(shown, text, problems)
        if data is None:
            unreadable = True
            unparsed.append(text)
            continue
        if texts is not None:
            # Big data: the file's text (2 bytes a letter, once a letter is
            # Cyrillic) is let go before its tables are checked and built,
            # while the parsed tables are alive, which is the load's peak; a
            # problem found in the file re-reads it to place it, as later ones do.
            del text
            text = None
        file = DataFile(shown, path, text, problems, texts, shared, labels)
        records.extend(check_file(file, data))
        # Positions are worked out only for problems (see DataFile): a problem
        # found later, across files, re-reads the file to place it.
        file.release_text()
        del data, text
    # Every file is read: the objects shared stay shared, the table of them goes
    # (each DataFile refers to it, and `locations` keeps the DataFiles).
    shared.clear()
    if not paths:
        problems.append(
            Problem(Location("<no data path>"), "", "no data path given", "a file or folder")
        )
    registry = register(records, problems)
    check_links(records, registry, unparsed)
    check_tree(records, registry)
    check_dates(records, registry)
    if not unreadable and not problems and not any(r.kind == "topic" for r in records):
        where = ", ".join(str(p) for p in paths)
        problems.append(
            Problem(Location(where), "", "the data set has no topics", "at least one [[topic]]")
        )
    if problems:
        raise DataError(_sorted(problems, files))
    if texts is not None and labels is not None:
        texts.seal()
        labels.seal()
    return assemble(records, files)


def _text_store(files: list[tuple[str, Path]]) -> TextStore | None:
    """Where a big data set keeps its texts compressed; None for data small enough to keep as strings.

    Strings cost 49 bytes each besides their letters: at 100,000 facts, 45 of a
    data set's 69 MB. Small data (the bundled data) keeps them: compressing
    would only slow its load, and it saves a few hundred kilobytes.
    """
    total = 0
    for _shown, path in files:
        try:
            total += path.stat().st_size
        except OSError:
            pass  # read_text reports it
    return TextStore() if total > COMPACT_BYTES else None


def _sorted(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems by file (in read order), then line; path problems first."""
    rank = {name: i for i, name in enumerate(files)}

    def key(problem: Problem) -> tuple[int, int, int]:
        location = problem.location
        return (rank.get(location.file, -1), location.line or 0, location.column or 0)

    return sorted(problems, key=key)
