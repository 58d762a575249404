"""The model, loader and renderer know nothing of Textual (DESIGN: layers point down)."""

from __future__ import annotations

import subprocess
import sys

UI_FREE = [
    "tui.model",
    "tui.loader",
    "tui.render",
    "tui.walk",
    "tui.i18n",
    "tui.sanitize",
    "tui.locate",
    "tui.preview",
    "tui.report",
    "tui.jsonio",
    "tui.format_schema",
    "tui.watch",
    "tui.toml_errors",
    "tui.toml_reader",
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
    "tui.addresses",
    "tui.outputs",
    "tui.limits",
    "tui.numbers",
    "tui.paging",
    "tui.fuzzy",
]


def test_lower_layers_import_no_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in UI_FREE)
        + "print(','.join(sorted(m for m in sys.modules"
        + " if m == 'textual' or m.startswith('textual.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
