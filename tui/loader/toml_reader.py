"""The one TOML reader: tomli, reading TOML 1.0.0, on every supported Python.

A data file must get the same answer on Python 3.9 and on 3.13. The standard
library's tomllib exists only from Python 3.11 and reads TOML 1.0.0, while
tomli 2.4 and newer read TOML 1.1.0, which also allows newlines and a trailing
comma inside an inline table, the escapes `\\e` and `\\xHH`, and times without
seconds (`07:32`). Had the loader used tomllib where it exists and tomli below
3.11, a file could be valid on one Python and broken on another. So coop-tui
reads with tomli everywhere, pinned in pyproject.toml to the releases that
read TOML 1.0.0 (below 2.4); `tests/test_toml_version.py` holds a file with
each TOML 1.1-only construct and checks that every one is refused.

Every module that parses TOML imports `loads` and `TOMLDecodeError` from here.
"""

from __future__ import annotations

from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
