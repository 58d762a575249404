"""Where the bundled data lives, in an installed package or a source checkout."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def user_dir(variable: str, default: str, environ: Mapping[str, str] | None = None) -> Path:
    """`$variable/coop-tui`, or `~/<default>/coop-tui` when it is unset or relative.

    For the XDG base directories (XDG_STATE_HOME, XDG_CACHE_HOME); the XDG spec
    says a relative path is invalid and must be ignored.
    """
    env = os.environ if environ is None else environ
    base = env.get(variable, "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / default
    return root / "coop-tui"


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
