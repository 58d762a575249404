"""Count spacing combining marks one cell wide, as terminals draw them.

Rich's width tables (from the wcwidth project) count a spacing combining mark
(Unicode category Mc: the Devanagari vowel signs in "हिन्दी", "क्षि", and
those of most Indic and South-East Asian scripts) as zero cells. Terminals
that draw by code point — tmux 3.3, xterm, VTE, the Linux console, glibc's
`wcwidth` — give each one a cell of its own: a tree row holding "हिन्दी" was
two cells wider on the terminal than Textual had laid it out, and pushed the
pane's border out of its column (measured in tmux 3.3a).

Rich offers no public setting for this; `apply()` edits the one table Rich
measures with, in this one place, before anything is drawn, and clears Rich's
caches of widths. `tests/test_cellwidth.py` checks that it takes effect, so a
new Rich that stores its tables otherwise fails a test rather than silently
drawing misaligned rows. Only the TUI applies it; the report and exports
measure as before (text piped to a file has no cells).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["apply"]

_applied = False


@lru_cache(maxsize=1)
def _spacing_marks() -> tuple[int, ...]:
    return tuple(code for code in range(0x300, 0x20000) if unicodedata.category(chr(code)) == "Mc")


def apply() -> bool:
    """Make Rich count every spacing mark one cell; True when the table was found and edited."""
    global _applied
    if _applied:
        return True
    from rich import cells

    from .textual_private import rich_width_table  # private: see the module docstring

    table = rich_width_table()
    widths = table.widths
    if not isinstance(widths, list):
        return False
    marks = set(_spacing_marks())
    if not marks:
        return False
    edited: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0 or not any(start <= code <= end for code in marks if start <= code):
            edited.append((start, end, width))
            continue
        # Split the zero-width range around its spacing marks (which fall back to 1).
        run_start: int | None = None
        for code in range(start, end + 1):
            if code in marks:
                if run_start is not None:
                    edited.append((run_start, code - 1, 0))
                    run_start = None
            elif run_start is None:
                run_start = code
        if run_start is not None:
            edited.append((run_start, end, 0))
    widths[:] = edited
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
    _applied = cells.cell_len("\u093f") == 1
    return _applied
