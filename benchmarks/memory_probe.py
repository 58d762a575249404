"""Where the memory of a big data set goes: the data set, the search index, typing.

    python benchmarks/memory_probe.py DATA_DIR [--no-trace]
    python benchmarks/memory_probe.py DATA_DIR --app [--query enterprise]

In-process (the default), it loads DATA_DIR (e.g. one made by make_dataset.py), builds the search index of
both languages and types a few queries letter by letter, as the search box
does. Prints the process's peak RSS (ru_maxrss) after each step and, unless
--no-trace, tracemalloc's count of the Python memory each step added and kept
(tracemalloc slows the load several times and adds its own memory to the RSS:
take the RSS figures from a --no-trace run).

With --app it measures coop-tui itself from outside, as benchmarks/bench.py
does: the app in an 80x24 pseudo-terminal, its peak RSS (VmHWM) at first paint,
once all data is loaded and checked, and after a query typed letter by letter
into the search line (each letter answered before the next).
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.loader import load_dataset
from tui.search import SearchIndex

QUERIES = ["enterprise", "по", "gomsel", "деревообрабатывающий", "contract 2019", "ent", "s"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def app(data: Path, query: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import Term, huge

    program = huge(data)
    term = Term(program.argv)
    try:
        term.wait_for(program.paint)
        print(f"app, first paint: peak RSS {term.peak_rss_mb():.1f} MB")
        term.wait_for(program.loaded, timeout=900)
        term.settle()
        print(f"app, all loaded: peak RSS {term.peak_rss_mb():.1f} MB")
        term.send(b"/")
        term.settle()
        for letter in query:
            since = len(term.out)
            term.send(letter.encode())
            term.wait_for(["match"], since)
            term.settle()
        print(f"app, after typing {query!r}: peak RSS {term.peak_rss_mb():.1f} MB")
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--no-trace", action="store_true")
    parser.add_argument("--app", action="store_true", help="measure coop-tui from outside")
    parser.add_argument("--query", default="enterprise", help="what --app types")
    args = parser.parse_args()
    if args.app:
        app(args.data, args.query)
        return
    trace = not args.no_trace
    if trace:
        tracemalloc.start()

    def kept() -> float:
        gc.collect()
        return tracemalloc.get_traced_memory()[0] / 1e6 if trace else float("nan")

    base = kept()
    print(f"start: peak RSS {peak_mb():.1f} MB")
    dataset = load_dataset([args.data])
    loaded = kept()
    print(f"loaded: peak RSS {peak_mb():.1f} MB; data set {loaded - base:.1f} MB")
    index = SearchIndex.build(dataset)
    built = kept()
    print(f"index: peak RSS {peak_mb():.1f} MB; index {built - loaded:.1f} MB")
    top = 0.0
    for query in QUERIES:
        for lang in ("ru", "en"):
            for end in range(1, len(query) + 1):
                index.find(query[:end], lang)
                if trace:
                    top = max(top, tracemalloc.get_traced_memory()[1] / 1e6)
    typed = kept()
    print(
        f"typed: peak RSS {peak_mb():.1f} MB; kept while typing {typed - built:.1f} MB"
        + (f", traced peak {top - built:.1f} MB over the index" if trace else "")
    )


if __name__ == "__main__":
    main()
