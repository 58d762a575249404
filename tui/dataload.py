"""Which data a command reads, and the usage error for a path that is not there.

Shared by the TUI, `check` and `export`, so that all three treat the same
paths the same way. A path that does not exist is a usage error (exit 2):
the command line named something that is not there. Everything wrong with
what is there is a data problem (exit 1), reported by the loader.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .paths import bundled_data_path
from .sanitize import clean_text

__all__ = ["data_paths", "report_missing"]


def data_paths(data: Sequence[Path] | None) -> list[Path]:
    """The paths given, or the bundled data when none were."""
    return list(data) if data else [bundled_data_path()]


def report_missing(paths: Sequence[Path], stream: TextIO | None = None) -> bool:
    """Print a line for each path that does not exist; True when there was one."""
    out = stream or sys.stderr
    missing = False
    for path in paths:
        try:
            # lexists: a dangling symlink exists (the loader reports it as unreadable).
            there = os.path.lexists(path)
        except ValueError:  # a NUL in the path
            there = False
        if not there:
            missing = True
            shown = clean_text(str(path))
            print(
                f"coop-tui: {shown}: no such file or folder (expected a data file or folder)",
                file=out,
            )
    return missing
