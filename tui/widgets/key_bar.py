"""The bottom line of key hints, in the reader's language."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..i18n import label
from ..model import Lang

# (key as shown, label key, priority): the lowest priority is dropped first
# when the line is too narrow, so help and quit are always there.
HINTS: tuple[tuple[str, str, int], ...] = (
    ("↑↓", "binding.move", 4),
    ("⏎", "binding.open", 3),
    ("tab", "binding.pane", 1),
    ("l", "binding.language", 5),
    ("^p", "binding.palette", 2),
    ("?", "binding.help", 6),
    ("q", "binding.quit", 7),
)


class KeyBar(Static):
    """A footer of key hints that follows the language switch.

    Textual's Footer takes its words from the bindings' fixed descriptions, so
    it could not switch to Russian with the rest of the screen.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    lang: reactive[Lang] = reactive("en")

    def render(self) -> Text:
        hints = [(key, label(name, self.lang), rank) for key, name, rank in HINTS]
        width = self.size.width or 80
        while hints and sum(cell_len(k) + cell_len(w) + 4 for k, w, _ in hints) > width:
            hints.remove(min(hints, key=lambda hint: hint[2]))
        line = Text(no_wrap=True, overflow="ellipsis")
        for key, words, _rank in hints:
            line.append(f" {key} ", style="bold reverse")
            line.append(f" {words} ")
        return line
