"""Writing to standard output when the reader may leave early (`coop-tui | head`).

Imports nothing heavy: `--version` and `schema` use it too.
"""

from __future__ import annotations

import os
import sys

__all__ = ["reader_went_away", "write_stdout"]

EXIT_OK = 0


def write_stdout(text: str) -> int:
    """Write to standard output; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        return reader_went_away()
    return EXIT_OK


def reader_went_away() -> int:
    # Python would print a BrokenPipeError when it flushes stdout at exit;
    # point stdout at /dev/null so that nothing more is written.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK
