"""One browser tab's coop-tui: the process `coop-tui serve` starts for each tab.

textual-serve runs it with Textual's web driver (TEXTUAL_DRIVER), talking over
its standard input and output; otherwise it is the same App as in a terminal,
with the same data, bookmarks, state file and live reload.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path


def _leave_terminal_and_follow_parent() -> None:
    """Ctrl+C in the server's terminal is the server's to handle, and no
    session outlives the server, even one killed with SIGKILL."""
    try:
        os.setsid()  # out of the terminal's process group: no stray SIGINT
    except OSError:
        pass
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if os.getppid() == 1:  # the server died before the line above
        sys.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    _leave_terminal_and_follow_parent()
    parser = argparse.ArgumentParser(prog="coop-tui-session")
    parser.add_argument("--lang", choices=("ru", "en"), required=True)
    parser.add_argument("--data", type=Path, action="append")
    args = parser.parse_args(argv)
    # xterm.js draws 24-bit colour; the server's own terminal may not.
    os.environ["TERM"] = "xterm-256color"
    os.environ["COLORTERM"] = "truecolor"
    from ..cli import run_tui

    return run_tui(args.data, args.lang)


if __name__ == "__main__":
    sys.exit(main())
