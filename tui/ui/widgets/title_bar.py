"""The top line: the program's name, what it covers, and which language is on.

`EN │ RU` is a switch: a click on either code chooses that language.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from ...i18n import label
from ...model import LANGS, Lang


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

    class LanguageChosen(Message):
        """The reader clicked a language code."""

        def __init__(self, lang: Lang) -> None:
            super().__init__()
            self.lang = lang

    def __init__(self) -> None:
        super().__init__()
        self._codes: list[tuple[int, int, Lang]] = []

    def render(self) -> Text:
        width = self.size.width
        left = Text(" coop-tui ", style="bold")
        left.append(f" {label('app.subtitle', self.lang)}")
        right = Text()
        spans: list[tuple[int, int, Lang]] = []
        # In the order of the codes' letters: EN │ RU.
        for index, code in enumerate(sorted(LANGS)):
            if index:
                right.append(" │ ")
            start = right.cell_len
            right.append(code.upper(), style="bold reverse" if code == self.lang else "dim")
            spans.append((start, right.cell_len, code))
        right.append(" ")
        if left.cell_len + right.cell_len >= width:
            # Narrow: which language is on matters more than the subtitle.
            left = Text(" coop-tui ", style="bold")
        gap = max(1, width - left.cell_len - right.cell_len)
        offset = left.cell_len + gap
        # A click a cell either side of a code still counts: "EN" is a small target.
        self._codes = [(offset + a - 1, offset + b + 1, code) for a, b, code in spans]
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")

    def code_at(self, x: int) -> Lang | None:
        return next((code for start, end, code in self._codes if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        code = self.code_at(event.x)
        if code is not None:
            event.stop()
            self.post_message(self.LanguageChosen(code))
