"""Which data a command reads: the paths given, or the bundled data.

Shared by the TUI, `check` and `export`, so that all three read the same
thing. Everything wrong with a path (missing, unreadable, a folder without
TOML) is a data problem the loader reports with the others (exit 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .paths import bundled_data_path

__all__ = ["data_paths"]


def data_paths(data: Sequence[Path] | None) -> list[Path]:
    """The paths given, or the bundled data when none were."""
    return list(data) if data else [bundled_data_path()]
