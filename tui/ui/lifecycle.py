"""Start and end the App cleanly: signals, unexpected errors, exit codes.

A dropped SSH connection sends SIGHUP; `kill` and service managers send
SIGTERM; `kill -INT` sends SIGINT (Ctrl+C itself is a key in the App's raw
terminal mode). Python's default for the first two is to die on the spot,
leaving the terminal in raw mode with the alternate screen on. Here all three
end coop-tui within about a second however busy its UI thread is, with the
terminal restored and the shell's conventional code, 128 + the signal's number
(SIGHUP 129, SIGINT 130, SIGTERM 143):

- the signal handler only writes the signal's number to a pipe (nothing that
  could wait for a lock the interrupted code holds);
- a watchdog thread, started before the App, reads it and asks the App's event
  loop to exit, the orderly way that lets Textual restore the terminal;
- if the App has not ended `GRACE_SECONDS` later (its UI thread is busy
  building a huge page, or the terminal is gone and writes block), the
  watchdog restores the terminal itself (`RESTORE`, written straight to the
  tty, and the terminal modes saved at start) and ends the process with
  `os._exit`.

Ctrl+Z (or SIGTSTP from the shell) suspends through Textual's driver, which
leaves the alternate screen; after `fg` the whole screen is painted again at
once (`repaint_after_resume`), not row by row as keys arrive.

Textual's driver does that suspending and resuming in Python signal handlers,
which Python runs in the main thread between two bytecodes of whatever it was
doing; two races followed (`handle_suspend_in_the_loop` removes both):

- the kernel may deliver the signal to any thread (Textual's input and writer
  threads, the watchdog, workers), and the main thread, idle in the event
  loop's `epoll_wait`, ran the handler only once something else woke it:
  after `fg` the screen stayed blank until a key was pressed (about one
  resume in three on Python 3.9);
- a SIGTSTP arriving while the main thread was queueing a frame for the
  writer thread ran a handler that queued more, waiting forever for the lock
  the interrupted code held: the process neither stopped nor went on.

`asyncio`'s own signal handling (`loop.add_signal_handler`) runs the driver's
handlers as event-loop callbacks instead, and wakes the loop through a wakeup
file descriptor whichever thread the signal reached.

Frames go to the terminal from Textual's writer thread, which needs the GIL
to write them: with Python's default switch interval of 5 ms it waited for the
main thread to hand it over after every frame, and the first one reached the
terminal some 4 ms after it was ready (the main thread goes on laying out and
handling the first Resize meanwhile). `run_app` makes the interval
`SWITCH_INTERVAL` while the App runs.

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

from ..state import state_dir
from .textual_private import UnhandledErrorHook

if TYPE_CHECKING:
    from textual.app import App

EXIT_CRASH = 70
"""An internal error (BSD's EX_SOFTWARE): never 0, and not the 1 of bad data."""

GRACE_SECONDS = 1.0
"""How long an exit asked for by a signal may take the orderly way before the
watchdog restores the terminal and ends the process itself."""

SWITCH_INTERVAL = 0.001
"""How long a thread holds the GIL while another waits for it, while the App runs
(Python's default is 0.005): a frame waits at most this long for the writer thread."""

_EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

RESTORE = (
    "\x18"  # CAN: ends an escape sequence that a frame cut off half way
    "\x1b[?2026l"  # synchronized output off
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse reporting off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1004l"  # focus reporting off
    "\x1b[?2048l"  # in-band resize reports off
    "\x1b[<u"  # the kitty keyboard protocol's mode popped (before leaving the screen)
    "\x1b[?7h"  # line wrap on
    "\x1b[0m"  # colours and attributes reset
    "\x1b[?1049l"  # the alternate screen left
    "\x1b[?25h"  # the cursor shown
)
"""What the watchdog writes to the terminal: every mode Textual's driver turns on, off again."""


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


class CrashReport(UnhandledErrorHook):
    """Mixed into the App: an unhandled exception leaves one line and a log file.

    Textual would print a Rich traceback with local variables after restoring the
    terminal; that is noise to a reader and can hold data, so it is not printed
    (`quiet_traceback`). Textual sets the return code to 1; run_app turns it
    into EXIT_CRASH, as for an error outside the App's loop.
    """

    quiet_traceback = True

    crash_line: str | None = None
    """What to tell the reader after the terminal is restored; run_app prints it."""

    def on_unhandled_error(self, error: Exception) -> None:
        if self.crash_line is None:
            self.crash_line = crash_line_for(error)


def run_app(app: App[Any]) -> int:
    """Run the App in this terminal; return the process's exit code."""
    watchdog = _Watchdog(app)
    previous = {signum: signal.getsignal(signum) for signum in _EXIT_SIGNALS}
    for signum in _EXIT_SIGNALS:
        # Installed before asyncio.run, which then leaves SIGINT to us.
        signal.signal(signum, watchdog.on_signal)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        asyncio.run(_run(app, watchdog))
    except Exception as error:  # noqa: BLE001 - anything raised by Textual outside its loop
        print(crash_line_for(error), file=sys.stderr)
        return EXIT_CRASH
    finally:
        sys.setswitchinterval(interval)
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
    line = getattr(app, "crash_line", None)
    if line is not None:
        print(line, file=sys.stderr)
        return EXIT_CRASH
    return app.return_code or 0


async def _run(app: App[Any], watchdog: _Watchdog) -> None:
    watchdog.start(asyncio.get_running_loop())
    await app.run_async()


class _Watchdog:
    """Ends the process on SIGTERM, SIGHUP and SIGINT, even while the event loop is busy."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._read, self._write = os.pipe()
        self._tty_modes = _terminal_modes()

    def on_signal(self, signum: int, _frame: object) -> None:
        # Runs in the main thread between two bytecodes of whatever it was doing.
        try:
            os.write(self._write, bytes([signum]))
        except OSError:
            pass

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        threading.Thread(
            target=self._watch, args=(loop,), name="coop-tui-signals", daemon=True
        ).start()

    def _watch(self, loop: asyncio.AbstractEventLoop) -> None:
        signum = os.read(self._read, 1)[0]
        code = 128 + signum
        try:
            loop.call_soon_threadsafe(self._exit, code)
        except RuntimeError:  # the loop has closed: the App is ending anyway
            pass
        time.sleep(GRACE_SECONDS)
        self._end_now(code)

    def _exit(self, code: int) -> None:
        if self.app.return_code is None:
            self.app.exit(None, code)

    def _end_now(self, code: int) -> None:
        # If even these writes hang (a terminal that takes no output), the
        # kernel's default for SIGALRM ends the process a moment later.
        if hasattr(signal, "setitimer") and signal.getsignal(signal.SIGALRM) in (
            signal.SIG_DFL,
            None,
        ):
            signal.setitimer(signal.ITIMER_REAL, 1.0)
        restore_terminal(self._tty_modes)
        os._exit(code)


def _terminal_modes() -> tuple[int, list[Any]] | None:
    """The terminal's modes before Textual changes them (raw input, no echo)."""
    try:
        import termios

        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else 0
        return fd, termios.tcgetattr(fd)
    except Exception:  # noqa: BLE001 - no termios, no terminal, a closed stdin
        return None


def restore_terminal(modes: tuple[int, list[Any]] | None) -> None:
    """Put the terminal back as it was, without Textual (whose loop may be busy)."""
    data = RESTORE.encode("ascii")
    written = False
    try:
        # A descriptor of our own, non-blocking: a stalled terminal must not hold the exit.
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        fd = -1
    if fd >= 0:
        try:
            os.write(fd, data)
            written = True
        except OSError:
            pass
        finally:
            os.close(fd)
    if not written and sys.__stderr__ is not None:
        try:
            os.write(sys.__stderr__.fileno(), data)  # where Textual writes
        except (OSError, ValueError):
            pass
    if modes is not None:
        try:
            import termios

            termios.tcsetattr(modes[0], termios.TCSANOW, modes[1])
        except Exception:  # noqa: BLE001 - termios.error, or the terminal is gone
            pass


def repaint_after_resume(app: App[Any]) -> None:
    """After Ctrl+Z and `fg`, paint the whole screen at once.

    Textual's driver re-enters the alternate screen on SIGCONT, which the
    terminal shows blank, while Textual still believes every cell is on
    screen: without this, rows came back one by one as keys moved over them.
    Called once the App runs (its driver has set its signal handlers), it
    also moves those handlers into the event loop (`handle_suspend_in_the_loop`).
    """

    def repaint(_app: object) -> None:
        app.screen.refresh(layout=True)

    app.app_resume_signal.subscribe(app, repaint)
    handle_suspend_in_the_loop()


SUSPEND_SIGNALS = ("SIGTSTP", "SIGCONT")


def handle_suspend_in_the_loop() -> list[int]:
    """Run the current SIGTSTP and SIGCONT handlers as event-loop callbacks; return those moved.

    Call from the event loop's thread (the main thread) once the terminal
    driver has installed its handlers. A signal left to the default action
    (as when the App runs headless) is left alone.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return []
    moved: list[int] = []
    for name in SUSPEND_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is None:
            continue  # no job control here (Windows)
        handler = signal.getsignal(signum)
        if not callable(handler):
            continue  # SIG_DFL, SIG_IGN, or a handler not set from Python
        try:
            loop.add_signal_handler(signum, handler, signum, None)
        except (NotImplementedError, RuntimeError, ValueError):
            continue  # a loop without signal support, or not the main thread
        moved.append(signum)
    return moved
