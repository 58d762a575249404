from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.model import Dataset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(Path(__file__).resolve().parent))


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
