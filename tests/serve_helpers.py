"""Run `coop-tui serve` as a person does, and find the processes it starts."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
URL_LINE = re.compile(r"coop-tui serve: (http://\S+/) ")


def live_processes_marked(marker: str) -> list[int]:
    """Live processes (zombies excluded) whose environment holds `marker`.

    Every session inherits the server's environment, so this finds them all,
    whoever their parent is by now.
    """
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if state != "Z" and marker.encode() in environ:
            found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    """Live child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def wait_until(
    condition: Callable[[], T | None], timeout: float = 60, what: str = "the condition"
) -> T:
    """Poll `condition` until it returns something true; fail after `timeout` (a hang, not a speed limit)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


class Server:
    """`python -m tui serve --port 0 ...` (or `argv`) in the background; `url` once it listens."""

    def __init__(
        self, *args: str, env: dict[str, str] | None = None, argv: list[str] | None = None
    ) -> None:
        self.marker = f"COOP_TUI_TEST_SERVE={uuid.uuid4().hex}"
        key, value = self.marker.split("=")
        environment = {**os.environ, **(env or {}), key: value}
        self.process = subprocess.Popen(
            argv or [sys.executable, "-m", "tui", "serve", "--port", "0", *args],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        match = URL_LINE.search(line)
        if match is None:
            self.process.kill()
            _, err = self.process.communicate()
            raise AssertionError(f"coop-tui serve did not start: {line!r} {err!r}")
        self.url = match.group(1)
        self.first_line = line

    @property
    def pid(self) -> int:
        return self.process.pid

    def sessions(self) -> list[int]:
        return children_of(self.pid)

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, float, str, str]:
        """Send `signum`; return the exit code, the seconds until exit, stdout and stderr."""
        start = time.monotonic()
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, time.monotonic() - start, out, err

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        for pid in live_processes_marked(self.marker.split("=")[1]):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
