"""A small Chrome DevTools Protocol client: drive the system's headless Chromium.

No browser download and no driver: Debian's `chromium`, started with a fresh
profile and `--remote-debugging-port=0`, and its DevTools WebSocket spoken to
with aiohttp (which the web extra brings). Used by tests/test_serve_e2e.py and
benchmarks/bench_web.py.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    # Nothing may leave the machine: every address but loopback goes to a
    # proxy on a closed loopback port (Chromium never proxies loopback itself).
    "--proxy-server=http://127.0.0.1:9",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


# What Input.dispatchKeyEvent needs for the keys the tests press.
SPECIAL_KEYS: dict[str, tuple[str, int, str]] = {
    # name: (DOM key, Windows virtual key code, text)
    "enter": ("Enter", 13, "\r"),
    "tab": ("Tab", 9, ""),
    "escape": ("Escape", 27, ""),
    "down": ("ArrowDown", 40, ""),
    "up": ("ArrowUp", 38, ""),
    "backspace": ("Backspace", 8, ""),
}


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium and its DevTools connection."""

    def __init__(self, process: subprocess.Popen[bytes], profile: Path) -> None:
        self.process = process
        self.profile = profile
        self._http: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._listeners: list[Callable[[dict[str, Any]], None]] = []
        self._reader: asyncio.Task[None] | None = None
        self.events: list[dict[str, Any]] = []

    @classmethod
    async def launch(
        cls, executable: str, profile: Path | None = None, window: tuple[int, int] = (1100, 700)
    ) -> Browser:
        profile = profile or Path(tempfile.mkdtemp(prefix="coop-chromium-"))
        # Popen, not asyncio's: the browser is killed from sync code too (kill()).
        process = subprocess.Popen(
            [
                executable,
                *CHROMIUM_FLAGS,
                f"--window-size={window[0]},{window[1]}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        browser = cls(process, profile)
        try:
            await browser._connect()
        except BaseException:
            browser.kill()
            raise
        return browser

    async def _connect(self) -> None:
        # Chromium writes the port it chose and the browser's WebSocket path here.
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while True:
            if marker.exists():
                lines = marker.read_text().split()
                if len(lines) >= 2:
                    break
            if self.process.poll() is not None:
                raise CDPError(f"chromium exited with code {self.process.returncode}")
            if time.monotonic() > deadline:
                raise CDPError("chromium did not open its DevTools port")
            await asyncio.sleep(0.05)
        url = f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(url, max_msg_size=0)
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "id" in data:
                future = self._pending.pop(data["id"], None)
                if future is not None and not future.done():
                    if "error" in data:
                        future.set_exception(CDPError(str(data["error"])))
                    else:
                        future.set_result(data.get("result", {}))
            else:
                self.events.append(data)
                for listener in list(self._listeners):
                    listener(data)
        for future in self._pending.values():
            if not future.done():
                future.set_exception(CDPError("the DevTools connection closed"))

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        assert self._socket is not None
        ident = next(self._ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        await self._socket.send_str(json.dumps(message))
        result: dict[str, Any] = await future
        return result

    async def wait_event(
        self,
        predicate: Callable[[dict[str, Any]], bool],
        timeout: float = 60,
        past: bool = True,
    ) -> dict[str, Any]:
        """The first event (already seen, with `past`, or coming) that `predicate` accepts."""
        if past:
            for event in self.events:
                if predicate(event):
                    return event
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()

        def listener(event: dict[str, Any]) -> None:
            if not future.done() and predicate(event):
                future.set_result(event)

        self._listeners.append(listener)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._listeners.remove(listener)

    async def new_page(self, url: str | None = None) -> Page:
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        page = Page(self, target["targetId"], attached["sessionId"])
        for domain in ("Page", "Runtime", "Network"):
            await page.send(f"{domain}.enable")
        # Headless pages are never "focused"; xterm.js and the clipboard want it.
        await page.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        if url is not None:
            await page.goto(url)
        return page

    async def close(self) -> None:
        try:
            if self._socket is not None and not self._socket.closed:
                try:
                    await asyncio.wait_for(self.send("Browser.close"), 10)
                except (CDPError, asyncio.TimeoutError, ConnectionError):
                    pass
            if self._socket is not None:
                await self._socket.close()
            if self._reader is not None:
                self._reader.cancel()
            if self._http is not None:
                await self._http.close()
        finally:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, 9)
            except ProcessLookupError:
                pass
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """A tab, attached through a flat DevTools session."""

    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    async def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.browser.send(method, params, self.session)

    async def goto(self, url: str) -> None:
        loaded = asyncio.ensure_future(
            self.browser.wait_event(
                lambda e: (
                    e.get("sessionId") == self.session and e["method"] == "Page.loadEventFired"
                ),
                past=False,
            )
        )
        await self.send("Page.navigate", {"url": url})
        await loaded

    async def evaluate(self, expression: str, await_promise: bool = False) -> Any:
        result = await self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": await_promise},
        )
        if "exceptionDetails" in result:
            raise CDPError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    async def screen(self) -> list[str]:
        """The terminal's rows as the page shows them (xterm.js's DOM renderer)."""
        rows = await self.evaluate(
            "Array.from(document.querySelectorAll('.xterm-rows > div'),"
            " row => row.textContent.replace(/\\u00a0/g, ' '))"
        )
        return list(rows or [])

    async def wait_screen(self, predicate: Callable[[str], bool], timeout: float = 60) -> str:
        """Wait until the screen's text satisfies `predicate`; return that text."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = "\n".join(await self.screen())
            if predicate(text):
                return text
            await asyncio.sleep(0.05)
        raise AssertionError(f"the screen never showed what was expected; it shows:\n{text}")

    async def wait_js(self, expression: str, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = await self.evaluate(expression)
            if value:
                return value
            await asyncio.sleep(0.05)
        raise AssertionError(f"never true in the page: {expression}")

    async def press(self, key: str) -> None:
        """A key as a person types it: a Textual key name ('j', 'L', 'tab', 'enter')."""
        if key in SPECIAL_KEYS:
            name, code, text = SPECIAL_KEYS[key]
        elif len(key) == 1:
            name, text = key, key
            code = ord(key.upper()) if key.isalpha() else ord(key)
        else:
            raise ValueError(f"no key event for {key!r}")
        down: dict[str, Any] = {"type": "keyDown", "key": name, "windowsVirtualKeyCode": code}
        if text:
            down["text"] = text
        if len(key) == 1 and key.isupper():
            down["modifiers"] = 8  # Shift
        await self.send("Input.dispatchKeyEvent", down)
        up = {k: v for k, v in down.items() if k != "text"}
        up["type"] = "keyUp"
        await self.send("Input.dispatchKeyEvent", up)

    async def type(self, text: str) -> None:
        for char in text:
            await self.press(char)

    async def screenshot(self, path: Path) -> None:
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))

    async def close(self) -> None:
        await self.browser.send("Target.closeTarget", {"targetId": self.target})
