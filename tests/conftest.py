from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def bundled_dataset():
    from tui.loader import load_dataset
    from tui.paths import bundled_data_path

    return load_dataset([bundled_data_path()])
