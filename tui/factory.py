"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .loader import load_dataset
from .model import Lang
from .paths import bundled_data_path
from .state import StateStore

if TYPE_CHECKING:
    from .app import CoopApp


def make_app(
    data_paths: Sequence[Path] | None = None,
    lang: Lang = "en",
    state: StateStore | None = None,
) -> CoopApp:
    """Load the data (raising loader.DataError when it is bad) and the state, then build the App.

    The state (bookmarks) comes from `$XDG_STATE_HOME/coop-tui/state.json` unless
    another store is given; a broken state file becomes a notice, never an error.
    Textual is imported only here, after the data is known to be good.
    """
    dataset = load_dataset(list(data_paths) if data_paths else [bundled_data_path()])
    store = state if state is not None else StateStore()
    loaded = store.load()
    from .app import CoopApp

    notices = (loaded.notice,) if loaded.notice else ()
    return CoopApp(dataset, lang=lang, state=store, saved=loaded.data, notices=notices)
