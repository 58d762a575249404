"""`coop-tui serve` without a browser: the command, its guards, the cap and the stop.

The browser itself is in tests/test_serve_e2e.py; here a WebSocket client of
aiohttp plays the tab, which is enough to see the sessions' processes come and go.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from serve_helpers import ROOT, Server, children_of, live_processes_marked, wait_until

aiohttp = pytest.importorskip("aiohttp", reason="needs the web extra: pip install '.[web]'")
pytest.importorskip("textual_serve", reason="needs the web extra: pip install '.[web]'")

from tui.web import server as web_server  # noqa: E402 - after importorskip, as the web extra may be missing

if TYPE_CHECKING:
    from aiohttp import ClientWebSocketResponse, WSMessage


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_without_the_web_extra_it_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['textual_serve'] = None  # as if not installed\n"
        "from tui.cli import main\n"
        "raise SystemExit(main(['serve']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "pip install 'coop-tui[web]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_process_never_imports_textual() -> None:
    # Only the sessions run the App; the server stays small.
    code = (
        "import sys, tui.serve, tui.web.server\n"
        "print(','.join(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_loopback_names(host: str, loopback: bool) -> None:
    assert web_server.is_loopback(host) is loopback


def test_bad_data_stops_it_before_it_listens() -> None:
    bad = ROOT / "tests" / "bad_toml" / "duplicate-key.toml"
    result = run("serve", "--port", "0", "--data", str(bad))
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr  # file:line:column: ...
    assert "duplicate key" in result.stderr
    assert "http://" not in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--max-sessions", "0"], "--max-sessions must be 1 or more"),
        (["--port", "70000"], "--port must be from 0 to 65535"),
        (["--port", "x"], "invalid int value"),
    ],
)
def test_bad_options(args: list[str], words: str) -> None:
    result = run("serve", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_a_clear_message() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port))
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_loopback_by_default_and_a_warning_otherwise() -> None:
    with Server() as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert "up to 8 sessions" in server.first_line
        code, _, _, err = server.stop()
    assert code == 143  # 128 + SIGTERM, as every coop-tui command ended by a signal
    assert "warning" not in err
    with Server("--host", "0.0.0.0", "--max-sessions", "1") as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert "(up to 1 session, on every address of this machine;" in server.first_line
        code, _, _, err = server.stop()
    assert code == 143
    assert "warning: listening on 0.0.0.0, not on loopback" in err
    assert "anyone who can reach this port can read the data" in err


async def _first_screen(ws: ClientWebSocketResponse) -> bytes:
    seen = b""
    while b"Trade" not in seen:
        message = await asyncio.wait_for(ws.receive(), 60)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        seen += message.data
    return seen


async def _past_screen_updates(ws: ClientWebSocketResponse) -> WSMessage:
    """The first message that is not a screen update: frames already on their way
    when the session ends still arrive before the close."""
    while True:
        message = await asyncio.wait_for(ws.receive(), 60)
        if message.type != aiohttp.WSMsgType.BINARY:
            return message


def _origin(url: str) -> str:
    return url.rstrip("/")


async def test_pages_guards_and_headers() -> None:
    with Server() as server:
        async with aiohttp.ClientSession() as http:
            async with http.get(server.url) as response:
                assert response.status == 200
                page = await response.text()
                csp = response.headers["Content-Security-Policy"]
            assert "default-src 'none'" in csp and "http" not in csp
            assert "/static/coop.js" in page and "fonts.googleapis" not in page
            async with http.get(server.url + "fonts/RobotoMono-VariableFont_wght.ttf") as font:
                assert font.status == 200
                assert font.headers["Content-Type"] == "font/ttf"
            # DNS rebinding: another name pointed at 127.0.0.1 is refused.
            async with http.get(server.url, headers={"Host": "evil.example"}) as response:
                assert response.status == 421
            # Another site's page may not open a session.
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(server.url + "ws", origin="http://evil.example")
            assert refused.value.status == 403
            assert server.sessions() == []
            async with http.ws_connect(server.url + "ws", origin=_origin(server.url)) as ws:
                assert b"Trade" in await _first_screen(ws)
                assert len(server.sessions()) == 1
        server.stop()


async def test_the_cap_a_closed_tab_and_the_stop(tmp_path: Path) -> None:
    with Server("--max-sessions", "1") as server:
        async with aiohttp.ClientSession() as http:
            first = await http.ws_connect(
                server.url + "ws?width=100&height=30", origin=_origin(server.url)
            )
            await _first_screen(first)
            [session] = server.sessions()
            # The next tab is told, at once, not left hanging.
            async with http.get(server.url) as response:
                assert response.status == 503
                assert "as many tabs as it may (1)" in await response.text()
            async with http.ws_connect(server.url + "ws", origin=_origin(server.url)) as second:
                message = await asyncio.wait_for(second.receive(), 60)
                assert message.type == aiohttp.WSMsgType.CLOSE
                assert message.data == web_server.CLOSE_BUSY
            assert server.sessions() == [session]
            # A closed tab ends its process and frees its place.
            await first.close()
            wait_until(lambda: not server.sessions(), what="the closed tab's process to end")
            assert session not in live_processes_marked(server.marker.split("=")[1])
            async with http.get(server.url) as response:
                assert response.status == 200
            third = await http.ws_connect(server.url + "ws", origin=_origin(server.url))
            await _first_screen(third)
            assert len(server.sessions()) == 1
            code, seconds, out, _ = server.stop(signal.SIGTERM)
            message = await _past_screen_updates(third)
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert message.data == web_server.CLOSE_GOING_AWAY
        assert code == 143
        assert "stopped" in out
        assert live_processes_marked(server.marker.split("=")[1]) == []
        print(f"SIGTERM to no process left: {seconds:.2f} s")


@pytest.mark.parametrize(("signum", "exit_code"), [(signal.SIGINT, 130), (signal.SIGHUP, 129)])
async def test_ctrl_c_or_a_closed_terminal_stops_every_session(signum: int, exit_code: int) -> None:
    with Server() as server:
        async with aiohttp.ClientSession() as http:
            tabs = [
                await http.ws_connect(server.url + "ws", origin=_origin(server.url))
                for _ in range(3)
            ]
            for tab in tabs:
                await _first_screen(tab)
            assert len(server.sessions()) == 3
            code, seconds, _, err = server.stop(signum)
            for tab in tabs:
                await tab.close()
        assert code == exit_code
        assert "Traceback" not in err
        assert live_processes_marked(server.marker.split("=")[1]) == []
        print(f"signal {signum} with 3 sessions to no process left: {seconds:.2f} s")


async def test_quitting_the_app_closes_its_tab() -> None:
    with Server() as server:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(server.url + "ws", origin=_origin(server.url))
            await _first_screen(ws)
            await ws.send_json(["stdin", "q"])
            message = await _past_screen_updates(ws)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            wait_until(lambda: not server.sessions(), what="the session to end")
        server.stop()


async def test_a_session_that_does_not_quit_is_killed() -> None:
    # A process that never answers textual-serve's quit: the server's stop
    # must still leave nothing behind (QUIT_SECONDS, then SIGKILL).
    server = web_server.SessionServer(f"exec {sys.executable} -c 'import time; time.sleep(600)'")
    bound: list[int] = []
    serving = asyncio.ensure_future(
        web_server.serve(server, "127.0.0.1", 0, lambda host, port: bound.append(port))
    )
    try:
        while not bound:
            await asyncio.sleep(0.01)
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(f"http://127.0.0.1:{bound[0]}/ws")
            while not server.sessions or next(iter(server.sessions)).pid is None:
                await asyncio.sleep(0.01)
            [session] = server.sessions
            pid = session.pid
            assert pid is not None and pid in children_of(os.getpid())
            await server.stop()
            process = web_server._process_of(session.service)
            assert process is not None and process.returncode == -signal.SIGKILL
            assert not Path(f"/proc/{pid}").exists()
            await ws.close()
    finally:
        serving.cancel()
        try:
            await serving
        except asyncio.CancelledError:
            pass


async def test_sessions_end_when_the_server_is_killed_outright() -> None:
    # SIGKILL leaves the server no chance to stop them: each session follows
    # its parent (PR_SET_PDEATHSIG) rather than idle on as an orphan.
    with Server() as server:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(server.url + "ws", origin=_origin(server.url))
            await _first_screen(ws)
            [session] = server.sessions()
            server.process.kill()
            server.process.wait()
            wait_until(
                lambda: not live_processes_marked(server.marker.split("=")[1]),
                what="the orphaned session to end",
            )
            assert not Path(f"/proc/{session}").exists() or session not in live_processes_marked(
                server.marker.split("=")[1]
            )
            await ws.close()


async def test_data_in_a_folder_whose_name_needs_quoting(tmp_path: Path) -> None:
    # Each session is started through a shell: the path must reach it intact.
    import shutil

    from tui.paths import bundled_data_path

    folder = tmp_path / "the reader's data; $(touch oops)"
    shutil.copytree(bundled_data_path(), folder)
    with Server("--data", str(folder)) as server:
        async with aiohttp.ClientSession() as http:
            ws = await http.ws_connect(server.url + "ws", origin=_origin(server.url))
            assert b"Trade" in await _first_screen(ws)
            await ws.close()
        server.stop()
    assert not (ROOT / "oops").exists() and not (tmp_path / "oops").exists()
