"""What each ↓ in coop-tui's tree writes to the terminal, byte by byte, by kind and by place.

usage: python benchmarks/bytes_probe.py [--keys N] [--rounds N] [--dump DIR] [--compare DIR ...]
                                        [--data DIR] [--timeline] [--tree]

coop-tui runs in a pseudo-terminal of 80x24 on the bundled data (as benchmarks/bench.py
runs it): → opens the first topic, then each ↓ walks its subtopics; every byte written
for a ↓ until 150 ms of quiet is kept and taken apart:

- by kind: colour escapes (the SGR that starts a run of one style), resets (ESC[0m),
  cursor moves (CUP; "stray" when nothing is written before the next move or line
  end), line ends (the \\n after each row, \\r\\n on the wire), spaces, other text,
  other escapes (synchronised output and the like);
- by place: the tree, the detail pane's title row, the pane's page, its scrollbar,
  elsewhere; with the number of runs (one colour escape each) in each place.

The place of a byte is where the terminal's cursor is when it is written (the
layout is read from the first screen: the detail box is the second box of the
row under the title bar). `--compare DIR` runs the same keys, in turns, with the
coop-tui found in DIR (a checkout: its `tui` package comes first on PYTHONPATH),
so that two versions are measured in the same run. `--dump DIR` writes each ↓'s
bytes to DIR/<program>-<n>.bin. `--timeline` adds bench.py's timeline steps (t, ↓ and
PgDn in it: their bytes only), `--data` measures another data set (bench.py's
generated ones), `--tree` the bare Tree app's ↓ (its bytes only).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import bench  # noqa: E402
import pyte  # noqa: E402
from bench import COLS, DOWN, ROWS, Term, bare_tree, coop  # noqa: E402
from rich.cells import cell_len  # noqa: E402

from tui.loader import load_dataset  # noqa: E402
from tui.paths import bundled_data_path  # noqa: E402

_TOKEN = re.compile(
    rb"(?P<cup>\x1b\[(?P<row>\d*)(?:;(?P<col>\d*))?H)"
    rb"|(?P<cha>\x1b\[(?P<column>\d*)G)"
    rb"|(?P<sgr>\x1b\[[0-9;]*m)"
    rb"|(?P<esc>\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.)"
    rb"|(?P<eol>\r?\n)"
    rb"|(?P<text>[^\x1b\r\n]+)"
)

PLACES = ("tree", "title", "page", "scrollbar", "elsewhere")
KINDS = ("colour", "reset", "move", "stray move", "line end", "spaces", "text", "other escape")


@dataclass
class Layout:
    """Where the places are on the 80x24 screen (0-based columns and rows)."""

    box_left: int  # the detail box's left border
    box_right: int  # its right border
    box_top: int  # its title row
    box_bottom: int

    def place(self, x: int, y: int) -> str:
        if not self.box_top <= y <= self.box_bottom:
            return "elsewhere"
        if x < self.box_left:
            return "tree"
        if y == self.box_top:
            return "title"
        # The page, its scrollbar, then a blank column inside the box's border.
        if x == self.box_right - 2:
            return "scrollbar"
        if x < self.box_right - 2:
            return "page"
        return "elsewhere"


def read_layout(raw: bytes) -> Layout:
    screen = pyte.Screen(COLS, ROWS)
    pyte.ByteStream(screen).feed(raw)
    for y in range(ROWS):
        row = screen.display[y]
        corners = [x for x, char in enumerate(row) if char == "╭"]
        if len(corners) >= 2:
            left = corners[1]
            right = row.index("╮", left)
            bottom = next(b for b in range(y + 1, ROWS) if screen.display[b][left] == "╰")
            return Layout(left, right, y, bottom)
    raise SystemExit("no detail box on the first screen:\n" + "\n".join(screen.display))


@dataclass
class Breakdown:
    bytes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (place, kind) -> bytes
    runs: Counter[str] = field(default_factory=Counter)  # place -> runs
    rows: Counter[str] = field(default_factory=Counter)  # place -> rows written to
    total: int = 0


def take_apart(raw: bytes, layout: Layout) -> Breakdown:
    out = Breakdown(total=len(raw))
    x = y = 0
    tokens = list(_TOKEN.finditer(raw))
    written_rows: set[tuple[str, int]] = set()
    for index, token in enumerate(tokens):
        size = token.end() - token.start()
        kind = token.lastgroup
        if kind in ("cup", "cha"):
            if kind == "cup":
                y, x = int(token["row"] or 1) - 1, int(token["col"] or 1) - 1
            else:
                x = int(token["column"] or 1) - 1
            after = tokens[index + 1].lastgroup if index + 1 < len(tokens) else None
            stray = after in (None, "cup", "cha", "eol")
            out.bytes[(layout.place(x, y), "stray move" if stray else "move")] += size
        elif kind == "sgr":
            place = layout.place(x, y)
            if token.group() in (b"\x1b[0m", b"\x1b[m"):
                # A reset ends the run before it, at the cell before the cursor.
                out.bytes[(layout.place(max(0, x - 1), y), "reset")] += size
            else:
                out.bytes[(place, "colour")] += size
                out.runs[place] += 1
        elif kind == "eol":
            out.bytes[(layout.place(max(0, x - 1), y), "line end")] += size
            x, y = 0, y + 1
        elif kind == "text":
            text = token.group().decode("utf-8", errors="replace")
            for char in text:
                place = layout.place(x, y)
                written_rows.add((place, y))
                size = len(char.encode("utf-8"))
                out.bytes[(place, "spaces" if char == " " else "text")] += size
                x += cell_len(char)
        else:
            out.bytes[(layout.place(x, y), "other escape")] += size
    for place, _row in written_rows:
        out.rows[place] += 1
    return out


@dataclass
class Version:
    """A program measured: bench.py's description of it, and the bytes each step wrote."""

    name: str
    program: bench.Program
    pythonpath: str | None = None
    presses: list[bytes] = field(default_factory=list)  # each ↓ in the tree
    steps: dict[str, list[int]] = field(default_factory=dict)  # bytes of each timed step
    first_screen: bytes = b""


def run(version: Version) -> None:
    program = version.program
    if version.pythonpath is not None:
        os.environ["PYTHONPATH"] = version.pythonpath
    else:
        os.environ.pop("PYTHONPATH", None)
    # `python -m tui` finds the package in the working directory first.
    os.chdir(version.pythonpath or HERE.parent)
    term = Term(program.argv)
    try:
        term.wait_for(program.paint)
        if program.loaded:
            term.wait_for(program.loaded, timeout=900)
        term.settle()
        if not version.first_screen:
            version.first_screen = bytes(term.out)
        for key, marker in program.prepare:
            since = len(term.out)
            term.send(key)
            term.wait_for([marker], since)
            term.settle()
        for marker in program.key_markers:
            since = len(term.out)
            term.send(DOWN)
            term.wait_for([marker], since)
            term.settle()
            version.presses.append(bytes(term.out[since:]))
        for name, key, marker in program.timed:
            since = len(term.out)
            term.send(key)
            term.wait_for([marker], since)
            term.settle()
            version.steps.setdefault(name, []).append(len(term.out) - since)
    finally:
        term.close()


def report(version: Version, layout: Layout | None) -> None:
    sizes = [len(p) for p in version.presses]
    print(f"\n## {version.name}: {len(sizes)} presses of ↓")
    print(f"bytes per ↓: median {statistics.median(sizes):.0f}, mean {statistics.mean(sizes):.0f}")
    print("each: " + " ".join(str(s) for s in sizes))
    for name, values in version.steps.items():
        print(f"bytes for {name}: median {statistics.median(values):.0f} (of {len(values)})")
    if layout is None:
        return
    parts = [take_apart(p, layout) for p in version.presses]
    n = len(parts)
    print(f"\nmean bytes per ↓ by place and kind (of {n} presses; runs = colour escapes)")
    header = f"{'':12}" + "".join(f"{k:>9}" for k in KINDS) + f"{'all':>8}{'runs':>7}{'rows':>6}"
    print(header)
    for place in PLACES:
        row = [sum(p.bytes[(place, kind)] for p in parts) / n for kind in KINDS]
        runs = sum(p.runs[place] for p in parts) / n
        rows = sum(p.rows[place] for p in parts) / n
        if sum(row) == 0:
            continue
        cells = "".join(f"{v:9.0f}" for v in row)
        print(f"{place:12}{cells}{sum(row):8.0f}{runs:7.1f}{rows:6.1f}")
    totals = [sum(p.bytes[(pl, kind)] for p in parts for pl in PLACES) / n for kind in KINDS]
    print(
        f"{'all':12}"
        + "".join(f"{v:9.0f}" for v in totals)
        + f"{sum(totals):8.0f}{sum(sum(p.runs.values()) for p in parts) / n:7.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path, action="append", default=[])
    parser.add_argument("--data", type=Path, help="a data folder instead of the bundled data")
    parser.add_argument(
        "--timeline", action="store_true", help="also t, ↓ and PgDn in the timeline"
    )
    parser.add_argument("--tree", action="store_true", help="also the bare Tree app")
    args = parser.parse_args()
    dataset = load_dataset([args.data or bundled_data_path()])
    template = coop(dataset, args.data, args.keys)
    if not args.timeline:
        template.timed = []
    versions = [Version("coop-tui (this checkout)", template, str(HERE.parent))]
    for other in args.compare:
        versions.append(Version(f"coop-tui ({other})", template, str(other.resolve())))
    if args.tree:
        versions.append(Version("bare Tree app", bare_tree(100, args.keys)))
    for _ in range(args.rounds):
        for version in versions:
            run(version)
    for index, version in enumerate(versions):
        layout = read_layout(version.first_screen) if index <= len(args.compare) else None
        report(version, layout)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            for n, raw in enumerate(version.presses):
                (args.dump / f"{index}-{n}.bin").write_bytes(raw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
