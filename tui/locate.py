"""The old home of `tui.loader.locate` (key paths and their positions in TOML text).

It moved into the loader package; this re-export keeps `from tui.locate import ...`
working. New code imports from `tui.loader.locate`.
"""

from tui.loader.locate import KeyPath, Locator, format_path

__all__ = ["KeyPath", "Locator", "format_path"]
