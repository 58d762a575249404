"""The model, loader and renderer know nothing of Textual (DESIGN: layers point down)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui

# The Textual layer lives in tui/ui/ (and the browser's in tui/web/); every other
# module of the package is the core, those added later too.
UI_LAYERS = ("tui.ui", "tui.web")


def core_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(tui.__path__, "tui.")
        if not any(info.name == ui or info.name.startswith(ui + ".") for ui in UI_LAYERS)
        and not info.name.endswith("__main__")  # importing it runs the program
    ]


def test_the_core_packages_modules_are_all_found() -> None:
    modules = core_modules()
    for name in ("schema", "read", "tables", "values", "links", "tree", "build", "load"):
        assert f"tui.loader.{name}" in modules
    assert "tui.render.page" in modules
    for name in ("tui.model", "tui.walk", "tui.search", "tui.report", "tui.state", "tui.cli"):
        assert name in modules
    assert not any(m.startswith("tui.ui") for m in modules)


def test_lower_layers_import_no_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in core_modules())
        + "print(','.join(sorted(m for m in sys.modules"
        + " if m == 'textual' or m.startswith('textual.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
