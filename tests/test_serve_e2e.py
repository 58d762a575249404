"""`coop-tui serve` in a real headless Chromium, driven over the DevTools protocol.

What a reader of the page sees is read from xterm.js's DOM (its rows of text),
after real key events and mouse clicks. Chromium is Debian's `chromium`
(`.ci/run` installs it); where it is missing the tests skip and say so.
Set COOP_TUI_SCREENSHOTS to a folder to keep the page's screenshot there
(README's screenshots/browser-chromium.png is taken so).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from cdp import Browser, Page, find_chromium
from serve_helpers import Server, live_processes_marked, wait_until
from textual.binding import Binding

pytest.importorskip("aiohttp", reason="needs the web extra: pip install '.[web]'")
pytest.importorskip("textual_serve", reason="needs the web extra: pip install '.[web]'")

CHROMIUM = find_chromium()

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        CHROMIUM is None, reason="needs Chromium: apt-get install chromium (.ci/run does)"
    ),
]


def textual_key(word: str) -> str:
    """The first key of the App's binding whose action names `word`, as typed."""
    from tui.ui.app import CoopApp

    for binding in CoopApp.BINDINGS:
        key, bound = (binding.key, binding.action) if isinstance(binding, Binding) else binding[:2]
        if word in bound:
            first = key.split(",")[0]
            return first[-1].upper() if first.startswith("shift+") else first
    raise AssertionError(f"no key of the App is bound to an action naming {word!r}")


def keys_bound(key: str) -> list[str]:
    """The actions bound to `key` by the App or its panes (empty when none)."""
    from tui.ui.app import CoopApp
    from tui.ui.widgets.detail_pane import DetailPane
    from tui.ui.widgets.topic_tree import TopicTree

    found = []
    for owner in (CoopApp, DetailPane, TopicTree):
        for binding in owner.BINDINGS:
            keys, action = (
                (binding.key, binding.action) if isinstance(binding, Binding) else binding[:2]
            )
            if key in keys.split(","):
                found.append(action)
    return found


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """The bundled data in a folder of the test's own, to edit for live reload."""
    from tui.paths import bundled_data_path

    folder = tmp_path / "data"
    shutil.copytree(bundled_data_path(), folder)
    return folder


@pytest.fixture()
def roots(data_copy: Path) -> dict[str, list[str]]:
    from tui.loader import load_dataset

    dataset = load_dataset([data_copy])
    labels = {lang: [topic.label(lang) for topic in dataset.roots] for lang in ("en", "ru")}
    return {
        **labels,
        "heading": [topic.title.get("en") for topic in dataset.roots],
        "ids": [topic.id for topic in dataset.roots],
    }


async def go_to_root(page: Page, roots: dict[str, list[str]], topic_id: str) -> None:
    """From the first root topic, down the tree to `topic_id`'s, and wait for its page."""
    index = roots["ids"].index(topic_id)
    for _ in range(index):
        await page.press("j")
    label, heading = roots["en"][index], roots["heading"][index]
    await page.wait_screen(lambda text: f"─ {label} ─" in text and heading in row(text, 2))


@pytest.fixture()
async def browser() -> AsyncIterator[Browser]:
    assert CHROMIUM is not None
    opened = await Browser.launch(CHROMIUM)
    try:
        await opened.send("Target.setDiscoverTargets", {"discover": True})
        yield opened
    finally:
        await opened.close()


@pytest.fixture()
def server(data_copy: Path) -> Iterator[Server]:
    with Server("--max-sessions", "2", "--lang", "en", "--data", str(data_copy)) as running:
        yield running


def row(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if index < len(lines) else ""


async def press_escape(page: Page) -> None:
    """Esc, then the pause a person leaves before the next key.

    A terminal's Esc is also the first byte of every special key: Textual takes
    it for a lone Esc only when nothing follows within about 100 ms, so an Esc
    and a j sent together arrive as Alt+j, in a browser as in any terminal.
    """
    await page.press("escape")
    await asyncio.sleep(0.3)


def has_room(url: str) -> bool:
    """Whether the server would open a session for a new tab now (503: every one is in use)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bool(response.status == 200)
    except urllib.error.HTTPError as error:
        if error.code == 503:
            return False
        raise


def shows_all(words: list[str]) -> Callable[[str], bool]:
    return lambda text: all(word in text for word in words)


def requests_of(browser: Browser, page: Page) -> list[str]:
    """Every address the page asked for: documents, scripts, styles, fonts, WebSockets."""
    urls = []
    for event in browser.events:
        if event.get("sessionId") != page.session:
            continue
        if event["method"] == "Network.requestWillBeSent":
            urls.append(event["params"]["request"]["url"])
        elif event["method"] == "Network.webSocketCreated":
            urls.append(event["params"]["url"])
    return urls


async def click_text(page: Page, needle: str) -> None:
    """Move the mouse onto the first place the screen shows `needle`, and click."""
    rows = await page.screen()
    for row_index, row in enumerate(rows):  # noqa: B007 - read after the loop
        column = row.find(needle)
        if column >= 0:
            break
    else:
        raise AssertionError(f"{needle!r} is not on the screen")
    left, top, width, height = await page.evaluate(
        "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; })()"
    )
    x = left + (column + 2.5) * width / len(rows[0])
    y = top + (row_index + 0.5) * height / len(rows)
    await page.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    for kind in ("mousePressed", "mouseReleased"):
        await page.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
        )


async def test_a_reader_in_chromium(
    browser: Browser, server: Server, data_copy: Path, roots: dict[str, list[str]]
) -> None:
    origin = server.url.rstrip("/")
    await browser.send(
        "Browser.grantPermissions",
        {"origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    page = await browser.new_page(server.url)
    first, second = roots["en"][0], roots["en"][1]
    await page.wait_screen(shows_all(roots["en"]))

    shots = os.environ.get("COOP_TUI_SCREENSHOTS")
    if shots:  # the README's picture: the Trade topic with its bars
        await go_to_root(page, roots, "trade")
        await page.wait_screen(lambda text: "%" in text)
        await asyncio.sleep(0.5)  # the frame after the text: colours and scrollbar
        await page.screenshot(Path(shots) / "browser-chromium.png")
        await page.press("g")
        await page.wait_screen(lambda text: f"─ {first} ─" in text)

    # j: the tree moves, the page follows.
    await page.press("j")
    await page.wait_screen(lambda text: f"─ {second} ─" in text)
    await page.press("k")
    heading = roots["heading"][0]  # the page's first line, while it is scrolled to the top
    await page.wait_screen(lambda text: f"─ {first} ─" in text and heading in row(text, 2))
    # Tab: into the page (the first one is longer than the pane), where j
    # scrolls the text and the tree stays where it was.
    await page.press("tab")
    await page.press("j")
    await page.wait_screen(lambda text: f"─ {first} ─" in text and heading not in row(text, 2))
    await press_escape(page)
    await page.press("j")
    await page.wait_screen(lambda text: f"─ {second} ─" in text)

    # / and a word: the tree narrows to the matches.
    await page.press("/")
    await page.type("tractor")
    found = await page.wait_screen(lambda text: "search: tractor" in text and " of " in text)
    assert "Tractors" in found
    await press_escape(page)
    await page.wait_screen(lambda text: "search: tractor" not in text)
    await page.wait_screen(shows_all(roots["en"]))

    # The language key, whichever it is in the binding table.
    language = textual_key("language")  # l, or L where the key map moved it
    await page.press(language)
    await page.wait_screen(shows_all(roots["ru"]))
    await page.press(language)
    await page.wait_screen(shows_all(roots["en"]))

    # b bookmarks the open page; B lists it.
    await page.press("b")
    await page.wait_screen(lambda text: "★" in text)
    await page.press("B")
    await page.wait_screen(lambda text: "Bookmarks" in text and second in text)
    await press_escape(page)
    await page.wait_screen(lambda text: "Bookmarks" not in text)

    # y: the citation reaches the browser's clipboard (OSC 52 → navigator.clipboard).
    await page.press("y")
    clipboard = ""
    for _ in range(200):
        clipboard = await page.evaluate("navigator.clipboard.readText()", await_promise=True)
        if clipboard:
            break
        await asyncio.sleep(0.05)
    # The open page's citation: its title, its text and its source.
    assert clipboard.startswith(second), clipboard
    assert "Kirill Polyakov" in clipboard and "\n" in clipboard, clipboard

    # A source's address on a page opens in a new tab (OSC 8 link → new tab).
    await page.press("g")
    await page.wait_screen(lambda text: f"─ {first} ─" in text)
    await go_to_root(page, roots, "trade")  # its sources have addresses
    await page.press("tab")
    await page.press("G")
    text = await page.wait_screen(lambda text: "https://" in text)
    line = next(row for row in text.splitlines() if "https://" in row)
    start = line[line.index("https://") :].split()[0].rstrip("│")
    await click_text(page, "https://")
    opened = await browser.wait_event(
        lambda e: (
            e["method"] in ("Target.targetCreated", "Target.targetInfoChanged")
            and e["params"]["targetInfo"]["type"] == "page"
            and e["params"]["targetInfo"]["url"].startswith(start)
        )
    )
    assert opened["params"]["targetInfo"]["targetId"] != page.target
    if keys_bound("o"):
        # `o` opens the source through App.open_url, which the web driver hands to the page.
        seen = len(browser.events)
        await page.press("o")
        await browser.wait_event(
            lambda e: (
                e in browser.events[seen:]
                and e["method"] in ("Target.targetCreated", "Target.targetInfoChanged")
                and e["params"]["targetInfo"]["type"] == "page"
                and e["params"]["targetInfo"]["url"].startswith("http")
                and not e["params"]["targetInfo"]["url"].startswith(origin)
            )
        )
    await press_escape(page)

    # Live reload: an edit to the data shows in the open page. Last, because
    # after a reload the tree ignores j, g and G (in a terminal as well).
    trade = data_copy / "topics-4-trade.toml"
    trade.write_text(
        trade.read_text(encoding="utf-8").replace('en = "Trade" }', 'en = "Commerce" }', 1),
        encoding="utf-8",
    )
    await page.wait_screen(lambda text: "Commerce" in text)

    # Everything the page loaded came from our server: no CDN, no font service.
    urls = requests_of(browser, page)
    assert any(url.endswith(".ttf") for url in urls)
    assert any(url.startswith("ws://") for url in urls)
    host = origin.split("://", 1)[1]
    strangers = [url for url in urls if url.split("://", 1)[1].split("/", 1)[0] != host]
    assert strangers == [], strangers
    failed = [
        e
        for e in browser.events
        if e["method"] == "Network.loadingFailed" and e.get("sessionId") == page.session
    ]
    assert failed == []


async def test_tabs_sessions_the_cap_and_the_stop(
    browser: Browser, server: Server, roots: dict[str, list[str]]
) -> None:
    first = await browser.new_page(server.url)
    await first.wait_screen(shows_all(roots["en"]))
    await first.press("j")
    await first.wait_screen(lambda text: f"─ {roots['en'][1]} ─" in text)

    # A second tab: a session of its own, on the first screen, not the first tab's page.
    second = await browser.new_page(server.url)
    text = await second.wait_screen(shows_all(roots["en"]))
    assert f"─ {roots['en'][1]} ─" not in text
    assert len(server.sessions()) == 2

    # The cap (2 here): the third tab is told so, at once, and starts no process.
    third = await browser.new_page(server.url)
    busy = await third.evaluate("document.body.innerText")
    assert "as many tabs as it may (2)" in busy
    assert len(server.sessions()) == 2

    # A closed tab ends its process; then the waiting tab gets in.
    await second.close()
    wait_until(lambda: len(server.sessions()) == 1, what="the closed tab's process to end")
    # The server frees the tab's place a moment after its process ends (the known
    # race of test_serve.py's test_the_cap_a_closed_tab_and_the_stop): wait for it.
    wait_until(lambda: has_room(server.url), what="the closed tab's place under the cap")
    await third.goto(server.url)
    await third.wait_screen(shows_all(roots["en"]))
    assert len(server.sessions()) == 2

    # q quits that tab's coop-tui: the page says the session ended.
    await third.press("q")
    await third.wait_js("!document.getElementById('overlay').hidden")
    assert "session has ended" in await third.evaluate("document.body.innerText")
    wait_until(lambda: len(server.sessions()) == 1, what="the quit session's process to end")

    # Stopping the server: the open tab says so, and no process is left.
    sessions = server.sessions()
    code, seconds, _, err = server.stop(signal.SIGTERM)
    assert code == 143, err
    await first.wait_js("!document.getElementById('overlay').hidden")
    assert "server has stopped" in await first.evaluate("document.body.innerText")
    assert live_processes_marked(server.marker.split("=")[1]) == []
    assert all(not Path(f"/proc/{pid}").exists() for pid in sessions)
    print(f"SIGTERM to no process left: {seconds:.2f} s")


OPEN_URL_APP = """
import sys
from textual.app import App
from textual.widgets import Static


class OpenUrl(App):
    BINDINGS = [("o", "open", "Open")]

    def compose(self):
        yield Static("open-url app ready")

    def on_mount(self):
        # No key has been pressed: the browser's popup blocker refuses this one.
        self.set_timer(0.3, lambda: self.open_url("http://127.0.0.1:9/unasked"))

    def action_open(self):
        self.open_url("http://127.0.0.1:9/source-page")


OpenUrl().run()
"""

SERVE_APP = """
import asyncio, sys
from tui.web.server import SessionServer, serve

def ready(host, port):
    print(f"coop-tui serve: http://{host}:{port}/ (test)", flush=True)

asyncio.run(serve(SessionServer(sys.argv[1]), "127.0.0.1", 0, ready))
"""


async def test_app_open_url_reaches_a_new_tab(browser: Browser, tmp_path: Path) -> None:
    # What `o` does in coop-tui (App.open_url), through the web driver, the
    # server and the page: a new tab; where the browser blocks it, the address.
    # The addresses are on a closed loopback port: nothing leaves the machine.
    import shlex
    import sys

    app = tmp_path / "open_url_app.py"
    app.write_text(OPEN_URL_APP, encoding="utf-8")
    command = "exec " + shlex.join([sys.executable, str(app)])
    with Server(argv=[sys.executable, "-c", SERVE_APP, command]) as server:
        page = await browser.new_page(server.url)
        await page.wait_screen(lambda text: "open-url app ready" in text)
        notice = await page.wait_js(
            "!document.getElementById('notice').hidden"
            " && document.getElementById('notice').textContent"
        )
        assert "did not open a new tab" in notice and "http://127.0.0.1:9/unasked" in notice
        await page.press("o")
        opened = await browser.wait_event(
            lambda e: (
                e["method"] in ("Target.targetCreated", "Target.targetInfoChanged")
                and e["params"]["targetInfo"]["url"] == "http://127.0.0.1:9/source-page"
            )
        )
        assert opened["params"]["targetInfo"]["targetId"] != page.target
        server.stop()
