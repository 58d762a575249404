"""Measure `coop-tui serve` in headless Chromium beside coop-tui in a terminal.

usage: python benchmarks/bench_web.py [--repeat N] [--tabs N]

Needs the web extra (`pip install -e '.[test]'` or `'.[web]'`) and Debian's
`chromium`. Everything stays on the machine: the server listens on 127.0.0.1
and Chromium sends nothing past loopback (tests/cdp.py).

- first screen, browser: from the page's navigation start (performance.now()
  in the tab) until xterm.js's rows show every root topic's name: the page,
  xterm.js and the font from our server, the WebSocket, a new coop-tui process
  under Textual's web driver, its first frames, and xterm.js drawing them.
  A MutationObserver (installed before the page's own scripts) notes the moment.
- first screen, terminal: spawn until the same names are written to an 80x24
  pseudo-terminal (as benchmarks/bench.py measures it).
  The two take turns, in a new order each round, after one unmeasured run of each.
- memory per session: with --tabs tabs open on their first screen, each
  session process's RSS, its peak (VmHWM) and its PSS (shared pages split
  between the sessions: what one more tab costs), and the server's own RSS;
  beside the peak RSS of coop-tui in a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from bench import Term, machine  # noqa: E402
from cdp import Browser, Page, find_chromium  # noqa: E402

from tui.loader import load_dataset  # noqa: E402
from tui.paths import bundled_data_path  # noqa: E402

# About 80x24 cells of 16 px Roboto Mono, to match the terminal's size.
WINDOW = (772, 600)

OBSERVER = """
window.__coopTimes = {};
const NativeSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new NativeSocket(...args);
  window.__coopTimes.socket = performance.now();
  socket.addEventListener('open', () => { window.__coopTimes.open = performance.now(); });
  socket.addEventListener('message', () => {
    window.__coopTimes.firstByte = window.__coopTimes.firstByte || performance.now();
  });
  return socket;
};
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
window.__coopFirstScreen = new Promise(resolve => {
  const names = %s;
  const check = () => {
    const rows = document.querySelector('.xterm-rows');
    if (rows && names.every(name => rows.textContent.includes(name))) {
      resolve(performance.now());
      return true;
    }
    return false;
  };
  const start = () => {
    if (check()) return;
    const watch = new MutationObserver(() => { if (check()) watch.disconnect(); });
    watch.observe(document.body, {childList: true, subtree: true, characterData: true});
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
});
"""


def proc_kb(pid: int, field: str, name: str = "status") -> int:
    text = Path(f"/proc/{pid}/{name}").read_text()
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        time.sleep(0.02)


STAGES = ("socket", "open", "firstByte", "screen")


async def open_tab(browser: Browser, url: str, names: list[str]) -> tuple[Page, dict[str, float]]:
    """A new tab on `url`; milliseconds from its navigation start to each stage.

    socket: page, scripts and font loaded, WebSocket asked for; open: it is
    open (the session process is spawned then); firstByte: the app's first
    output; screen: the root topics' names drawn.
    """
    page = await browser.new_page()
    await page.send("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER % names})
    await page.goto(url)
    screen = await page.evaluate("window.__coopFirstScreen", await_promise=True)
    times = await page.evaluate("window.__coopTimes")
    return page, {**{k: float(v) for k, v in times.items()}, "screen": float(screen)}


def terminal_paint(names: list[str]) -> tuple[float, float]:
    """Seconds from spawn to the first screen in an 80x24 pty, and the peak RSS (MB)."""
    term = Term([sys.executable, "-m", "tui", "--lang", "en"])
    try:
        seconds = term.wait_for(names)
        term.settle()
        return seconds, term.peak_rss_mb()
    finally:
        term.close()


async def measure(repeat: int, tabs: int) -> None:
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("bench_web: needs Chromium (apt-get install chromium)")
    dataset = load_dataset([bundled_data_path()])
    names = [topic.label("en") for topic in dataset.roots]
    work = Path(tempfile.mkdtemp(prefix="coop-bench-web-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui",
            "serve",
            "--port",
            "0",
            "--lang",
            "en",
            "--max-sessions",
            str(max(tabs, 1)),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    url = re.search(r"(http://\S+/)", server.stdout.readline()).group(1)  # type: ignore[union-attr]
    browser = await Browser.launch(chromium, window=WINDOW)
    try:

        async def browser_once() -> dict[str, float]:
            page, ms = await open_tab(browser, url, names)
            rows = await page.screen()
            browser_once.grid = f"{len(rows[0]) if rows else 0}x{len(rows)}"  # type: ignore[attr-defined]
            await page.close()
            wait_until(lambda: not children_of(server.pid))
            return ms

        browser_ms: list[dict[str, float]] = []
        terminal_ms: list[float] = []
        terminal_rss: list[float] = []
        await browser_once()  # unmeasured: .pyc files, the data cache, Chromium's own start
        terminal_paint(names)
        for _ in range(repeat):
            turns = ["browser", "terminal"]
            random.shuffle(turns)
            for turn in turns:
                if turn == "browser":
                    browser_ms.append(await browser_once())
                else:
                    seconds, rss = terminal_paint(names)
                    terminal_ms.append(seconds * 1000)
                    terminal_rss.append(rss)

        pages = [(await open_tab(browser, url, names))[0] for _ in range(tabs)]
        await asyncio.sleep(1.0)  # let each session settle after its first screen
        sessions = children_of(server.pid)
        rss = [proc_kb(pid, "VmRSS") / 1024 for pid in sessions]
        hwm = [proc_kb(pid, "VmHWM") / 1024 for pid in sessions]
        pss = [proc_kb(pid, "Pss", "smaps_rollup") / 1024 for pid in sessions]
        server_rss = proc_kb(server.pid, "VmRSS") / 1024
        for page in pages:
            await page.close()
    finally:
        await browser.close()
        server.terminate()
        server.wait(timeout=30)

    med = statistics.median
    grid = getattr(browser_once, "grid", "?")
    print(
        f"machine: {machine()}; Chromium {chromium}; browser grid {grid}; "
        f"medians of {repeat} rounds"
    )
    print("| measure | browser (coop-tui serve) | terminal (80x24 pty) | ratio |")
    print("|---|---|---|---|")
    screens = [run["screen"] for run in browser_ms]
    b, t = med(screens), med(terminal_ms)
    print(f"| first screen, bundled | {b:.0f} ms | {t:.0f} ms | {b / t:.2f}x |")
    print(
        f"| first screen, spread (min–max) | {min(screens):.0f}–{max(screens):.0f} ms"
        f" | {min(terminal_ms):.0f}–{max(terminal_ms):.0f} ms | |"
    )
    words = {
        "socket": "page, xterm.js and font loaded (WebSocket asked for)",
        "open": "WebSocket open (session process spawned)",
        "firstByte": "the app's first output",
        "screen": "first screen drawn",
    }
    for stage in STAGES:
        values = [run[stage] for run in browser_ms if stage in run]
        if values:
            print(f"| browser: {words[stage]} | {med(values):.0f} ms | | |")
    print(f"| memory per session, RSS ({len(sessions)} tabs open) | {med(rss):.0f} MB | | |")
    print(
        f"| memory per session, peak RSS | {med(hwm):.0f} MB | {med(terminal_rss):.0f} MB | "
        f"{med(hwm) / med(terminal_rss):.2f}x |"
    )
    print(f"| memory per session, PSS (what one more tab costs) | {med(pss):.0f} MB | | |")
    print(f"| the server itself, RSS | {server_rss:.0f} MB | | |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--tabs", type=int, default=4, help="tabs open for the memory figures")
    args = parser.parse_args()
    asyncio.run(measure(args.repeat, args.tabs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
