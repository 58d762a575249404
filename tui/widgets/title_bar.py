"""The top line: the program's name, what it covers, and which language is on."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ..i18n import label
from ..model import LANGS, Lang


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    lang: reactive[Lang] = reactive("en")

    def render(self) -> Text:
        width = self.size.width
        left = Text(" coop-tui ", style="bold")
        left.append(f" {label('app.subtitle', self.lang)}")
        right = Text()
        for index, code in enumerate(sorted(LANGS)):
            if index:
                right.append(" │ ")
            right.append(code.upper(), style="bold reverse" if code == self.lang else "dim")
        right.append(" ")
        if left.cell_len + right.cell_len >= width:
            # Narrow: which language is on matters more than the subtitle.
            left = Text(" coop-tui ", style="bold")
        gap = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")
