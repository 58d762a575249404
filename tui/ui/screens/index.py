"""The index lists (`i`): organisations, people, places, events and sources by name.

←/→ (or Tab) switch lists, `/` filters the one shown as you type (the search's
matching rules, over the names in both languages), Enter opens the page. Each
name shows its number of mentions. A list is sorted again in the reader's
language when the language switches, the cursor staying on its name.
"""

from __future__ import annotations

from typing import ClassVar, Optional

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from ...i18n import label
from ...index_lists import LIST_KINDS, IndexRow, ListKind, index_rows
from ...links import PageRef
from ...model import Dataset, Lang, other_lang
from ...search import TextIndex
from .list_screen import ListScreen

DIM = Style(dim=True)


class IndexScreen(ListScreen[Optional[PageRef]]):
    TITLE_KEY = "index.title"
    HINTS_KEY = "index.hints"
    PLACEHOLDER_KEY = "index.placeholder"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,tab", "switch(1)", "Next list", show=False),
        Binding("left,shift+tab", "switch(-1)", "Previous list", show=False),
        Binding("i", "close", "Close", show=False),
        Binding("t", "app.timeline", "Timeline", show=False),
    ]

    def __init__(self, dataset: Dataset, lang: Lang, kind: ListKind = "organisation") -> None:
        super().__init__(lang)
        self.dataset = dataset
        self.kind: ListKind = kind
        self.query_text = ""
        self.rows: list[IndexRow] = []
        self.shown: list[IndexRow] = []
        self._indexes: dict[ListKind, tuple[list[IndexRow], TextIndex]] = {}

    def compose_top(self) -> ComposeResult:
        yield Static(self._tabs(), classes="list-tabs")

    def on_mount(self) -> None:
        super().on_mount()
        self._load(keep=None)

    # ------------------------------------------------------------ lists

    def _list_of(self, kind: ListKind) -> tuple[list[IndexRow], TextIndex]:
        """The rows of `kind` sorted for the reader, and a filter index over their names."""
        kept = self._indexes.get(kind)
        if kept is None:
            rows = index_rows(self.dataset, kind, self.lang)
            # Names are matched in both languages: one index serves both.
            index = TextIndex(self.dataset, lambda _lang: [r.names() for r in rows])
            kept = (rows, index)
            self._indexes[kind] = kept
        return kept

    def _load(self, keep: PageRef | None) -> None:
        self.rows, index = self._list_of(self.kind)
        if self.query_text.strip():
            matched = index.matching(self.query_text, "en")
            self.shown = [row for n, row in enumerate(self.rows) if n in matched]
        else:
            self.shown = list(self.rows)
        cursor = next((n for n, row in enumerate(self.shown) if row.ref == keep), 0)
        self.list.set_rows(len(self.shown), cursor)
        self.query_one(".list-tabs", Static).update(self._tabs())
        self.show_title()
        if not self.shown:
            self.query_one(".list-status", Static).update(Text(label("index.none", self.lang)))

    def _tabs(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, kind in enumerate(LIST_KINDS):
            if number:
                line.append(" │ ", style=DIM)
            name = label("index.source" if kind == "source" else kind, self.lang)
            line.append(f" {name} ", style="bold reverse" if kind == self.kind else "")
        return line

    def selectable(self, row: int) -> bool:
        return 0 <= row < len(self.shown)

    def render_row(self, row: int, width: int) -> Text:
        item = self.shown[row]
        count = Text(f" {item.mentions}", style=DIM)
        name = Text(item.name.get(self.lang))
        short = item.short_name.get(self.lang) if item.short_name is not None else ""
        if short and short not in name.plain:
            name.append(f" ({short})", style=DIM)
        room = max(1, width - count.cell_len)
        name.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(name, count)

    def title_details(self) -> str:
        return f"{label('timeline.count', self.lang).format(shown=len(self.shown), all=len(self.rows))}"

    def status(self, row: int) -> Text:
        item = self.shown[row]
        mentions = label("index.mentions", self.lang)
        other = other_lang(self.lang)
        line = Text(f"{mentions}: {item.mentions}", style=Style(bold=True))
        if item.name.get(other) != item.name.get(self.lang):
            line.append(f" · {item.name.get(other)}")
        return line

    def _cursor_ref(self) -> PageRef | None:
        row = self.list.cursor
        return self.shown[row].ref if 0 <= row < len(self.shown) else None

    # ------------------------------------------------------------ keys

    def filter_changed(self, text: str) -> None:
        self.query_text = text
        self._load(keep=self._cursor_ref())

    def action_switch(self, step: int) -> None:
        at = LIST_KINDS.index(self.kind)
        self.kind = LIST_KINDS[(at + step) % len(LIST_KINDS)]
        self._load(keep=None)

    def chosen(self, row: int) -> None:
        self.dismiss(self.shown[row].ref)

    def language_changed(self) -> None:
        # Sorted again for the new language; the cursor stays on its name.
        keep = self._cursor_ref()
        self._indexes.clear()
        self._load(keep=keep)
