"""Signals end coop-tui however busy it is, and Ctrl+Z / `fg` gives the whole screen back.

Run against the real command line in a pseudo-terminal (tests/pty_session.py).
A busy UI thread is made by replacing the main screen's `show_page` (which
runs on the UI thread on every move in the tree; the page itself is built in
a thread of its own) with one that never returns once the test says so: the
event loop is then stuck for good, so an exit that waits for it never comes.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from pty_session import PtySession, coop_tui

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

# The test's own timeouts only decide when to give up on a process that does
# not end; the watchdog ends it about a second after the signal.
GIVE_UP = 15.0

BUSY = """
import os, sys
import tui.ui.screens.main

flag = sys.argv[1]
real = tui.ui.screens.main.MainScreen.show_page

def stuck(*args, **kwargs):
    if os.path.exists(flag):
        open(flag + ".busy", "w").close()
        while True:  # a page that never finishes showing, on the UI thread
            pass
    return real(*args, **kwargs)

tui.ui.screens.main.MainScreen.show_page = stuck
from tui.cli import main
sys.exit(main([]))
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color")
    environment.pop("NO_COLOR", None)
    return environment


def read_until(session: PtySession, condition: Callable[[], bool], seconds: float) -> bool:
    """Read what the child writes until `condition()` holds, for up to `seconds`."""
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end and session.proc.poll() is None:
        session.read(0.02)
    return condition()


def busy_session(env: dict[str, str], tmp_path: Path) -> PtySession:
    """coop-tui with its UI thread spinning in a page build that never ends."""
    flag = tmp_path / "stuck"
    session = PtySession([sys.executable, "-c", BUSY, str(flag)], size=(80, 24), env=env)
    assert session.wait_for("Center"), session.text()
    flag.touch()
    busy = Path(str(flag) + ".busy")
    for _ in range(20):
        session.press("j", settle=0)
        if read_until(session, busy.exists, 0.3):
            break
    assert busy.exists(), "the UI thread never started the stuck page"
    return session


@pytest.mark.e2e
@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"]
)
def test_a_signal_ends_coop_tui_while_the_ui_thread_is_busy(
    env: dict[str, str], tmp_path: Path, signum: int
) -> None:
    session = busy_session(env, tmp_path)
    try:
        # The UI thread wrote its flag on its way into the loop: it spins there now.
        session.read(0.05)
        assert session.proc.poll() is None
        sent = time.monotonic()
        session.proc.send_signal(signum)
        code = session.wait_exit(GIVE_UP)
        took = time.monotonic() - sent
        assert code == 128 + signum, f"exit code {code} after {took:.1f} s"
        assert session.restored(), "the terminal was left in the app's modes"
        tail = bytes(session.output)[-400:]
        assert b"\x1b[?1000l" in tail and b"\x1b[<u" in tail  # mouse and keyboard modes off
    finally:
        session.kill()


NEVER_BUILT = """
import os, sys
import tui.ui.screens.main

flag = sys.argv[1]
real = tui.ui.screens.main.build_page

def stuck(*args, **kwargs):
    if os.path.exists(flag):
        open(flag + ".busy", "w").close()
        while True:  # a page that never finishes building, in its thread
            pass
    return real(*args, **kwargs)

tui.ui.screens.main.build_page = stuck
from tui.cli import main
sys.exit(main([]))
"""


@pytest.mark.e2e
def test_q_quits_while_a_page_build_never_returns(env: dict[str, str], tmp_path: Path) -> None:
    flag = tmp_path / "stuck"
    session = PtySession([sys.executable, "-c", NEVER_BUILT, str(flag)], size=(80, 24), env=env)
    try:
        assert session.wait_for("Center"), session.text()
        flag.touch()
        busy = Path(str(flag) + ".busy")
        for _ in range(20):  # pages near the cursor are built ahead: move until one is new
            session.press("j", settle=0)
            if read_until(session, lambda: busy.exists() and "building…" in session.text(), 0.3):
                break
        assert busy.exists(), "no page build started"
        assert session.wait_for("building…"), session.text()
        session.press("q")
        assert session.wait_exit(GIVE_UP) == 0
        assert session.restored()
    finally:
        session.kill()


@pytest.mark.e2e
def test_a_terminal_closed_while_the_ui_thread_is_busy_leaves_no_process(
    env: dict[str, str], tmp_path: Path
) -> None:
    # A dropped SSH connection during a freeze: the kernel hangs the pty up.
    session = busy_session(env, tmp_path)
    try:
        session.close_master()
        end = time.monotonic() + GIVE_UP
        while session.proc.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert session.proc.poll() == 128 + signal.SIGHUP, "coop-tui outlived its terminal"
    finally:
        session.kill()


@pytest.mark.e2e
def test_sigint_exits_130_with_the_terminal_restored(env: dict[str, str]) -> None:
    session = PtySession([coop_tui()], size=(80, 24), env=env)
    try:
        assert session.wait_for("Center"), session.text()
        session.proc.send_signal(signal.SIGINT)
        assert session.wait_exit(GIVE_UP) == 130
        assert session.restored()
    finally:
        session.kill()


def _stopped(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] in ("T", "t")


def _continue_in_another_thread(pid: int) -> str:
    """Send SIGCONT to one of the process's threads other than the main one; say which.

    A shell's `fg` sends SIGCONT to the process group, and the kernel hands it
    to any thread that does not block it: this makes that thread a worker's
    (one stopped with the rest, not one on its way out).
    """
    import ctypes

    others = []
    for tid in sorted(int(name) for name in os.listdir(f"/proc/{pid}/task")):
        task = Path(f"/proc/{pid}/task/{tid}")
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        if tid != pid and state in ("T", "t"):
            others.append((tid, name))
    assert others, "coop-tui runs no stopped thread besides the main one"
    tid, name = others[0]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.tgkill(pid, tid, signal.SIGCONT) != 0:
        raise OSError(ctypes.get_errno(), "tgkill")
    return f"SIGCONT sent to thread {tid} ({name})"


def _has_tgkill() -> bool:
    import ctypes

    try:
        return hasattr(ctypes.CDLL(None), "tgkill")
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process state from /proc")
@pytest.mark.parametrize(
    ("how", "resume"),
    [
        ("ctrl+z", "group"),
        ("SIGTSTP", "group"),
        pytest.param(
            "SIGTSTP",
            "thread",
            marks=pytest.mark.skipif(not _has_tgkill(), reason="needs glibc's tgkill"),
        ),
    ],
)
@pytest.mark.e2e
def test_after_suspend_and_fg_the_whole_screen_comes_back_at_once(
    env: dict[str, str], how: str, resume: str
) -> None:
    session = PtySession([coop_tui()], size=(80, 24), env=env)
    try:
        assert session.wait_for("Center of Belarusian Machinery"), session.text()
        if how == "ctrl+z":
            os.write(session.master, b"\x1a")
        else:
            session.proc.send_signal(signal.SIGTSTP)
        end = time.monotonic() + GIVE_UP
        while not _stopped(session.proc.pid) and time.monotonic() < end:
            session.read(0.05)
        assert _stopped(session.proc.pid), "coop-tui did not suspend"
        session.read(0.2)
        assert session.restored(), "suspended with the terminal in the app's modes"
        # The terminal shows the shell now; after `fg` the app's screen starts blank.
        session.screen.reset()
        if resume == "group":
            os.killpg(session.proc.pid, signal.SIGCONT)
            how_resumed = "SIGCONT sent to the process group"
        else:
            how_resumed = _continue_in_another_thread(session.proc.pid)
        # No key is pressed: everything must come back by itself.
        whole = ("quit", "Topics", "Center", "Industry", "Trade", "Center of Belarusian Machinery")
        for text in whole:
            assert session.wait_for(text, timeout=GIVE_UP), (how_resumed, text, session.text())
        assert session.proc.poll() is None
        session.press("q")
        assert session.wait_exit(GIVE_UP) == 0
    finally:
        session.kill()


def test_the_crash_log_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the README says: when the state folder cannot be written, the log
    # goes to the system's temporary folder ($TMPDIR, else /tmp).
    from tui.ui.lifecycle import crash_line, write_crash_log

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    temporary = tmp_path / "tmpdir"
    temporary.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temporary))
    try:
        raise ValueError("boom")
    except ValueError as error:
        log = write_crash_log(error, blocker / "coop-tui")
        line = crash_line(error, log)
    assert log.parent == temporary and log.name.startswith("crash-")
    assert "ValueError: boom" in log.read_text(encoding="utf-8")
    assert str(log) in line
