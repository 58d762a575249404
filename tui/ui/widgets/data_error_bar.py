"""A bar that says the data on screen is stale because a save broke it."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from ...i18n import label
from ...model import Lang

#: Problems shown in full; the rest are counted. The first one is usually the cause.
SHOWN = 2


class DataErrorBar(Static):
    """Hidden while the data is good; after a broken save, the problems with file:line:column.

    The problem lines are the loader's words (file names and data already
    cleaned of control characters), put in as `Text`, never as markup.
    """

    DEFAULT_CSS = """
    DataErrorBar {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $error 25%;
        color: $text;
        display: none;
    }
    """

    lang: reactive[Lang] = reactive("en")
    problems: reactive[tuple[str, ...]] = reactive(())

    def watch_problems(self, problems: tuple[str, ...]) -> None:
        self.display = bool(problems)

    def render(self) -> Text:
        text = Text()
        text.append(f"⚠ {label('reload.failed', self.lang)}", style="bold")
        for problem in self.problems[:SHOWN]:
            text.append("\n")
            text.append(problem)
        hidden = len(self.problems) - SHOWN
        if hidden > 0:
            text.append(f"\n… {label('reload.more', self.lang).format(count=hidden)}", style="dim")
        return text
