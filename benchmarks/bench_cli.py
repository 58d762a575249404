"""How long the command line takes, and what watching the data costs.

Run from the repository:  python benchmarks/bench_cli.py
Prints the median wall time of each command over several runs (a fresh
Python process each time, as a user's shell starts it), then the cost of one
poll of the data watcher on the bundled data. Numbers, not limits: nothing
here fails.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMANDS = [
    ["-c", "pass"],  # bare Python, for comparison
    ["-m", "tui", "--version"],
    ["-m", "tui", "--help"],
    ["-m", "tui", "schema"],
    ["-m", "tui", "check"],
    ["-m", "tui", "export", "--format", "json"],
    ["-m", "tui", "export", "--format", "text"],
]


def median_ms(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"median of {runs} runs, {sys.executable} {sys.version.split()[0]}")
    for args in COMMANDS:
        print(f"{median_ms(args, runs):8.1f} ms  python {' '.join(args)}")

    from tui.paths import bundled_data_path
    from tui.watch import DataWatcher

    watcher = DataWatcher([bundled_data_path()])
    polls = 2000
    start = time.perf_counter()
    for _ in range(polls):
        watcher.poll()
    per_poll = (time.perf_counter() - start) / polls * 1e6
    files = len(watcher.state()) - 1
    print(f"{per_poll:8.1f} µs  one watcher poll of {files} files (4 polls a second while running)")


if __name__ == "__main__":
    main()
