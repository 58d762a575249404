"""Run a command in a pseudo-terminal, as a terminal would: keys in, bytes out.

The tests that check what reaches a real terminal (hostile text, exits, SSH)
drive coop-tui through this: a child on the slave side of a pty with its own
session (so the pty is its controlling terminal, as under a terminal emulator
or sshd), every byte it writes kept, and its screen read through pyte.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyte

KEYS: dict[str, bytes] = {
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "shift+tab": b"\x1b[Z",
    "question_mark": b"?",
    "ctrl+p": b"\x10",
    "pagedown": b"\x1b[6~",
    "ctrl+q": b"\x11",
}

VENV_BIN = Path(sys.executable).parent

# How long the child must write nothing for its screen to count as drawn. Textual
# writes a frame within milliseconds of a key; this leaves room for a busy machine.
QUIET = 0.25


def coop_tui() -> str:
    """The coop-tui installed in the venv running the tests."""
    path = VENV_BIN / "coop-tui"
    assert path.exists(), f"{path} not found: install the project (pip install -e '.[test]')"
    return str(path)


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtySession:
    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int] = (100, 30),
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.columns, self.lines = size
        self.master, slave = os.openpty()
        self._set_size(slave)
        environment = dict(os.environ if env is None else env)
        environment.setdefault("TERM", "xterm-256color")
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            # A session of its own with the pty as its controlling terminal, as
            # a terminal emulator or sshd sets up: closing the master then hangs
            # the child up (SIGHUP), as closing a window does.
            start_new_session=True,
            preexec_fn=_take_controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.master_open = True

    def _set_size(self, fd: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))

    def read(self, seconds: float) -> None:
        """Take in what the child writes for `seconds` (less if the pty closes)."""
        end = time.monotonic() + seconds
        while self.master_open:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every slave fd is closed
                return
            if not chunk:
                return
            self.output += chunk
            self.stream.feed(chunk)

    def wait_for(self, text: str, timeout: float = 60.0) -> bool:
        """Read until `text` is on the screen (the timeout is for a hang, not a speed limit)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.text():
                return True
            if self.proc.poll() is not None:
                self.read(0.2)
                return text in self.text()
            self.read(0.1)
        return text in self.text()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def settle(self, quiet: float = QUIET, timeout: float = 20.0) -> None:
        """Read until the child has written nothing for `quiet` seconds: its screen is drawn.

        Waits as long as the child keeps drawing, so a loaded machine gets more time
        and an idle one less than a fixed pause would give.
        """
        end = time.monotonic() + timeout
        while self.master_open and time.monotonic() < end:
            before = len(self.output)
            ran = self.main_thread_runs()
            self.read(quiet)
            if len(self.output) == before and not self.busy() and self.main_thread_runs() == ran:
                return

    def busy(self) -> bool:
        """Whether a thread of the child is running or waiting for a CPU (Linux; False elsewhere).

        Quiet alone is not drawn: on a loaded machine a child can go a quarter of a
        second without a CPU halfway through its work, and a frame it owes (the
        first page, a late repaint as it starts) would then land in the next key's
        bytes. An idle Textual App sleeps in its event loop, every thread asleep
        (`settle` also asks that its main thread did not run at all meanwhile: it
        may have just gone to sleep until the timer of a frame it owes).
        """
        task_dir = f"/proc/{self.proc.pid}/task"
        try:
            tasks = os.listdir(task_dir)
        except OSError:
            return False
        for task in tasks:
            try:
                with open(f"{task_dir}/{task}/stat", "rb") as stat:
                    fields = stat.read()
            except OSError:
                continue  # the thread ended meanwhile
            # "pid (name) S ...": the name may hold spaces and parentheses.
            state = fields[fields.rfind(b")") + 2 : fields.rfind(b")") + 3]
            if state in (b"R", b"D"):
                return True
        return False

    def main_thread_runs(self) -> int:
        """How many times the child's main thread has been on a CPU (Linux; 0 elsewhere).

        An idle Textual App's main thread sleeps until an input or a timer: the
        count stays still then. (Its input thread and coop-tui's file watcher
        wake a few times a second, so they are not counted.)
        """
        try:
            pid = self.proc.pid
            with open(f"/proc/{pid}/task/{pid}/schedstat", "rb") as stat:
                return int(stat.read().split()[2])
        except (OSError, IndexError, ValueError):
            return 0

    def press(self, *keys: str, settle: float | None = None) -> None:
        """Type each key and wait until the screen is drawn (`settle`: read that long instead)."""
        for key in keys:
            # A name not in KEYS would go out letter by letter ("right" as r, i,
            # g, h, t: keys of their own); only a single character stands for itself.
            if key not in KEYS and len(key) != 1:
                raise ValueError(f"no bytes known for the key {key!r}: add it to KEYS")
            os.write(self.master, KEYS.get(key, key.encode()))
            if settle is None:
                self.settle()
            else:
                self.read(settle)

    def resize(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self._set_size(self.master)
        self.screen.resize(lines, columns)
        os.killpg(self.proc.pid, signal.SIGWINCH)

    def wait_exit(self, timeout: float = 10.0) -> int | None:
        """Read until the child exits; its return code, or None if it is still running."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                self.read(0.2)
                return self.proc.returncode
            self.read(0.1)
        return self.proc.poll()

    def close_master(self) -> None:
        """Hang up, as a terminal window closing does (the kernel sends SIGHUP)."""
        if self.master_open:
            os.close(self.master)
            self.master_open = False

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.close_master()

    def restored(self) -> bool:
        """Whether the last mode changes put the terminal back: alt screen left, cursor shown."""
        out = bytes(self.output)
        left_alt = out.rfind(b"\x1b[?1049l") > out.rfind(b"\x1b[?1049h")
        cursor = out.rfind(b"\x1b[?25h") > out.rfind(b"\x1b[?25l")
        return left_alt and cursor
