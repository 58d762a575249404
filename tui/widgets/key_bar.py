"""The bottom line of key hints, in the reader's language."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..i18n import label
from ..model import Lang

# (key as shown, label key); kept short so that 80 columns hold them all. The rest
# (history, bookmarks, the palette) is on the help screen, one `?` away.
HINTS: tuple[tuple[str, str], ...] = (
    ("↑↓", "binding.move"),
    ("⏎", "binding.open"),
    ("/", "binding.search"),
    ("y", "binding.copy"),
    ("l", "binding.language"),
    ("?", "binding.help"),
    ("q", "binding.quit"),
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
        line = Text(no_wrap=True, overflow="ellipsis")
        for key, key_label in HINTS:
            line.append(f" {key} ", style="bold reverse")
            line.append(f" {label(key_label, self.lang)} ")
        return line
