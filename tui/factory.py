"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .loader import load_dataset
from .model import Lang
from .paths import bundled_data_path

if TYPE_CHECKING:
    from .app import CoopApp


def make_app(
    data_paths: Sequence[Path] | None = None, lang: Lang = "en", *, watch: bool = False
) -> CoopApp:
    """Load the data (raising loader.DataError when it is bad), then build the App.

    With `watch`, the App is handed the paths it loaded and reloads them (through
    the loader) when a file changes. Textual is imported only here, after the data
    is known to be good.
    """
    paths = list(data_paths) if data_paths else [bundled_data_path()]
    dataset = load_dataset(paths)
    from .app import CoopApp

    return CoopApp(dataset, lang=lang, watch_paths=paths if watch else ())
