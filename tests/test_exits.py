"""Every way out ends coop-tui promptly, restores the terminal and leaves no process.

Run against the real `coop-tui` in a pseudo-terminal (tests/pty_session.py).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest
from drive import wait_until
from pty_session import PtySession, coop_tui

import tui.ui.screens.main
from tui.ui.lifecycle import EXIT_CRASH

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ, XDG_STATE_HOME=str(tmp_path), TERM="xterm-256color")
    environment.pop("NO_COLOR", None)
    return environment


def started(env: dict[str, str], argv: list[str] | None = None) -> PtySession:
    session = PtySession(argv or [coop_tui()], size=(80, 24), env=env)
    assert session.wait_for("Center"), session.text()
    return session


def gone(pid: int, timeout: float = 5.0) -> bool:
    """Whether no process of that id is left (reaped or never a zombie for long)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.e2e
@pytest.mark.parametrize("key", ["q", "ctrl+q"])
def test_quit_keys_exit_0_with_the_terminal_restored(env: dict[str, str], key: str) -> None:
    session = started(env)
    try:
        session.press(key, settle=0)
        assert session.wait_exit(10) == 0
        assert session.restored()
    finally:
        session.kill()


@pytest.mark.e2e
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_restore_the_terminal_and_exit(env: dict[str, str], signum: int) -> None:
    session = started(env)
    try:
        session.proc.send_signal(signum)
        assert session.wait_exit(5) == 128 + signum
        assert session.restored(), "the terminal was left in the app's modes"
    finally:
        session.kill()


@pytest.mark.e2e
def test_closing_the_terminal_ends_the_process(env: dict[str, str]) -> None:
    session = started(env)
    pid = session.proc.pid
    try:
        session.close_master()  # the window closes: the kernel hangs up the pty
        end = time.monotonic() + 8
        while session.proc.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert session.proc.poll() is not None, "coop-tui outlived its terminal"
        assert gone(pid)
    finally:
        session.kill()


CRASHING = """
import sys
import tui.ui.screens.main

def broken(*args, **kwargs):
    raise RuntimeError("injected by the test")

tui.ui.screens.main.build_page = broken
from tui.cli import main
sys.exit(main())
"""


@pytest.mark.e2e
def test_an_unexpected_error_prints_one_line_and_the_log_has_the_traceback(
    env: dict[str, str],
) -> None:
    # The real command line, with the page renderer replaced by one that fails.
    session = PtySession([sys.executable, "-c", CRASHING], size=(80, 24), env=env)
    try:
        assert session.wait_exit(15) == EXIT_CRASH
        assert session.restored()
    finally:
        session.kill()
    text = bytes(session.output).decode("utf-8", "replace")
    after = text[text.rfind("\x1b[?1049l") :]
    match = re.search(
        r"coop-tui: unexpected error \(RuntimeError\); details are in (\S+\.log)", after
    )
    assert match, after
    log = Path(match.group(1))
    assert log.parent == Path(env["XDG_STATE_HOME"]) / "coop-tui"
    assert "injected by the test" in log.read_text()
    assert "Traceback" not in after  # the one line, not a screenful


async def test_a_crash_inside_the_app_sets_a_non_zero_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tui.factory import make_app

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = make_app(lang="en")

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            monkeypatch.setattr(tui.ui.screens.main, "build_page", broken)
            await pilot.press("j")
            # The page is built in a thread: its error ends the App a moment later.
            await wait_until(pilot, lambda: app.return_code is not None, "the error to end the App")
    assert app.return_code == 1  # Textual's; run_app reports EXIT_CRASH for it
    assert app.crash_line is not None and "details are in" in app.crash_line
    logs = list((tmp_path / "coop-tui").glob("crash-*.log"))
    assert len(logs) == 1 and "RuntimeError: boom" in logs[0].read_text()
