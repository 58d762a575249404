"""The model, loader and renderer know nothing of Textual (DESIGN: layers point down)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.loader
import tui.render

# Packages of the core: every module in them is checked, those added later too.
UI_FREE_PACKAGES = [tui.loader, tui.render]

UI_FREE = [
    "tui.model",
    "tui.loader",
    "tui.render",
    "tui.walk",
    "tui.i18n",
    "tui.sanitize",
    "tui.preview",
    "tui.report",
    "tui.jsonio",
    "tui.watch",
    "tui.check",
    "tui.export",
    "tui.cli",
    "tui.search",
    "tui.links",
    "tui.state",
    "tui.cache",
    "tui.timeline",
    "tui.timeline_report",
    "tui.index_lists",
    "tui.notices",
    "tui.keymap",
    "tui.results",
    "tui.search_session",
    "tui.addresses",
    "tui.outputs",
    "tui.limits",
    "tui.numbers",
    "tui.paging",
    "tui.fuzzy",
]


def package_modules() -> list[str]:
    return [
        info.name
        for package in UI_FREE_PACKAGES
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]


def test_the_core_packages_modules_are_all_found() -> None:
    modules = package_modules()
    for name in ("schema", "read", "tables", "values", "links", "tree", "build", "load"):
        assert f"tui.loader.{name}" in modules
    assert "tui.render.page" in modules


def test_lower_layers_import_no_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in UI_FREE + package_modules())
        + "print(','.join(sorted(m for m in sys.modules"
        + " if m == 'textual' or m.startswith('textual.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
