"""Where the bundled data lives, in an installed package or a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_data_path() -> Path:
    """The data folder shipped with coop-tui.

    An installed wheel carries it as `tui/data`; a source checkout keeps it at
    the top of the repository, where maintainers edit it (and where a running
    coop-tui can watch it for changes).
    """
    installed = _PACKAGE / "data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "data"
