"""Where coop-tui's first paint goes, step by step, beside a bare Textual app's.

usage: python benchmarks/profile_paint.py [--rounds 9] [--data PATH] [--importtime-runs 3]
                                          [--modules N] [--baseline CHECKOUT]

Both programs run in an 80x24 pseudo-terminal (benchmarks/bench.py's), in
rounds: each round starts coop-tui and the bare app (`baseline_apps.py hello`)
once each, in a new order, so that both share the machine's drift; figures are
medians over the rounds, and ratios are medians of each round's ratio. Every
program runs once unmeasured first (.pyc files, coop-tui's data cache).

Each start runs under benchmarks/paint_probe.py, a hook on the benchmark's side
that notes when each step ended (see there): Python up, Textual's core
imported, the program's own imports and set-up until its App is created, the
stylesheets parsed, compose, CSS applied to the widgets, the first layout, the
first render, the first frame written; the first paint is when the first
screen's text has arrived in the terminal, seen from outside (as bench.py and
termbench see it). A second measure, without the probe, checks that the probe
costs nothing that matters. The process's CPU time until the first frame is
reported too: on a machine loaded by other work, wall times stretch by
several times and ratios of them swing, while CPU time hardly moves.

The imports are split by package with `python -X importtime` (separate runs:
it slows imports down), as the sum of each module's own time: ours (tui),
Textual's, Rich's and the rest (standard library, tomli); only the modules
imported by the time the first frame is written count. With --modules, the
modules coop-tui imports before its first frame and the bare app does not are
listed, the costliest first.

--data PATH profiles coop-tui on a data folder (a big one opens on a preview
of its roots while the rest loads; see README). --baseline CHECKOUT measures
another checkout of coop-tui (say, a worktree of main) in the same rounds, so
that what a change moved is seen against the same drift.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import Term, machine  # noqa: E402

PROBE = str(HERE / "paint_probe.py")
BARE = str(HERE / "baseline_apps.py")

# (row, how it is computed from a run's marks) — in the order they happen.
STEPS: list[tuple[str, str]] = [
    ("Python start-up (spawn → interpreter running)", "python"),
    ("Textual's core imported (textual.app, CSS, driver)", "textual"),
    ("the program's imports and set-up, until App()", "setup"),
    ("App() created", "app_init"),
    ("App() → run", "to_run"),
    ("stylesheets parsed (Stylesheet.parse)", "parse"),
    ("compose (the App's widgets made)", "compose"),
    ("CSS applied to the widgets (apply, update_nodes)", "styling"),
    ("first layout (compositor reflow)", "layout"),
    ("first render (compositor render_update: the strips)", "render"),
    ("rest of start-up (event loop, mounting, on_mount, messages)", "other"),
    ("of all the above: garbage collector pauses", "gc"),
    ("first frame written → on screen", "to_screen"),
]
TOTALS: list[tuple[str, str]] = [
    ("CPU time: interpreter start-up", "cpu_python"),
    ("CPU time: until App() (imports, data, set-up)", "cpu_app_init"),
    ("CPU time: until the first frame is written", "cpu_frame"),
    ("first frame written (in the process)", "frame_write"),
    ("first paint (seen from outside)", "paint"),
    ("first paint without the probe (seen from outside)", "plain_paint"),
]


def steps_of(run: dict[str, float]) -> dict[str, float]:
    """Milliseconds per step of one probed start, from its marks (seconds since spawn)."""
    m, spent = run["marks"], run["spent"]  # type: ignore[index]
    ms = {k: v * 1000 for k, v in m.items()}  # type: ignore[attr-defined]
    out = {
        "python": ms["python"],
        "textual": ms["textual"] - ms["python"],
        "setup": ms["app_init"] - ms["textual"],
        "app_init": ms["app_created"] - ms["app_init"],
        "to_run": ms["run"] - ms["app_created"],
    }
    for step in ("parse", "compose", "styling", "layout", "render"):
        out[step] = spent.get(step, 0.0) * 1000  # type: ignore[attr-defined]
    out["gc"] = sum(spent.get(f"gc{n}", 0.0) for n in range(3)) * 1000  # type: ignore[attr-defined]
    inside = sum(out[s] for s in ("parse", "compose", "styling", "layout", "render"))
    out["other"] = ms["frame_write"] - ms["run"] - inside
    out["to_screen"] = run["paint"] * 1000 - ms["frame_write"]  # type: ignore[operator]
    out["frame_write"] = ms["frame_write"]
    out["paint"] = run["paint"] * 1000  # type: ignore[operator]
    cpu = run["cpu"]
    out["cpu_python"] = cpu["python"] * 1000  # type: ignore[index]
    out["cpu_app_init"] = cpu["app_init"] * 1000  # type: ignore[index]
    out["cpu_frame"] = cpu["frame_write"] * 1000  # type: ignore[index]
    return out


class Program:
    def __init__(
        self, name: str, argv: list[str], marker: list[str], env: dict[str, str] | None = None
    ) -> None:
        self.name, self.argv, self.marker = name, argv, marker
        self.env = env or {}

    def start(self, probe_out: str | None, extra: list[str] = ()) -> Term:  # type: ignore[assignment]
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            if probe_out is None:
                os.environ.pop("PAINT_PROBE_OUT", None)
                argv = [sys.executable, *extra, *self.argv]
            else:
                os.environ["PAINT_PROBE_OUT"] = probe_out
                argv = [sys.executable, *extra, PROBE, *self.argv]
            return Term(argv)  # the environment is copied here
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def probed(self, workdir: Path) -> dict[str, object]:
        out = str(workdir / "probe.json")
        if os.path.exists(out):
            os.remove(out)
        term = self.start(out)
        try:
            paint = term.wait_for(self.marker)
            term.settle()
        finally:
            term.close()
        with open(out, encoding="utf-8") as file:
            run: dict[str, object] = json.load(file)
        # The probe's clock is the benchmark's (perf_counter is the system's
        # monotonic clock): make every mark relative to the spawn.
        run["marks"] = {k: v - term.start for k, v in run["marks"].items()}  # type: ignore[attr-defined]
        run["paint"] = paint
        return run

    def plain(self) -> float:
        term = self.start(None)
        try:
            return term.wait_for(self.marker) * 1000
        finally:
            term.close()

    def imports(self, workdir: Path) -> tuple[dict[str, float], dict[str, float]]:
        """Milliseconds of import time per package (-X importtime, own times summed),
        and per module."""
        # Probed, to know which modules were imported by the first frame: what
        # is imported after it (the background work) is not counted.
        out = str(workdir / "imports.json")
        term = self.start(out, ["-X", "importtime"])
        try:
            term.wait_for(self.marker)
            term.settle()
            text = bytes(term.out).decode("utf-8", "replace")
        finally:
            term.close()
        with open(out, encoding="utf-8") as file:
            before_frame = set(json.load(file)["modules"])
        groups: defaultdict[str, float] = defaultdict(float)
        own: dict[str, float] = {}
        for line in text.splitlines():
            found = re.search(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
            if found is None:
                continue
            module = found.group(2)
            if module not in before_frame:
                continue
            top = module.split(".", 1)[0]
            group = {"tui": "ours (tui)", "textual": "Textual", "rich": "Rich"}.get(
                top, "standard library and others"
            )
            if top in ("paint_probe", "baseline_apps"):
                group = "the benchmark's probe and the bare app"
            own[module] = int(found.group(1)) / 1000
            groups[group] += own[module]
        return dict(groups), own


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--data", type=Path, help="a data folder for coop-tui (default: bundled)")
    parser.add_argument("--importtime-runs", type=int, default=3)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout of coop-tui to measure in the same rounds"
    )
    parser.add_argument("--modules", type=int, default=0, help="list the N costliest extra modules")
    args = parser.parse_args()

    from tui.loader import load_dataset
    from tui.paths import bundled_data_path

    dataset = load_dataset([args.data or bundled_data_path()])
    coop_argv = ["-m", "tui", "--lang", "en"]
    if args.data is not None:
        coop_argv += ["--data", str(args.data.resolve())]
    workdir = Path(tempfile.mkdtemp(prefix="coop-paint-"))
    markers = [root.label("en") for root in dataset.roots]
    # Every program starts in the work folder, and each coop-tui finds its own
    # checkout first on the path: `python -m tui` started in a checkout runs
    # that checkout's code whatever PYTHONPATH says, so a baseline measured
    # from here would have been this very code again.
    os.chdir(workdir)
    # coop-tui's data cache: the run's own, warmed by the unmeasured start.
    coop = Program(
        "coop-tui",
        coop_argv,
        markers,
        {"PYTHONPATH": str(HERE.parent), "XDG_CACHE_HOME": str(workdir / "cache")},
    )
    bare = Program("bare", [BARE, "hello"], ["hello ready"])
    programs = [coop, bare]
    if args.baseline is not None:
        # Another checkout's coop-tui, found first on the path, with a cache of
        # its own (a cache is kept per version of coop-tui).
        env = {
            "PYTHONPATH": str(args.baseline.resolve()),
            "XDG_CACHE_HOME": str(workdir / "cache-baseline"),
        }
        programs.insert(1, Program("baseline", coop_argv, markers, env))
    load_before = os.getloadavg()
    print(f"machine: {machine()}; load {load_before[0]:.2f}", file=sys.stderr)
    checkouts = {"coop-tui": HERE.parent, "baseline": args.baseline}
    for program in programs:
        ran = program.probed(workdir).get("tui")
        wanted = checkouts.get(program.name)
        if wanted is not None and not str(ran).startswith(str(wanted.resolve()) + os.sep):
            sys.exit(f"profile_paint: {program.name} ran the coop-tui in {ran}, not {wanted}")
        program.plain()

    runs: dict[str, list[dict[str, float]]] = {p.name: [] for p in programs}
    order = list(programs)
    shuffle = random.Random(0).shuffle
    for number in range(args.rounds):
        print(f"round {number + 1}/{args.rounds} …", file=sys.stderr)
        shuffle(order)
        for program in order:
            steps = steps_of(program.probed(workdir))  # type: ignore[arg-type]
            steps["plain_paint"] = program.plain()
            runs[program.name].append(steps)

    imports: dict[str, list[dict[str, float]]] = {p.name: [] for p in programs}
    per_module: dict[str, list[dict[str, float]]] = {p.name: [] for p in programs}
    for _ in range(args.importtime_runs):
        for program in programs:
            groups, own = program.imports(workdir)
            imports[program.name].append(groups)
            per_module[program.name].append(own)
    load_after = os.getloadavg()

    ours, base = runs["coop-tui"], runs["bare"]
    before = runs.get("baseline")
    print(
        f"\nmachine: {machine()}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after; {args.rounds} rounds; data: "
        f"{args.data or 'bundled'}; medians (ms); ratio: median of the rounds' ratios"
        + (f"; baseline: {args.baseline}" if before else "")
        + "\n"
    )
    head = ["step of the first paint (80x24)", "coop-tui", "bare Textual", "difference", "ratio"]
    if before:
        head[2:2] = ["baseline", "ratio to baseline"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))

    def row(label: str, key: str, ratio: bool) -> None:
        a = [r[key] for r in ours]
        b = [r[key] for r in base]
        diff = med([x - y for x, y in zip(a, b)])
        ratios = med([x / y for x, y in zip(a, b) if y > 0]) if ratio else None
        cells = [label, f"{med(a):.1f}"]
        if before:
            c = [r[key] for r in before]
            to_before = med([x / y for x, y in zip(a, c) if y > 0]) if ratio else None
            cells += [f"{med(c):.1f}", f"{to_before:.2f}x" if to_before is not None else ""]
        cells += [f"{med(b):.1f}", f"{diff:+.1f}", f"{ratios:.2f}x" if ratios is not None else ""]
        print("| " + " | ".join(cells) + " |")

    for label, key in STEPS:
        row(label, key, False)
    for label, key in TOTALS:
        row(f"**{label}**", key, True)
    names = [p.name for p in programs]
    print("\n| imports by package (-X importtime, own times summed) | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    groups = [
        "ours (tui)",
        "Textual",
        "Rich",
        "standard library and others",
        "the benchmark's probe and the bare app",
    ]
    for group in groups:
        cells = [f"{med([r.get(group, 0.0) for r in imports[n]]):.1f}" for n in names]
        print(f"| {group} | " + " | ".join(cells) + " |")
    if args.modules:
        bare_modules = set().union(*per_module["bare"])
        extra: defaultdict[str, list[float]] = defaultdict(list)
        for own in per_module["coop-tui"]:
            for module, ms in own.items():
                if module not in bare_modules:
                    extra[module].append(ms)
        print("\n| imported by coop-tui before its first frame, not by the bare app | own ms |")
        print("|---|---|")
        for module, times in sorted(extra.items(), key=lambda kv: -med(kv[1]))[: args.modules]:
            print(f"| {module} | {med(times):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
