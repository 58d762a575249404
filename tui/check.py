"""`coop-tui check`: validate data files and folders, print every problem.

Problems go to standard output, one per line, as the loader words them
(`file:line:column: key.path: what is wrong (what was expected)`), so an
editor or `grep` can jump to them; the count goes to standard error. The
loader reads every file before it stops, so problems in several files are
all reported in one run.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .dataload import data_paths
from .loader import DataError, load_dataset
from .stdout import write_stdout

EXIT_OK = 0
EXIT_BAD_DATA = 1


def run_check(paths: Sequence[Path]) -> int:
    checked = data_paths(paths)
    try:
        dataset = load_dataset(checked)
    except DataError as error:
        lines = [str(problem) for problem in error.problems]
        files = {problem.location.file for problem in error.problems}
        _out("\n".join(lines) + "\n")
        noun = "problem" if len(lines) == 1 else "problems"
        where = "file" if len(files) == 1 else "files"
        print(f"coop-tui check: {len(lines)} {noun} in {len(files)} {where}", file=sys.stderr)
        return EXIT_BAD_DATA
    count = len(dataset.files)
    _out(
        f"ok: {count} file{'s' if count != 1 else ''}, {len(dataset.topics)} topics, "
        f"{dataset.fact_count} facts, {len(dataset.sources)} sources\n"
    )
    return EXIT_OK


def _out(text: str) -> None:
    write_stdout(text)
