"""The web server of `coop-tui serve`: one coop-tui process per browser tab.

aiohttp serves our own page (`static/`: a small client, xterm.js vendored from
npm, and the Roboto Mono fonts that textual-serve ships) and one WebSocket per
tab. Behind each WebSocket textual-serve's `AppService` runs
`python -m tui.web.session` under Textual's web driver and speaks its protocol.
textual-serve's own page is not used: it loads a font stylesheet from the
internet, and its renderer (WebGL) leaves no text in the page to read or test.

Safety, since there is no login: a cap on live sessions (the next tab gets a
page saying so), a Host check against DNS rebinding when bound to loopback, an
Origin check on the WebSocket (another site's page cannot drive a session), a
Content-Security-Policy that lets the page load nothing from elsewhere, and an
orderly stop that ends every session process within `STOP_SECONDS`.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from ..model import Lang

STATIC = Path(__file__).resolve().parent / "static"
FONTS = Path(textual_serve.__file__).resolve().parent / "static" / "fonts"
FONT_FILES = ("RobotoMono-VariableFont_wght.ttf", "RobotoMono-Italic-VariableFont_wght.ttf")

CLOSE_BUSY = 4001
"""WebSocket close code (private range) when every session is in use; the page says so."""

CLOSE_GOING_AWAY = 1001
"""The server is stopping."""

QUIT_SECONDS = 1.0
"""How long a session may take to quit when asked before it is killed."""

STOP_SECONDS = 2.0
"""The promise: from Ctrl+C or SIGTERM to no session process left."""

MAX_MESSAGE_BYTES = 64 * 1024
"""A key press or a resize is tens of bytes; a paste is the biggest message."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Nothing from another address. xterm.js sets inline styles, hence 'unsafe-inline'."""

MESSAGES: dict[Lang, dict[str, str]] = {
    "en": {
        "busy": (
            "This coop-tui server already serves as many tabs as it may ({limit}). "
            "Close another coop-tui tab, or try again in a minute."
        ),
        "tryAgain": "Try again",
        "ended": "The session has ended.",
        "startAgain": "Start again",
        "stopped": "The coop-tui server has stopped.",
        "blocked": "The browser did not open a new tab. The address:",
        "copyFailed": "The browser did not allow copying to the clipboard.",
        "noscript": "coop-tui runs in the page with JavaScript: please allow it for this address.",
    },
    "ru": {
        "busy": (
            "Этот сервер coop-tui уже обслуживает столько вкладок, сколько может ({limit}). "
            "Закройте другую вкладку coop-tui или попробуйте через минуту."
        ),
        "tryAgain": "Попробовать снова",
        "ended": "Сеанс завершён.",
        "startAgain": "Начать заново",
        "stopped": "Сервер coop-tui остановлен.",
        "blocked": "Браузер не открыл новую вкладку. Адрес:",
        "copyFailed": "Браузер не разрешил копирование в буфер обмена.",
        "noscript": "coop-tui работает на странице с JavaScript: разрешите его для этого адреса.",
    },
}


def is_loopback(host: str) -> bool:
    """True when `host` names only this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def session_command(lang: Lang, data: Sequence[Path]) -> str:
    """The shell command textual-serve runs for each tab.

    `exec`, so the session is the shell's own process: ending it ends the app.
    """
    words = [sys.executable, "-m", "tui.web.session", "--lang", lang]
    for path in data:
        words += ["--data", str(path)]
    return "exec " + shlex.join(words)


def _process_of(service: AppService) -> asyncio.subprocess.Process | None:
    """The session's process, to wait on and to kill.

    The one private name used from textual-serve (1.1.x), which has no public
    way to it; tests/test_serve.py checks that it is still there.
    """
    process = getattr(service, "_process", None)
    return process if isinstance(process, asyncio.subprocess.Process) else None


@dataclass(eq=False)
class Session:
    """One browser tab: its WebSocket and the app process behind it."""

    socket: web.WebSocketResponse
    service: AppService
    ending: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        process = _process_of(self.service)
        return None if process is None else process.pid

    async def end(self) -> None:
        """Ask the app to quit, kill it if it has not within QUIT_SECONDS, wait for it."""
        if self.ending is None:
            self.ending = asyncio.ensure_future(self._end())
        await asyncio.shield(self.ending)

    async def _end(self) -> None:
        process = _process_of(self.service)
        try:
            await asyncio.wait_for(self.service.stop(), QUIT_SECONDS)
            if process is not None:
                await asyncio.wait_for(process.wait(), QUIT_SECONDS / 2)
        except (asyncio.TimeoutError, ConnectionError, OSError):
            pass
        if process is not None and process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass
            await process.wait()


class SessionServer:
    """The aiohttp application and the live sessions."""

    def __init__(
        self,
        command: str,
        *,
        lang: Lang = "en",
        max_sessions: int = 8,
        loopback: bool = True,
    ) -> None:
        self.command = command
        self.lang: Lang = lang
        self.max_sessions = max_sessions
        self.loopback = loopback
        self.sessions: set[Session] = set()
        """The open tabs: what the cap counts."""
        self.ending: set[Session] = set()
        """Closed tabs whose app is still quitting: no longer counted, still ended by `stop`."""
        self.stopping = False
        self.download_manager = DownloadManager()
        self._page = Template((STATIC / "page.html").read_text(encoding="utf-8"))
        self._busy = Template((STATIC / "busy.html").read_text(encoding="utf-8"))

    # -- the aiohttp application -------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.static("/static", STATIC),
                web.get("/fonts/{name}", self.handle_font),
            ]
        )
        return app

    async def handle_font(self, request: web.Request) -> web.FileResponse:
        """Roboto Mono from the installed textual-serve (Apache-2.0), by name only."""
        name = request.match_info["name"]
        if name not in FONT_FILES:
            raise web.HTTPNotFound()
        # Named here: not every system's MIME table knows .ttf.
        return web.FileResponse(FONTS / name, headers={"Content-Type": "font/ttf"})

    @web.middleware
    async def _guard(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if self.loopback and not is_loopback(request.url.host or ""):
            # A page of another site whose name was pointed at 127.0.0.1 (DNS
            # rebinding) would be same-origin with us; its Host gives it away.
            raise web.HTTPMisdirectedRequest(text="coop-tui serve: unknown host name\n")
        response = await handler(request)
        if not response.prepared:
            response.headers["Content-Security-Policy"] = CSP
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            # The page is made per request (the cap); the files may be kept but
            # are checked each time (Last-Modified), so an upgrade is seen at once.
            static = isinstance(response, web.FileResponse)
            response.headers["Cache-Control"] = "no-cache" if static else "no-store"
        return response

    def _messages(self) -> dict[str, str]:
        words = dict(MESSAGES[self.lang])
        words["busy"] = words["busy"].format(limit=self.max_sessions)
        return words

    def full(self) -> bool:
        return len(self.sessions) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.Response:
        words = self._messages()
        if self.full() or self.stopping:
            text = self._busy.substitute(
                lang=self.lang,
                busy=html.escape(words["stopped" if self.stopping else "busy"]),
                try_again=html.escape(words["tryAgain"]),
            )
            return web.Response(text=text, status=503, content_type="text/html")
        font_size = _clamp(request.query.get("fontsize", ""), 16, 8, 48)
        text = self._page.substitute(
            lang=self.lang,
            messages=html.escape(json.dumps(words, ensure_ascii=False), quote=True),
            font_size=font_size,
            noscript=html.escape(words["noscript"]),
        )
        return web.Response(text=text, content_type="text/html")

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: no other site's page is behind it
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.netloc == request.host

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._same_origin(request):
            raise web.HTTPForbidden(text="coop-tui serve: a page of another site\n")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        await socket.prepare(request)
        if self.stopping:
            await socket.close(code=CLOSE_GOING_AWAY)
            return socket
        if self.full():
            await socket.close(code=CLOSE_BUSY, message=b"every session is in use")
            return socket

        async def close() -> None:  # the app quit by itself (q)
            await socket.close()

        service = AppService(
            self.command,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        session = Session(socket, service)
        self.sessions.add(session)  # no await since full(): the cap cannot be overrun
        watcher: asyncio.Task[None] | None = None
        try:
            width = _clamp(request.query.get("width", ""), 80, 10, 1000)
            height = _clamp(request.query.get("height", ""), 24, 4, 500)
            await service.start(width, height)
            watcher = asyncio.ensure_future(self._close_when_done(session))
            await self._relay(socket, service)
        finally:
            if watcher is not None:
                watcher.cancel()
            # The tab is gone (its socket closed, or the app quit): its place is
            # free now, not once its app has finished quitting (up to
            # QUIT_SECONDS and more), or a tab opened meanwhile would be refused.
            self.sessions.discard(session)
            self.ending.add(session)
            try:
                await session.end()
            finally:
                self.ending.discard(session)
            if not socket.closed:
                await socket.close()
        return socket

    async def _close_when_done(self, session: Session) -> None:
        """Close the tab's socket when its app ends by itself (q, a crash, bad data)."""
        process = _process_of(session.service)
        if process is None:
            return
        await process.wait()
        await session.socket.close()

    async def _relay(self, socket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's messages to the app; anything malformed is ignored."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data: Any = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = _clamp(str(data.get("width", "")), 80, 10, 1000)
                height = _clamp(str(data.get("height", "")), 24, 4, 500)
                await service.set_terminal_size(width, height)
            elif kind == "focus":
                await service.focus()
            elif kind == "blur":
                await service.blur()
            elif kind == "ping" and isinstance(data, str):
                await socket.send_json(["pong", data])

    async def stop(self) -> None:
        """End every session (asking first, then killing) and close their tabs."""
        self.stopping = True
        sessions = list(self.sessions)
        # Both at once: the tab learns the server stopped (not that its session
        # ended) while the app quits; neither may hold up the other. Apps of
        # tabs closed a moment ago may still be quitting: waited for too.
        await asyncio.gather(
            *(_bounded(s.socket.close(code=CLOSE_GOING_AWAY)) for s in sessions),
            *(s.end() for s in [*sessions, *self.ending]),
            return_exceptions=True,
        )


async def _bounded(closing: Awaitable[bool]) -> None:
    """A socket's close, but no longer than the browser's answer deserves."""
    try:
        await asyncio.wait_for(closing, QUIT_SECONDS)
    except asyncio.TimeoutError:
        pass


def _clamp(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return max(low, min(high, value))


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


async def serve(
    server: SessionServer,
    host: str,
    port: int,
    ready: Callable[[str, int], None],
) -> int:
    """Listen until SIGINT, SIGTERM or SIGHUP, then stop every session; return that signal.

    `ready(host, port)` is called once the server listens.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    received: list[int] = []

    def on_signal(signum: int) -> None:
        received.append(signum)
        stop.set()

    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, on_signal, signum)
    runner = web.AppRunner(
        server.make_app(), handle_signals=False, access_log=None, shutdown_timeout=0.5
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound = runner.addresses[0]
        ready(str(bound[0]), int(bound[1]))
        await stop.wait()
        await server.stop()
    finally:
        await runner.cleanup()
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)
    return received[0]
