from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tui.model import Dataset
from tui.ui.textual_private import pace_pilot

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Pilot waits for the App to go idle after every key and pause: Textual looks for
# a quiet 1/50 s, twice or more a key, which made most of the suite's time. A
# quiet 1/100 s still spans the screen's refresh (see pace_pilot); what takes
# longer, the tests wait for by its state (tests/drive.py).
PILOT_IDLE_WINDOW = 0.01
pace_pilot(PILOT_IDLE_WINDOW)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two processes a core.

    A test spends much of its time waiting (on a coop-tui in a pseudo-terminal,
    on sshd, on Chromium, on Pilot's idle check): more processes than cores fill
    those waits. On a quiet 2-core machine the whole suite took 87-90 s with
    three processes, 80-81 s with four and 77 s with five (849 tests, the same
    CPU time); four keeps a margin for a busy machine, where more processes
    mean more tests waiting on a terminal at once.
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set.
    """
    chosen = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if chosen.isdigit():
        return int(chosen)
    return 2 * (os.cpu_count() or 1)


def pytest_configure(config: pytest.Config) -> None:
    # With pytest-xdist, hand tests out one at a time (two waiting per process)
    # rather than in chunks of dozens: the slow ones, which come first (below),
    # then spread over every process instead of queueing in the first one.
    if getattr(config.option, "maxschedchunk", False) is None:
        config.option.maxschedchunk = 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest tests first (e2e and slow), the rest in their order.

    Under `-n auto` the long ones then run while the short ones fill the other
    processes, instead of one process finishing a long test alone at the end.
    """
    items.sort(
        key=lambda item: (
            item.get_closest_marker("e2e") is None and item.get_closest_marker("slow") is None
        )
    )


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    from tui.loader import load_dataset
    from tui.paths import bundled_data_path

    return load_dataset([bundled_data_path()])


@pytest.fixture(autouse=True)
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and every coop-tui it starts) keeps its data cache in its own folder."""
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "coop-tui"


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its saved state (bookmarks) in its own folder, never in the real home."""
    folder = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder / "coop-tui"


@pytest.fixture(autouse=True)
def no_size_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every coop-tui a test starts measures its terminal, as it does in a real one.

    pytest-xdist's workers have COLUMNS=80 and LINES=24 in their environment;
    Textual takes a size from there before asking the terminal, so a coop-tui in a
    resized pseudo-terminal would keep drawing at 80x24.
    """
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
