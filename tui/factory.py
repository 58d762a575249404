"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .loader import data_size, load_dataset
from .model import Dataset, Lang
from .paths import bundled_data_path
from .state import StateStore, bookmarks_from

if TYPE_CHECKING:
    from .app import CoopApp

# Up to this much data is loaded before the screen opens (the bundled data is
# under 100 KB and loads in tens of milliseconds), so bad data never shows a
# screen at all. Bigger data sets take seconds to load: the App opens at once on
# a preview of their roots and loads them in the background.
EAGER_BYTES = 512 * 1024


def make_app(
    data_paths: Sequence[Path] | None = None,
    lang: Lang = "en",
    *,
    theme: str | None = None,
    remember: bool = False,
    background: bool | None = None,
    watch: bool = False,
    state: StateStore | None = None,
) -> CoopApp:
    """Build the App on the data in `data_paths` (default: the bundled data).

    Small data is loaded here, raising loader.DataError when it is bad. Big data
    (or `background=True`) is loaded by the App in a worker thread: a DataError
    then ends the App with return code 1 and sits in `app.load_error`.
    `theme` is `--theme` (None: the remembered one, else by the terminal's colours
    when `remember`, else coop-dark). `remember` reads and writes the state file
    (the theme and the bookmarks), `state` names another one; tests and
    screenshots leave both off so they never depend on the machine. A broken
    state file becomes a notice, never an error.
    With `watch`, the App is handed the paths it loaded and reloads them (through
    the loader) when a file changes.
    Textual is imported only here, after small data is known to be good.
    """
    paths = list(data_paths) if data_paths else [bundled_data_path()]
    if background is None:
        background = data_size(paths) > EAGER_BYTES
    load: Callable[[], Dataset] | None = None
    if background:
        from .preview import preview_roots

        dataset = preview_roots(paths)
        load = lambda: load_dataset(paths)  # noqa: E731
    else:
        dataset = load_dataset(paths)
    from .app import CoopApp
    from .themes import DARK, starting_theme

    watch_paths = paths if watch else ()
    if state is None and not remember:
        return CoopApp(
            dataset, lang=lang, theme=theme or DARK, watch_paths=watch_paths, load=load
        )
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
        load=load,
    )
