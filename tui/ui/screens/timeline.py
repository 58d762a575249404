"""The timeline view (`t`): every dated item in date order, grouped by year.

Each line: the date (as precise as the data gives it), a mark of its kind, a
short text, its topic and its source marker; the status line under the list
says the highlighted item's kind, topic and source in full. Filters: what is
typed after `/` (the search's matching rules, over the date, the text and the
topic), `f` the kind, `o` the highlighted item's topic (again: its parent, up
to none), `e` who or what it names (again: the next one), `x` resets. Enter
opens the item on its page, with the link cursor on it.

The lines come from `timeline.py` and are drawn only when on screen
(`LineList`), so the 100,000-fact data set opens as fast as the bundled one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Optional

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType

from ...i18n import format_date, label
from ...links import ItemRef, PageRef
from ...model import Dataset, Lang
from ...render import topic_title
from ...search import TextIndex
from ...timeline import (
    ENTRY_KINDS,
    Entry,
    EntryKind,
    Filter,
    apply_filter,
    entry_date,
    entry_marker,
    entry_text,
    entry_topic,
    search_text,
    short_date,
    timeline,
    timeline_rows,
    topic_label_width,
    with_years,
)
from .list_screen import ListScreen

# How each kind is marked at the start of its line: readable without colour.
KIND_MARKS: dict[EntryKind, str] = {
    "event": "◆",
    "fact": "•",
    "quote": "»",
    "figure": "▮",
    "target": "◎",
}

# Below this width the topic column is left out: the text needs the room.
TOPIC_COLUMN_FROM = 60
TOPIC_WIDTH = 22
DATE_WIDTH = 10
SHORT_DATE_WIDTH = 5

HEADING = Style(bold=True)
DIM = Style(dim=True)


@dataclass(frozen=True)
class TimelineChoice:
    """The item the reader chose: its page and, on a topic page, the fact or quote."""

    ref: PageRef
    item: ItemRef | None


class TimelineScreen(ListScreen[Optional[TimelineChoice]]):
    TITLE_KEY = "timeline.title"
    HINTS_KEY = "timeline.hints"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cycle_kind", "Kind", show=False),
        Binding("o", "narrow_topic", "Topic", show=False),
        Binding("e", "cycle_entity", "Who/what", show=False),
        Binding("x", "reset", "Reset", show=False),
        Binding("t", "close", "Close", show=False),
        Binding("i", "app.index", "Index", show=False),
    ]

    def __init__(self, dataset: Dataset, lang: Lang) -> None:
        super().__init__(lang)
        self.dataset = dataset
        self.entries = timeline(dataset)
        self.chosen_filter = Filter()
        self.query_text = ""
        self._matched: frozenset[int] | None = None
        """Positions in `entries` answering the typed filter (None: no text filter)."""
        self._index = TextIndex(dataset, self._search_texts)
        self.rows: Sequence[Entry | int] = ()
        """What each row shows: an entry, or the year that heads the entries below it."""
        self._shown_count = 0

    def on_mount(self) -> None:
        super().on_mount()
        self._rebuild(None)

    def _search_texts(self, lang: Lang) -> list[str]:
        return [search_text(self.dataset, e, lang) for e in self.entries]

    # ------------------------------------------------------------ rows

    @property
    def shown(self) -> list[Entry]:
        return [row for row in self.rows if isinstance(row, Entry)]

    def _rebuild(self, keep: Entry | None) -> None:
        """Rows for the filters now set, the cursor on `keep` or the nearest item after it."""
        rows: Sequence[Entry | int]
        if self._matched is None and not self.chosen_filter:
            # Everything: the rows made in the background once the data was loaded.
            shown: Sequence[Entry] = self.entries
            rows = timeline_rows(self.dataset)
        else:
            if self._matched is not None:
                matched = self._matched
                pool = [e for n, e in enumerate(self.entries) if n in matched]
            else:
                pool = list(self.entries)
            shown = apply_filter(self.dataset, pool, self.chosen_filter)
            rows = with_years(shown)
        self.rows = rows
        self._shown_count = len(shown)
        cursor = -1
        if keep is not None and shown:
            keys = [e.sort_key() for e in shown]
            wanted = keep.sort_key()
            at = n = bisect_left(keys, wanted)
            # The same item if it is still shown, else the next one in time.
            while n < len(shown) and keys[n] == wanted:
                if shown[n] is keep:
                    at = n
                    break
                n += 1
            target = shown[min(at, len(shown) - 1)]
            cursor = next(i for i, row in enumerate(rows) if row is target)
        self.list.set_rows(len(rows), cursor)
        self.show_title()
        if not rows:
            self.query_one(".list-status").update(  # type: ignore[attr-defined]
                Text(label("timeline.none" if self.entries else "timeline.empty", self.lang))
            )

    def _cursor_entry(self) -> Entry | None:
        row = self.list.cursor
        if 0 <= row < len(self.rows):
            entry = self.rows[row]
            return entry if isinstance(entry, Entry) else None
        return None

    def selectable(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and isinstance(self.rows[row], Entry)

    def render_row(self, row: int, width: int) -> Text:
        item = self.rows[row]
        if not isinstance(item, Entry):
            line = Text(f"{item} ", style=HEADING)
            line.append("─" * max(0, width - 5), style=DIM)
            return line
        return entry_line(self.dataset, item, self.lang, width, self._topic_width())

    def _topic_width(self) -> int:
        """The longest topic name the timeline shows, in the reader's language."""
        return topic_label_width(self.dataset, self.lang)

    # ------------------------------------------------------------ title and status

    def title_details(self) -> str:
        parts = [
            label("timeline.count", self.lang).format(
                shown=self._shown_count, all=len(self.entries)
            )
        ]
        chosen = self.chosen_filter
        if chosen.kind is not None:
            parts.append(
                f"{label('timeline.kind', self.lang)}: {label('entries.' + chosen.kind, self.lang)}"
            )
        if chosen.topic is not None:
            parts.append(
                f"{label('timeline.topic', self.lang)}: "
                f"{self.dataset.topics[chosen.topic].label(self.lang)}"
            )
        if chosen.entity is not None:
            parts.append(
                f"{label('timeline.entity', self.lang)}: "
                f"{self.dataset.entities[chosen.entity].label(self.lang)}"
            )
        if self.query_text.strip() and self._matched is None:
            parts.append(label("timeline.indexing", self.lang))
        return " · ".join(parts)

    def status(self, row: int) -> Text:
        entry = self.rows[row] if 0 <= row < len(self.rows) else None
        if not isinstance(entry, Entry):
            return Text()
        lang = self.lang
        line = Text(label("entry." + entry.kind, lang), style=Style(bold=True))
        if entry.topic_id is not None:
            line.append(" · " + topic_title(self.dataset, entry.topic_id, lang))
        if entry.source is not None:
            source = self.dataset.sources[entry.source]
            line.append(f" · {entry_marker(self.dataset, entry)} {source.title.get(lang)}")
            details = [source.publisher.get(lang)] if source.publisher is not None else []
            if source.date is not None:
                details.append(format_date(source.date, lang))
            if details:
                line.append(" — " + ", ".join(details))
        return line

    # ------------------------------------------------------------ filters

    def filter_changed(self, text: str) -> None:
        self.query_text = text
        keep = self._cursor_entry()
        if not text.strip():
            self._matched = None
            self._rebuild(keep)
            return
        if not self._index.is_ready(self.lang) and len(self.entries) > 5000:
            # A big timeline is indexed in the background on the first key typed.
            self._index_in_background(self.lang)
            self.show_title()
            return
        self._matched = self._index.matching(text, self.lang)
        self._rebuild(keep)

    def _index_in_background(self, lang: Lang) -> None:
        index = self._index

        def build() -> None:
            index.prepare(lang)
            self.app.call_from_thread(self._indexed)

        self.run_worker(build, thread=True, exclusive=True, group="timeline-index")

    def _indexed(self) -> None:
        if self.query_text.strip() and self._index.is_ready(self.lang):
            self.filter_changed(self.query_text)

    def _set_filter(self, chosen: Filter) -> None:
        keep = self._cursor_entry()
        self.chosen_filter = chosen
        self._rebuild(keep)

    def _replace(self, **changes: object) -> Filter:
        return self.chosen_filter.replace(**changes)

    def action_cycle_kind(self) -> None:
        order: list[EntryKind | None] = [None, *ENTRY_KINDS]
        at = order.index(self.chosen_filter.kind)
        self._set_filter(self._replace(kind=order[(at + 1) % len(order)]))

    def action_narrow_topic(self) -> None:
        """The highlighted item's topic; pressed again, its parent, up to no topic at all."""
        current = self.chosen_filter.topic
        if current is None:
            entry = self._cursor_entry()
            if entry is None or entry.topic_id is None:
                return
            self._set_filter(self._replace(topic=entry.topic_id))
        else:
            self._set_filter(self._replace(topic=self.dataset.topics[current].parent))

    def action_cycle_entity(self) -> None:
        """Who or what the highlighted item names; pressed again, the next one, then none."""
        entry = self._cursor_entry()
        names = list(entry.entities) if entry is not None else []
        current = self.chosen_filter.entity
        if current in names:
            at = names.index(current) + 1
            chosen = names[at] if at < len(names) else None
        else:
            chosen = names[0] if names else None
        if chosen is None and current is None:
            return
        self._set_filter(self._replace(entity=chosen))

    def action_reset(self) -> None:
        self.filter_input.value = ""
        self._applied = ""
        self.query_text = ""
        self._matched = None
        self._set_filter(Filter())

    def action_back(self) -> None:
        if not self._typing and not self.filter_input.value and self.chosen_filter:
            self._set_filter(Filter())  # Escape lifts the filters before it closes
            return
        super().action_back()

    # ------------------------------------------------------------ opening

    def chosen(self, row: int) -> None:
        entry = self.rows[row]
        if isinstance(entry, Entry):
            self.dismiss(TimelineChoice(entry.ref, entry.item))

    def language_changed(self) -> None:
        # The items shown stay (as a search's matches do); what is typed next
        # filters in the new language.
        self.show_title()


def entry_line(
    dataset: Dataset, entry: Entry, lang: Lang, width: int, topic_width: int = TOPIC_WIDTH
) -> Text:
    """One line of the timeline: date, kind mark, text … topic [n].

    The topic column is as wide as the longest topic name it shows
    (`topic_width`), and never more than a fifth of the line: the text comes first.
    """
    # Not Text(date, style=DIM): a Text's own style would dim what is appended too.
    line = Text()
    if width < TOPIC_COLUMN_FROM:
        # Narrow: the year is in the heading above; the month and day are enough.
        line.append(short_date(entry, lang).ljust(SHORT_DATE_WIDTH) + " ", style=DIM)
    else:
        line.append(entry_date(entry, lang).ljust(DATE_WIDTH) + " ", style=DIM)
    line.append(KIND_MARKS[entry.kind] + " ")
    tail = Text()
    if width >= TOPIC_COLUMN_FROM:
        column = min(topic_width, TOPIC_WIDTH, max(8, width // 5))
        topic = entry_topic(dataset, entry, lang)
        if len(topic) > column:
            topic = topic[: column - 1] + "…"
        tail.append("  " + topic.rjust(column), style=DIM)
    marker = entry_marker(dataset, entry)
    if marker:
        tail.append(" " + marker, style=DIM)
    room = max(1, width - line.cell_len - tail.cell_len)
    text = Text(entry_text(dataset, entry, lang).replace("\n", " "))
    text.truncate(room, overflow="ellipsis", pad=True)
    line.append_text(text)
    line.append_text(tail)
    return line
