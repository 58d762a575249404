"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .loader import load_dataset
from .model import Lang
from .paths import bundled_data_path
from .state import StateStore, bookmarks_from

if TYPE_CHECKING:
    from .app import CoopApp


def make_app(
    data_paths: Sequence[Path] | None = None,
    lang: Lang = "en",
    *,
    theme: str | None = None,
    remember: bool = False,
    watch: bool = False,
    state: StateStore | None = None,
) -> CoopApp:
    """Load the data (raising loader.DataError when it is bad), then build the App.

    `theme` is `--theme` (None: the remembered one, else by the terminal's colours
    when `remember`, else coop-dark). `remember` reads and writes the state file
    (the theme and the bookmarks), `state` names another one; tests and
    screenshots leave both off so they never depend on the machine. A broken
    state file becomes a notice, never an error.
    With `watch`, the App is handed the paths it loaded and reloads them (through
    the loader) when a file changes.
    Textual is imported only here, after the data is known to be good.
    """
    paths = list(data_paths) if data_paths else [bundled_data_path()]
    dataset = load_dataset(paths)
    from .app import CoopApp
    from .themes import DARK, starting_theme

    watch_paths = paths if watch else ()
    if state is None and not remember:
        return CoopApp(dataset, lang=lang, theme=theme or DARK, watch_paths=watch_paths)
    store = state if state is not None else StateStore()
    loaded = store.load()
    chosen = starting_theme(theme, loaded.data.get("theme"), os.environ)
    return CoopApp(
        dataset,
        lang=lang,
        theme=chosen,
        state=store,
        notice=loaded.notice,
        bookmarks=bookmarks_from(loaded.data),
        watch_paths=watch_paths,
    )
