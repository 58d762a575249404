"""Load first, then build the App: one path for the command line, tests and screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .loader import data_size, load_dataset
from .model import Lang
from .paths import bundled_data_path

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
    background: bool | None = None,
) -> CoopApp:
    """Build the App on the data in `data_paths` (default: the bundled data).

    Small data is loaded here, raising loader.DataError when it is bad. Big data
    (or `background=True`) is loaded by the App in a worker thread: a DataError
    then ends the App with return code 1 and sits in `app.load_error`.
    Textual is imported only here, after small data is known to be good.
    """
    paths = list(data_paths) if data_paths else [bundled_data_path()]
    if background is None:
        background = data_size(paths) > EAGER_BYTES
    if not background:
        dataset = load_dataset(paths)
        from .app import CoopApp

        return CoopApp(dataset, lang=lang)
    from .preview import preview_roots

    preview = preview_roots(paths)
    from .app import CoopApp

    return CoopApp(preview, lang=lang, load=lambda: load_dataset(paths))
