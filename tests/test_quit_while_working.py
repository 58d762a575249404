"""`q` ends the process at once while background work is still running.

A big data set is loaded, and the search index built, in background threads.
Textual runs thread workers in the event loop's executor, whose threads are
joined when the loop closes: `q` pressed during a 100,000-fact load used to
leave the process running for the seconds the load had left. Each case runs
coop-tui in a process of its own with that work made to never return, presses
`q` once the work is under way, and expects the process to end with code 0.
A process that waits for the work never ends: the subprocess timeout is only
there to turn that hang into a failure.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parent.parent / "data"
HANG_TIMEOUT = 60  # seconds; never reached unless the process waits for the work

# Runs the App headless; the auto-pilot presses `q` once the stuck work started.
SCRIPT = textwrap.dedent(
    """
    import threading
    from pathlib import Path

    import tui.loader
    from tui.search import SearchIndex
    from tui.factory import make_app

    started = threading.Event()

    def stuck(*args, **kwargs):
        started.set()
        threading.Event().wait()  # never returns

    case, folder = {case!r}, Path({folder!r})
    if case == "load":
        tui.loader.load_dataset = stuck
        app = make_app(lang="en", background=True)
    elif case == "index":
        SearchIndex.prepare = stuck
        app = make_app(lang="en")
    else:  # a save reloads the data: the reload is stuck
        app = make_app([folder], lang="en", watch=True)
        tui.loader.load_dataset = stuck

    async def press_q(pilot):
        if case == "reload":
            await pilot.app.workers.wait_for_complete(
                [w for w in pilot.app.workers if w.group == "search-index"]
            )
            topics = folder / "topics-1-center.toml"
            topics.write_text(topics.read_text() + chr(10))  # saved again
        while not started.is_set():
            await pilot.pause(0.01)
        await pilot.press("q")

    app.run(headless=True, size=(80, 24), auto_pilot=press_q)
    print("ended", app.return_code)
    """
)


@pytest.mark.parametrize("case", ["load", "index", "reload"])
def test_q_ends_the_process_while_background_work_runs(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(BUNDLED, folder)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(case=case, folder=str(folder))],
        capture_output=True,
        text=True,
        check=False,
        timeout=HANG_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ended 0")
