"""Start and end the App cleanly: signals, unexpected errors, exit codes.

A dropped SSH connection sends SIGHUP; `kill` and service managers send
SIGTERM. Python's default for both is to die on the spot, leaving the
terminal in raw mode with the alternate screen on. Here both ask the App to
exit, so Textual restores the terminal on the way out.

An unexpected error writes its traceback to a log file and the reader gets one
line naming it, instead of a screenful of traceback (with local variables)
over their shell.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .state import state_dir

if TYPE_CHECKING:
    from textual.app import App

EXIT_CRASH = 70
"""An internal error (BSD's EX_SOFTWARE): never 0, and not the 1 of bad data."""

GRACE_SECONDS = 3.0
"""How long an exit asked for by a signal may take before the process is ended
anyway: with the terminal gone, restoring it can block on a dead tty."""

_EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path:
    """Write the traceback to `crash-<time>.log` in the state folder (or a temp file)."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for where in (folder or state_dir(), Path(tempfile.gettempdir())):
        try:
            where.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"crash-{stamp}-", suffix=".log", dir=where)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return Path(name)
        except OSError:
            continue
    raise OSError("no folder to write the crash log to")


def crash_line(error: BaseException, log: Path | None) -> str:
    kind = type(error).__name__
    if log is None:
        return f"coop-tui: unexpected error ({kind}); the log could not be written"
    return f"coop-tui: unexpected error ({kind}); details are in {log}"


def crash_line_for(error: BaseException) -> str:
    try:
        log: Path | None = write_crash_log(error)
    except OSError:
        log = None
    return crash_line(error, log)


class CrashReport:
    """Mixed into the App: an unhandled exception leaves one line and a log file.

    Textual would print a Rich traceback with local variables after restoring the
    terminal; that is noise to a reader and can hold data. Textual sets the
    return code to 1; run_app turns it into EXIT_CRASH, as for an error outside
    the App's loop.
    """

    crash_line: str | None = None
    """What to tell the reader after the terminal is restored; run_app prints it."""

    def _handle_exception(self, error: Exception) -> None:
        if self.crash_line is None:
            self.crash_line = crash_line_for(error)
        super()._handle_exception(error)  # type: ignore[misc]
        # Textual has queued its traceback for printing after exit; the log has
        # it, and the reader gets one unwrapped line from run_app instead.
        self._exit_renderables.clear()  # type: ignore[attr-defined]


def run_app(app: App[Any]) -> int:
    """Run the App in this terminal; return the process's exit code."""

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for signum in _EXIT_SIGNALS:
            # add_signal_handler wakes the event loop at once (a plain
            # signal.signal handler would wait for its next tick).
            loop.add_signal_handler(signum, on_signal, signum)
        try:
            await app.run_async()
        finally:
            for signum in _EXIT_SIGNALS:
                loop.remove_signal_handler(signum)

    def on_signal(signum: int) -> None:
        code = 128 + signum
        if app.return_code is None:
            app.exit(None, code)
            _deadline(GRACE_SECONDS, code)

    try:
        asyncio.run(main())
    except Exception as error:  # noqa: BLE001 - anything raised by Textual outside its loop
        print(crash_line_for(error), file=sys.stderr)
        return EXIT_CRASH
    line = getattr(app, "crash_line", None)
    if line is not None:
        print(line, file=sys.stderr)
        return EXIT_CRASH
    return app.return_code or 0


def _deadline(seconds: float, code: int) -> None:
    """End the process if the orderly exit has not finished in `seconds`."""

    def expire() -> None:
        time.sleep(seconds)
        os._exit(code)

    threading.Thread(target=expire, name="coop-tui-exit-deadline", daemon=True).start()
