"""Run a Textual program and note when each step of its first paint happens.

usage: PAINT_PROBE_OUT=FILE python benchmarks/paint_probe.py -m MODULE [ARGS ...]
       PAINT_PROBE_OUT=FILE python benchmarks/paint_probe.py SCRIPT.py [ARGS ...]

A benchmark-side hook for benchmarks/profile_paint.py; the programs it runs
know nothing of it. It imports Textual's core first (timed), wraps a few of
Textual's methods with timers, then runs the program as `python -m` or
`python SCRIPT` would. At exit it writes to FILE, as JSON, the moments (from
`time.perf_counter`, the system's monotonic clock, which the benchmark shares)
when the steps ended, and how long each step took before the first frame was
written:

- python: the interpreter is up and running this file;
- textual: Textual's core modules are imported;
- app_init / app_created: the program's App is being created / has been
  (everything before is the program's own imports and set-up);
- run: `App.run_async` is called (`App.run` calls it);
- parse: the stylesheets are parsed (`Stylesheet.parse`);
- compose: the time spent in the App's `compose` (its widgets made);
- styling: CSS applied to the widgets (`Stylesheet.apply`, `update_nodes`);
- layout: the compositor's reflow (widgets placed);
- render: the compositor's render of the frame (strips made);
- frame_write: the first frame handed to the driver's writer thread;
- gc0, gc1, gc2: the garbage collector's pauses, by generation;

the process's CPU time at some of these moments (`cpu`), and the names of the
modules imported by then (`modules`). With
PAINT_PROBE_PROFILE=FILE, cProfile runs from the start until the first frame
is written, and its stats are saved to FILE (for pstats).

Wrapped are public methods of Textual's classes (`App.__init__`, `App.run_async`,
`Stylesheet.parse`, `apply`, `update_nodes`, `LinuxDriver.write`) and, as no
public hook marks layout and render, the methods of Textual's `_compositor`
module (`reflow`, `render_update`). Nothing is changed but timers around them.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import atexit  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import runpy  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402
from functools import wraps  # noqa: E402
from typing import Any, Callable  # noqa: E402

now = time.perf_counter
marks: dict[str, float] = {"python": START}
spent: defaultdict[str, float] = defaultdict(float)  # seconds per step, until the first frame
counts: defaultdict[str, int] = defaultdict(int)
frame = {"written": False, "rendered": False}
modules: list[str] = []  # the modules imported when the first frame was written
# The process's CPU time (all threads, from its start) at some of the marks:
# unlike wall time, a machine busy with other work hardly stretches it.
cpu: dict[str, float] = {"python": time.process_time()}
profiler = None
if os.environ.get("PAINT_PROBE_PROFILE"):
    # cProfile from here to the first frame: its stats go to that file.
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()


def timed(
    step: str, method: Callable[..., Any], first_mark: str | None = None
) -> Callable[..., Any]:
    @wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = now()
        try:
            return method(*args, **kwargs)
        finally:
            end = now()
            if not frame["written"]:
                spent[step] += end - start
                counts[step] += 1
                marks.setdefault(f"{step}_start", start)
                marks[f"{step}_end"] = end
                if first_mark is not None:
                    frame[first_mark] = True

    return wrapper


def _collections(phase: str, info: dict[str, int]) -> None:
    # The cyclic garbage collector's pauses until the first frame, by generation.
    if frame["written"]:
        return
    if phase == "start":
        gc_started[0] = now()
    else:
        spent[f"gc{info['generation']}"] += now() - gc_started[0]
        counts[f"gc{info['generation']}"] += 1


gc_started = [0.0]


def install() -> None:
    import gc

    gc.callbacks.append(_collections)

    # Private module: Textual has no public hook around layout and render.
    from textual._compositor import Compositor
    from textual.app import App
    from textual.css.stylesheet import Stylesheet
    from textual.drivers.linux_driver import LinuxDriver

    marks["textual"] = now()
    cpu["textual"] = time.process_time()
    Stylesheet.parse = timed("parse", Stylesheet.parse)  # type: ignore[method-assign]
    Stylesheet.apply = timed("styling", Stylesheet.apply)  # type: ignore[method-assign]
    Stylesheet.update_nodes = timed("styling", Stylesheet.update_nodes)  # type: ignore[method-assign]
    Compositor.reflow = timed("layout", Compositor.reflow)  # type: ignore[method-assign]
    Compositor.render_update = timed(  # type: ignore[method-assign]
        "render", Compositor.render_update, "rendered"
    )

    init = App.__init__

    @wraps(init)
    def app_init(self: Any, *args: Any, **kwargs: Any) -> None:
        marks.setdefault("app_init", now())
        cpu.setdefault("app_init", time.process_time())
        init(self, *args, **kwargs)
        marks.setdefault("app_created", now())

    App.__init__ = app_init  # type: ignore[method-assign]

    run_async = App.run_async

    @wraps(run_async)
    async def app_run(self: Any, *args: Any, **kwargs: Any) -> Any:
        # App.run calls run_async too; coop-tui calls it itself.
        marks.setdefault("run", now())
        compose = self.compose

        # The instance's own compose, timed while it runs (not while Textual
        # mounts what it yields).
        def timed_compose() -> Any:
            widgets = compose()
            while True:
                start = now()
                try:
                    widget = next(widgets)
                except StopIteration:
                    break
                finally:
                    if not frame["written"]:
                        spent["compose"] += now() - start
                        marks["compose_end"] = now()
                yield widget

        self.compose = timed_compose
        return await run_async(self, *args, **kwargs)

    App.run_async = app_run  # type: ignore[method-assign]

    write = LinuxDriver.write

    @wraps(write)
    def driver_write(self: Any, data: str) -> None:
        if frame["rendered"] and not frame["written"]:
            frame["written"] = True
            marks["frame_write"] = now()
            cpu["frame_write"] = time.process_time()
            modules.extend(sys.modules)
            if profiler is not None:
                profiler.disable()
            # Now, not only at exit: a program busy with background work (a
            # big data set loading) may be killed before its exit handlers run.
            save()
        write(self, data)

    LinuxDriver.write = driver_write  # type: ignore[method-assign]


def save() -> None:
    if profiler is not None:
        profiler.dump_stats(os.environ["PAINT_PROBE_PROFILE"])
    out = os.environ.get("PAINT_PROBE_OUT")
    if out:
        with open(out, "w", encoding="utf-8") as file:
            json.dump(
                {
                    "marks": marks,
                    "cpu": cpu,
                    "spent": dict(spent),
                    "counts": dict(counts),
                    "modules": modules,
                    # Which checkout's coop-tui ran (profile_paint.py checks it).
                    "tui": getattr(sys.modules.get("tui"), "__file__", None),
                },
                file,
            )


def main() -> None:
    install()
    atexit.register(save)
    args = sys.argv[1:]
    if args[:1] == ["-m"]:
        sys.argv = [args[1], *args[2:]]
        runpy.run_module(args[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = args
        sys.path.insert(0, os.path.dirname(os.path.abspath(args[0])))
        runpy.run_path(args[0], run_name="__main__")


if __name__ == "__main__":
    main()
