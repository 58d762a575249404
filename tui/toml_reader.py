"""The old home of `tui.loader.toml_reader` (the one TOML reader, TOML 1.0.0 on every Python).

It moved into the loader package; this re-export keeps `from tui import toml_reader`
working. New code imports from `tui.loader.toml_reader`.
"""

from tui.loader.toml_reader import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
