"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .i18n import lang_from_environment
from .model import Dataset, Lang
from .notices import both
from .paths import bundled_data_path
from .state import StateStore, bookmarks_from, remembered_lang

if TYPE_CHECKING:
    from .cache import DatasetCache
    from .ui.app import CoopApp

# Up to this much data is loaded before the screen opens (the bundled data is
# under 100 KB and loads in tens of milliseconds), so bad data never shows a
# screen at all. Bigger data sets take seconds to load: the App opens at once on
# a preview of their roots and loads them in the background.
EAGER_BYTES = 512 * 1024


def make_app(
    data_paths: Sequence[Path] | None = None,
    lang: Lang | None = "en",
    *,
    theme: str | None = None,
    remember: bool = False,
    background: bool | None = None,
    watch: bool = False,
    state: StateStore | None = None,
    cache: DatasetCache | None = None,
) -> CoopApp:
    """Build the App on the data in `data_paths` (default: the bundled data).

    Small data is loaded here, raising loader.DataError when it is bad. Big data
    (or `background=True`) is loaded by the App in a worker thread: a DataError
    then ends the App with return code 1 and sits in `app.load_error`.
    `theme` is `--theme` (None: the remembered one, else by the terminal's colours
    when `remember`, else coop-dark). `lang` likewise is `--lang` (None: the one
    the reader chose last time, else the locale's). `remember` reads and writes the state file
    (the theme and the bookmarks), `state` names another one; tests and
    screenshots leave both off so they never depend on the machine. A broken
    state file becomes a notice, never an error.
    With `watch`, the App is handed the paths it loaded and reloads them (through
    the loader) when a file changes.
    With a `cache`, small data unchanged since it was last checked is taken
    from it, and small data read afresh is stored in it.
    Textual is imported only here, after small data is known to be good.
    """
    paths = list(data_paths) if data_paths else [bundled_data_path()]
    dataset, load = _open_data(paths, background, cache)
    from .ui.app import CoopApp
    from .ui.themes import DARK, starting_theme

    watch_paths = paths if watch else ()
    # A refused cache folder is worth one notice; the data was read without it.
    cache_notice = cache.notice if cache is not None else None
    if state is None and not remember:
        return CoopApp(
            dataset,
            lang=lang or lang_from_environment(),
            theme=theme or DARK,
            notice=cache_notice,
            watch_paths=watch_paths,
            load=load,
        )
    store = state if state is not None else StateStore()
    loaded = store.load()
    chosen = starting_theme(theme, loaded.data.get("theme"), os.environ)
    return CoopApp(
        dataset,
        lang=lang or remembered_lang(loaded.data) or lang_from_environment(),
        theme=chosen,
        state=store,
        notice=both(loaded.notice, cache_notice),
        bookmarks=bookmarks_from(loaded.data),
        watch_paths=watch_paths,
        load=load,
    )


def _load(paths: list[Path]) -> Dataset:
    from .loader import load_dataset

    return load_dataset(paths)


def _open_data(
    paths: list[Path], background: bool | None, cache: DatasetCache | None
) -> tuple[Dataset, Callable[[], Dataset] | None]:
    """The data set to open on, and the full load to run in the background (None: it is all here)."""
    # Taken before reading: a file saved meanwhile then misses next time.
    key = cache.fingerprint(paths) if cache is not None and background is not True else None
    if cache is not None and key is not None:
        cached = cache.get(paths, key)
        if cached is not None:
            return cached, None  # only small data is ever stored
    from .loader.read import data_size

    if background is None:
        background = data_size(paths) > EAGER_BYTES
    if background:
        from .preview import preview_roots

        # The loader itself is imported by the load, in its thread, after the
        # first frame (see tui/loader/__init__.py).
        return preview_roots(paths), partial(_load, paths)
    dataset = _load(paths)
    if cache is not None:
        cache.put(paths, dataset, key)
    return dataset, None
