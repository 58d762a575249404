"""A closed tab stops counting against `coop-tui serve`'s cap when its socket closes.

Not when its app has finished quitting: that takes up to QUIT_SECONDS (and a
kill) after the close, and a tab opened meanwhile was refused as if the server
were full. Here the app is a process that never quits and the wait for it is
made long, so the moment the place is freed is plain to see, without timing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="needs the web extra: pip install '.[web]'")
pytest.importorskip("textual_serve", reason="needs the web extra: pip install '.[web]'")

from tui.web import server as web_server  # noqa: E402 - after importorskip, as the web extra may be missing

# Only a hang gets here.
TIMEOUT = 60.0


async def _until(condition: object, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while not condition():  # type: ignore[operator]
        if loop.time() > deadline:
            raise AssertionError(f"waited {TIMEOUT:.0f} s for {what}")
        await asyncio.sleep(0.01)


@asynccontextmanager
async def serving(
    monkeypatch: pytest.MonkeyPatch, quit_seconds: float
) -> AsyncIterator[tuple[web_server.SessionServer, str]]:
    """A server of one tab whose app ignores the quit, waited for `quit_seconds`."""
    monkeypatch.setattr(web_server, "QUIT_SECONDS", quit_seconds)
    served = web_server.SessionServer(
        f"exec {sys.executable} -c 'import time; time.sleep(600)'", max_sessions=1
    )
    bound: list[int] = []
    task = asyncio.ensure_future(
        web_server.serve(served, "127.0.0.1", 0, lambda host, port: bound.append(port))
    )
    await _until(lambda: bool(bound) or task.done(), "the server to listen")
    try:
        yield served, f"http://127.0.0.1:{bound[0]}/"
    finally:
        for session in [*served.sessions, *served.ending]:
            if session.pid is not None:
                try:
                    os.kill(session.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        await served.stop()
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass


def _pids(served: web_server.SessionServer) -> list[int]:
    return [s.pid for s in served.sessions if s.pid is not None]


async def test_a_closed_tab_frees_its_place_before_its_app_has_quit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The server would wait ten minutes for the closed tab's app to quit.
    async with serving(monkeypatch, 600.0) as (served, url), aiohttp.ClientSession() as http:
        first = await http.ws_connect(url + "ws")
        await _until(lambda: bool(_pids(served)), "the first tab's app to start")
        [pid] = _pids(served)
        async with http.get(url) as response:
            assert response.status == 503  # the cap is one tab
        await first.close()
        # The next tab is served while the closed one's app is still running.
        async with http.get(url) as response:
            assert response.status == 200
        assert Path(f"/proc/{pid}").exists()
        second = await http.ws_connect(url + "ws")
        await _until(lambda: bool(_pids(served)), "the second tab's app to start")
        assert _pids(served) != [pid] and Path(f"/proc/{pid}").exists()
        [ending] = served.ending
        assert ending.pid == pid
        # The closed tab's app, once it ends, is forgotten.
        os.kill(pid, signal.SIGKILL)
        await _until(lambda: not served.ending, "the closed tab's app to end")
        await second.close()


async def test_stop_ends_the_app_of_a_tab_closed_a_moment_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with serving(monkeypatch, 0.5) as (served, url), aiohttp.ClientSession() as http:
        tab = await http.ws_connect(url + "ws")
        await _until(lambda: bool(_pids(served)), "the tab's app to start")
        [session] = served.sessions
        await tab.close()
        await _until(lambda: not served.sessions, "the closed tab to stop counting")
        process = web_server._process_of(session.service)
        assert process is not None
        # The server stops while that app is still quitting: it is ended with the rest.
        await served.stop()
        assert process.returncode is not None
