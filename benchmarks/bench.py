"""Measure coop-tui side by side with bare Textual apps, in one run, and print the table.

usage: python benchmarks/bench.py [--repeat N] [--sizes 1000,10000,100000] [--keys N] [--workdir DIR]
                                  [--huge 1000000] [--huge-repeat N] [--huge-only]

Run it with the project's venv python from a clone (`pip install -e .` or `pip install .`);
it needs nothing else. Every program runs in a pseudo-terminal of 80x24 and is
timed as a terminal sees it: from spawning the process until given text has
been written (escape sequences stripped). Figures are medians over --repeat
runs, taken in rounds (each program once per round); the ratios compare programs
measured in the same rounds, since absolute times on a shared machine drift from
run to run (first paint: the median of each round's ratio).

- first paint: spawn until the root topic names are on screen (coop-tui on the
  bundled data and on generated data sets of each size; `hello` for Textual).
  Every program runs once unmeasured first (.pyc files, the OS's file cache and
  coop-tui's data cache, under the run's own XDG_CACHE_HOME, as on any start but
  the very first); "empty cache" starts coop-tui with no data cache at all, as
  the first start after the data was edited.
- loaded: for a big data set, spawn until the whole data set is loaded and
  checked and the first topic's page is shown (the App opens before that).
- peak memory: the child's RSS high-water mark (VmHWM) after loading and the keys.
- key press: `↓` in the tree until the detail pane shows the new topic, and
  every byte written for that key (until 150 ms of quiet), against a bare
  Textual Tree with a detail pane (benchmarks/baseline_apps.py).
- search: every keystroke of a few queries typed at the biggest size: the
  search index's answer to the query typed so far (when tui.search exists), in
  wall time and in the thread's CPU time; each query is typed five times and a
  keystroke counts the median of its five (the worst single one is shown too).
- timeline: `t` after the ↓ presses (the data loaded, the timeline's walk done
  in the background), until the timeline's title with its count is on screen;
  then `↓` in it until the next line is drawn under the cursor, and `PgDn`
  until the line a page further is drawn, with every byte written for them.
- --huge sizes (a million facts): first paint, all data loaded and peak
  memory only, in rounds of their own (with the bare app again, for the ratio);
  the data set is not loaded by the benchmark itself.
- --version and check: the command's wall time.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import platform
import random
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_dataset import make_dataset  # noqa: E402

from tui.loader import load_dataset  # noqa: E402
from tui.model import Dataset  # noqa: E402
from tui.paths import bundled_data_path  # noqa: E402

COLS, ROWS = 80, 24
DOWN = b"\x1b[B"
RIGHT = b"\x1b[C"
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\|\x1b[()#].|\x1b."
)
_SPACES = re.compile(r"\s+")


def _plain(raw: bytes) -> str:
    """What the bytes say, without escape sequences and with runs of space as one."""
    return _SPACES.sub(" ", _ANSI.sub("", raw.decode("utf-8", errors="replace")))


class Term:
    """A program in a pseudo-terminal, and everything it has written so far."""

    def __init__(self, argv: list[str], cold_cache: bool = False) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        # Bytecode may be written: an installed coop-tui has its .pyc files (pip
        # compiles them), as Textual in the venv does.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TEXTUAL", "NO_COLOR", "PYTHONDONTWRITEBYTECODE"))
        }
        env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        self._cold_cache = tempfile.mkdtemp(prefix="coop-bench-cache-") if cold_cache else None
        if self._cold_cache is not None:
            env["XDG_CACHE_HOME"] = self._cold_cache
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.fd = master
        self.out = bytearray()
        self.last_output = self.start

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program has exited
            chunk = b""
        if not chunk:
            raise EOFError(_plain(bytes(self.out))[-400:])
        self.out += chunk
        self.last_output = time.perf_counter()
        return True

    def wait_for(self, markers: list[str], since: int = 0, timeout: float = 60.0) -> float:
        """Seconds from `self.start` until every marker has been written after byte `since`."""
        deadline = time.perf_counter() + timeout
        while True:
            text = _plain(bytes(self.out[since:]))
            if all(m in text for m in markers):
                return self.last_output - self.start
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{markers} not on screen: {text[-300:]!r}")
            self._read(deadline - time.perf_counter())

    def settle(self, quiet: float = 0.15, timeout: float = 30.0) -> None:
        """Read until nothing has been written for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if not self._read(quiet):
                return

    def send(self, data: bytes) -> float:
        os.write(self.fd, data)
        return time.perf_counter()

    def peak_rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            self.send(b"q")
            deadline = time.perf_counter() + 10
            while self.proc.poll() is None and time.perf_counter() < deadline:
                try:
                    self._read(0.05)
                except EOFError:
                    break
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            os.close(self.fd)
            if self._cold_cache is not None:
                shutil.rmtree(self._cold_cache, ignore_errors=True)


@dataclass
class Sample:
    paint: list[float] = field(default_factory=list)
    loaded: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    key_ms: list[float] = field(default_factory=list)
    key_bytes: list[int] = field(default_factory=list)
    # Per named step (see Program.timed): milliseconds and bytes written.
    step_ms: dict[str, list[float]] = field(default_factory=dict)
    step_bytes: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Program:
    name: str
    argv: list[str]
    paint: list[str]  # text that means the first screen is up
    loaded: list[str] = field(default_factory=list)  # text that means all data is in
    # The detail-pane text expected after each ↓, once `prepare` keys were sent.
    key_markers: list[str] = field(default_factory=list)
    prepare: list[tuple[bytes, str]] = field(default_factory=list)
    # Each run starts with an empty data cache: a first start, or one after an edit.
    cold_cache: bool = False
    # After the ↓ presses: (name, key, text that answers it), each timed on its own.
    timed: list[tuple[str, bytes, str]] = field(default_factory=list)


def warm_up(program: Program) -> None:
    """One run unmeasured: Python compiles the modules to .pyc, the OS reads the
    files into its cache and coop-tui stores the checked data, as on any start
    but a program's very first."""
    term = Term(program.argv, cold_cache=program.cold_cache)
    try:
        term.wait_for(program.paint)
        term.settle()
    finally:
        term.close()


def run_once(program: Program, sample: Sample) -> None:
    term = Term(program.argv, cold_cache=program.cold_cache)
    try:
        sample.paint.append(term.wait_for(program.paint))
        if program.loaded:
            # A million facts take minutes to load and check on a busy machine.
            sample.loaded.append(term.wait_for(program.loaded, timeout=900))
        term.settle()
        for key, marker in program.prepare:
            since = len(term.out)
            term.send(key)
            term.wait_for([marker], since)
            term.settle()
        for marker in program.key_markers:
            since = len(term.out)
            sent = term.send(DOWN)
            term.wait_for([marker], since)
            sample.key_ms.append((term.last_output - sent) * 1000)
            term.settle()
            sample.key_bytes.append(len(term.out) - since)
        for name, key, marker in program.timed:
            since = len(term.out)
            sent = term.send(key)
            term.wait_for([marker], since)
            sample.step_ms.setdefault(name, []).append((term.last_output - sent) * 1000)
            term.settle()
            sample.step_bytes.setdefault(name, []).append(len(term.out) - since)
        sample.rss.append(term.peak_rss_mb())
    finally:
        term.close()


def run_rounds(programs: list[Program], repeat: int) -> list[Sample]:
    """Every program `repeat` times, taking turns: a shared machine's load drifts
    over minutes, and programs measured in the same rounds see the same drift."""
    for program in programs:
        warm_up(program)
    samples = [Sample() for _ in programs]
    # A new order each round: what ran just before (a big data set's exit, say)
    # then weighs on every program alike.
    order = list(range(len(programs)))
    shuffle = random.Random(0).shuffle
    for _ in range(repeat):
        shuffle(order)
        for index in order:
            run_once(programs[index], samples[index])
    return samples


# -- the programs -----------------------------------------------------------------


def _detail_marker(dataset: Dataset, topic_id: str) -> str:
    """Text only the detail pane shows for a topic: the start of its summary or first fact."""
    topic = dataset.topics[topic_id]
    text = topic.summary or (topic.facts[0].text if topic.facts else topic.title)
    return _SPACES.sub(" ", text.get("en"))[:24].strip()


PAGE_DOWN = b"\x1b[6~"
# The timeline's list at 80x24: the screen less its border, padding and scrollbar.
TIMELINE_WIDTH = COLS - 4


def timeline_steps(dataset: Dataset, keys: int) -> list[tuple[str, bytes, str]]:
    """`t`, then ↓ `keys` times and PgDn twice in the timeline, with what each draws."""
    if importlib.util.find_spec("tui.timeline") is None:
        return []
    from tui.timeline import Entry, timeline_rows, topic_label_width
    from tui.ui.screens.timeline import entry_line

    rows = timeline_rows(dataset)
    entries = [row for row in rows if isinstance(row, Entry)]
    if len(entries) < keys + 60:
        return []
    width = topic_label_width(dataset, "en")

    def next_entry(row: int, step: int) -> int:
        # As the list's cursor moves: over the year headings to the next entry.
        while not isinstance(rows[row], Entry):
            row += step
        return row

    def drawn(row: int) -> str:
        line = entry_line(dataset, rows[row], "en", TIMELINE_WIDTH, width)  # type: ignore[arg-type]
        return _SPACES.sub(" ", line.plain[:40]).strip()

    steps = [("t", b"t", f"Timeline · {len(entries)} of {len(entries)}")]
    cursor = next_entry(0, 1)
    for _ in range(keys):
        cursor = next_entry(cursor + 1, 1)
        steps.append(("↓ in timeline", DOWN, drawn(cursor)))
    # PgDn moves the cursor a screen less one row: the list shows the screen
    # less the hints, the border, the filter and the status lines.
    page = ROWS - 5 - 1
    for _ in range(2):
        cursor = next_entry(min(cursor + page, len(rows) - 1), 1)
        steps.append(("PgDn in timeline", PAGE_DOWN, drawn(cursor)))
    return steps


def coop(dataset: Dataset, data: Path | None, keys: int, cold_cache: bool = False) -> Program:
    argv = [sys.executable, "-m", "tui", "--lang", "en"]
    if data is not None:
        argv += ["--data", str(data)]
    roots = dataset.roots
    first = roots[0]
    children = dataset.children(first.id)[:keys]
    return Program(
        name="coop-tui",
        argv=argv,
        paint=[root.label("en") for root in roots],
        loaded=[_detail_marker(dataset, first.id)],
        # → opens the first root; each ↓ then walks its subtopics.
        prepare=[(RIGHT, children[0].label("en")[:12])] if children else [],
        key_markers=[_detail_marker(dataset, child.id) for child in children],
        cold_cache=cold_cache,
        timed=[] if cold_cache else timeline_steps(dataset, keys),
    )


def huge(folder: Path) -> Program:
    """coop-tui on a data set too big to load here first: only first paint, load and memory.

    The roots come from the preview the App opens on, and the text that means
    "loaded" from the first root's own table, read alone.
    """
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    from tui.loader import data_files
    from tui.preview import preview_roots

    roots = preview_roots([folder]).roots
    first = roots[0].id
    summary = ""
    for file in data_files([folder]):
        raw = file.read_bytes()
        at = raw.find(f'id = "{first}"'.encode())
        if at < 0:
            continue
        start = raw.rfind(b"[[topic]]", 0, at)
        end = raw.find(b"\n[", at)
        table = tomllib.loads(raw[start + len(b"[[topic]]") : end].decode())
        summary = table["summary"]["en"]
        break
    return Program(
        name="coop-tui",
        argv=[sys.executable, "-m", "tui", "--lang", "en", "--data", str(folder)],
        paint=[root.label("en") for root in roots],
        loaded=[_SPACES.sub(" ", summary)[:24].strip()],
    )


def hello() -> Program:
    return Program(
        "hello", [sys.executable, str(HERE / "baseline_apps.py"), "hello"], ["hello ready"]
    )


def bare_tree(n: int, keys: int) -> Program:
    return Program(
        name=f"tree {n}",
        argv=[sys.executable, str(HERE / "baseline_apps.py"), "tree", str(n)],
        paint=["Center topic 000000"],
        # The cursor starts on the root "Topics": two ↓ reach the first topic.
        prepare=[(DOWN, "index: -1"), (DOWN, "index: 0")],
        key_markers=[f"index: {i}" for i in range(1, keys + 1)],
    )


def wall(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# Each query is typed this many times: a keystroke's figure is the median of
# its typings, so that one stall of a shared machine (another tenant's burst)
# does not stand for the keystroke. The single worst typing is shown too.
TYPINGS = 5


def search_keystrokes(dataset: Dataset) -> tuple[list[list[float]], list[list[float]]] | None:
    """Milliseconds of each keystroke of the typed queries, against the index of
    `dataset`, one list a keystroke with a figure a typing: wall time and the
    thread's CPU time (which the machine's other load does not stretch). The
    data set is frozen out of the garbage collector first, as the App does once
    a big data set is loaded."""
    if importlib.util.find_spec("tui.search") is None:
        return None
    import gc

    from tui import search

    gc.collect()
    gc.freeze()
    index = search.SearchIndex.build(dataset)
    times: list[list[float]] = []
    cpu: list[list[float]] = []
    queries = ("kolpino tractors", "тракторы колпино", "enterprise no. 42", "municipal machinery")
    for typing in range(TYPINGS):
        keystroke = 0
        for query in queries:
            lang = "ru" if query[0] > "z" else "en"
            results = None
            for end in range(1, len(query) + 1):
                results = None  # the last answer is let go first, as the App replaces it
                start, start_cpu = time.perf_counter(), time.thread_time()
                results = index.find(query[:end], lang)
                if typing == 0:
                    times.append([])
                    cpu.append([])
                cpu[keystroke].append((time.thread_time() - start_cpu) * 1000)
                times[keystroke].append((time.perf_counter() - start) * 1000)
                keystroke += 1
            del results
    gc.unfreeze()
    return times, cpu


# -- the table --------------------------------------------------------------------


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def round_ratio(ours: list[float], base: list[float]) -> float:
    """The median of each round's ratio: both programs ran in the same round, under the
    same load, and the load drifts between rounds."""
    return med([o / b for o, b in zip(ours, base)])


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(
        self,
        what: str,
        ours: float,
        base: float | None,
        unit: str,
        target: str = "",
        met: Callable[[float, float | None], bool] | None = None,
        ratio_of_rounds: float | None = None,
    ) -> None:
        """A row; `ratio_of_rounds` (the median of each round's ratio) replaces ours / base."""
        fmt = "{:.0f}" if unit in ("ms", "B", "MB") and ours >= 10 else "{:.1f}"
        ours_s = fmt.format(ours) + f" {unit}"
        base_s = (fmt.format(base) + f" {unit}") if base is not None else ""
        if ratio_of_rounds is not None:
            ratio = f"{ratio_of_rounds:.2f}x"
        else:
            ratio = f"{ours / base:.2f}x" if base else ""
        verdict = ("yes" if met(ours, base) else "NO") if met else ""
        self.rows.append((what, ours_s, base_s, ratio, target, verdict))

    def note(self, what: str, text: str, target: str = "") -> None:
        self.rows.append((what, text, "", "", target, ""))

    def print(self) -> None:
        head = ("measure (80x24)", "coop-tui", "bare Textual", "ratio", "target", "met")
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def measure_huge(table: Table, sizes: str, workdir: Path, repeat: int) -> None:
    """First paint, loading and peak memory of coop-tui on each of `sizes` facts."""
    for n in [int(n) for n in sizes.split(",") if n]:
        folder = workdir / f"facts-{n}"
        if not folder.is_dir():
            make_dataset(n, folder)
        print(f"measuring coop-tui on {n} facts in {repeat} rounds …", file=sys.stderr)
        # hello again in the same rounds: a ratio against the same drift.
        big, again = run_rounds([huge(folder), hello()], repeat)
        name = f"{n // 1000}k"
        ratio = round_ratio(big.paint, again.paint)
        table.add(
            f"first paint, {name}",
            med(big.paint) * 1000,
            med(again.paint) * 1000,
            "ms",
            "≤1.3x",
            lambda o, b, ratio=ratio: ratio <= 1.3,
            ratio,
        )
        table.add(f"all data loaded and checked, {name}", med(big.loaded) * 1000, None, "ms")
        table.add(
            f"peak memory, {name}",
            max(big.rss),
            max(again.rss),
            "MB",
            "<100 MB",
            lambda o, b: o < 100,
        )


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(ln.split(":", 1)[1].strip() for ln in info if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import textual

    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"Textual {textual.__version__}, {platform.system()} {platform.release()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keys", type=int, default=8, help="↓ presses measured per run")
    parser.add_argument("--workdir", type=Path, help="where the data sets are written")
    parser.add_argument(
        "--huge",
        default="",
        help="sizes measured only for first paint, loading and memory (e.g. 1000000), "
        "in rounds of their own after the others",
    )
    parser.add_argument("--huge-repeat", type=int, default=1)
    parser.add_argument("--huge-only", action="store_true", help="measure only the --huge sizes")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="coop-bench-"))
    r, keys = args.repeat, args.keys

    print(f"machine: {machine()}", file=sys.stderr)
    if args.huge_only:
        table = Table()
        measure_huge(table, args.huge, workdir, args.huge_repeat)
        print(f"\nmachine: {machine()}; medians of {args.huge_repeat} runs\n")
        table.print()
        return 0
    datasets: dict[str, tuple[Path | None, Dataset]] = {
        "bundled": (None, load_dataset([bundled_data_path()]))
    }
    for n in sizes:
        folder = workdir / f"facts-{n}"
        if not folder.is_dir():
            make_dataset(n, folder)
        datasets[f"{n // 1000}k"] = (folder, load_dataset([folder]))

    # coop-tui keeps checked small data sets in its cache folder: here, one of
    # the run's own, so that runs neither share nor leave anything behind.
    os.environ["XDG_CACHE_HOME"] = str(workdir / "cache")
    table = Table()
    print("measuring hello, tree 100 …", file=sys.stderr)
    programs = [hello(), bare_tree(100, keys)]
    programs += [coop(dataset, folder, keys) for folder, dataset in datasets.values()]
    programs.append(coop(datasets["bundled"][1], None, 0, cold_cache=True))
    print(f"measuring {len(programs)} programs in {r} rounds …", file=sys.stderr)
    samples = run_rounds(programs, r)
    base_hello, base_tree, *measured, cold = samples
    for program, sample in zip(programs, samples):
        # Every start, for a look at the spread behind the medians.
        paints = " ".join(f"{p * 1000:.0f}" for p in sample.paint)
        print(f"first paint, {program.name} {program.argv[-1]}: {paints} ms", file=sys.stderr)
    results: dict[str, Sample] = dict(zip(datasets, measured))

    hello_ms = med(base_hello.paint) * 1000
    biggest = list(datasets)[-1]
    for name, sample in results.items():
        limit = 1.2 if name == "bundled" else 1.3
        ratio = round_ratio(sample.paint, base_hello.paint)
        table.add(
            f"first paint, {name}",
            med(sample.paint) * 1000,
            hello_ms,
            "ms",
            f"≤{limit}x" if name in ("bundled", biggest) else "",
            (lambda o, b, limit=limit, ratio=ratio: ratio <= limit)
            if name in ("bundled", biggest)
            else None,
            ratio,
        )
    table.add(
        "first paint, bundled, empty cache",
        med(cold.paint) * 1000,
        hello_ms,
        "ms",
        ratio_of_rounds=round_ratio(cold.paint, base_hello.paint),
    )
    for name, sample in results.items():
        if name != "bundled":
            table.add(f"all data loaded and checked, {name}", med(sample.loaded) * 1000, None, "ms")
    hello_rss = max(base_hello.rss)
    for name in ("bundled", biggest):
        table.add(
            f"peak memory, {name}",
            max(results[name].rss),
            hello_rss,
            "MB",
            "<100 MB" if name == biggest else "",
            (lambda o, b: o < 100) if name == biggest else None,
        )
    tree_ms, tree_bytes = med(base_tree.key_ms), med(base_tree.key_bytes)
    for name in ("bundled", biggest):
        sample = results[name]
        table.add(
            f"↓ to detail pane, {name}",
            med(sample.key_ms),
            tree_ms,
            "ms",
            "≤1x tree",
            lambda o, b: o <= b * 1.05,  # 5 %: the spread between runs of the same program
        )
        table.add(
            f"bytes per ↓, {name}",
            med(sample.key_bytes),
            tree_bytes,
            "B",
            "≤2 KB" if name == "bundled" else "≤~3 KB",
            (lambda o, b: o <= 2048) if name == "bundled" else (lambda o, b: o <= 3200),
        )
    for name in ("bundled", biggest):
        sample = results[name]
        if "t" not in sample.step_ms:
            continue
        table.add(
            f"t: timeline on screen, {name}",
            med(sample.step_ms["t"]),
            None,
            "ms",
            "<100 ms",
            lambda o, b: o < 100,
        )
        table.add(f"bytes for t, {name}", med(sample.step_bytes["t"]), None, "B")
        table.add(
            f"↓ in the timeline, {name}",
            med(sample.step_ms["↓ in timeline"]),
            tree_ms,
            "ms",
            "≤1x tree",
            lambda o, b: o <= b * 1.05,
        )
        table.add(
            f"bytes per ↓ in the timeline, {name}",
            med(sample.step_bytes["↓ in timeline"]),
            tree_bytes,
            "B",
            "≤~3 KB",
            lambda o, b: o <= 3200,
        )
        table.add(
            f"PgDn in the timeline, {name}", med(sample.step_ms["PgDn in timeline"]), None, "ms"
        )
        table.add(
            f"bytes per PgDn in the timeline, {name}",
            med(sample.step_bytes["PgDn in timeline"]),
            None,
            "B",
        )
    measure_huge(table, args.huge, workdir, args.huge_repeat)
    keystrokes = search_keystrokes(datasets[biggest][1])
    if keystrokes is None:
        table.note(f"search keystroke, {biggest}", "n/a (no search yet)", "<30 ms")
    else:
        times, cpu = keystrokes
        table.add(
            f"search keystroke, {biggest} (median)",
            med([t for typings in times for t in typings]),
            None,
            "ms",
        )
        table.add(
            f"search keystroke, {biggest} (worst)",
            max(med(typings) for typings in times),
            None,
            "ms",
            "≤16 ms",
            lambda o, b: o <= 16,
        )
        table.add(
            f"search keystroke, {biggest} (worst, CPU time)",
            max(med(typings) for typings in cpu),
            None,
            "ms",
            "≤16 ms",
            lambda o, b: o <= 16,
        )
        table.add(
            f"search keystroke, {biggest} (worst single typing, CPU time)",
            max(max(typings) for typings in cpu),
            None,
            "ms",
        )
    python_ms = wall([sys.executable, "-c", "pass"], r) * 1000
    table.add(
        "coop-tui --version",
        wall([sys.executable, "-m", "tui", "--version"], r) * 1000,
        python_ms,
        "ms",
    )
    check = [sys.executable, "-m", "tui", "check"]
    # An unknown sub-command would be taken for something else: ask its help.
    usage = subprocess.run(check + ["--help"], capture_output=True, text=True, check=False).stdout
    has_check = "check" in usage.split("\n", 1)[0]
    if has_check:
        folder = datasets[biggest][0]
        table.add(
            f"coop-tui check, {biggest}",
            wall(check + ["--data", str(folder)], 1) * 1000,
            None,
            "ms",
        )
    else:
        table.note("coop-tui check", "n/a (no check command yet)")
    print(
        f"\nmachine: {machine()}; medians of {r} runs, {keys} key presses each; "
        f"bare Textual: hello for start-up and memory, tree of 100 topics for keys, "
        f"`python -c pass` for --version\n"
    )
    table.print()
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
