"""The Timeline section of a topic or entity page: its own dated items, oldest first.

Each line is the item's date (as precise as the data gives it), its text as a link
to where it is shown (a figure of the very page links nowhere) and its source
marker; the entries come from `timeline` (`topic_entries`, `entity_entries`), so
the page and `coop-tui timeline` word and order them alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..model import Dataset, Lang
from ..timeline import Entry, entry_date, entry_text
from .blocks import hanging, heading
from .builder import PageBuilder
from .sources import Citations
from .styles import DIM


def timeline_section(
    page: PageBuilder, dataset: Dataset, entries: Sequence[Entry], cite: Citations, lang: Lang
) -> None:
    """The page's own dated items, oldest first: date, text (a link to the item), source."""
    if not entries:
        return
    page.add(heading("timeline", lang))
    budget = page.budget()
    for index, entry in enumerate(entries):
        line = Text()
        text = entry_text(dataset, entry, lang)
        if not budget.allows(index, text):
            page.more(len(entries) - index, lang)
            break
        if entry.ref == page.ref and entry.item is None:
            line.append(text)  # a figure of this very page: nothing to go to
        else:
            page.link(line, text, entry.ref, "", entry.item)
        if entry.source is not None:
            cite.append(line, entry.source, entry.item)
        page.add(hanging(f"{entry_date(entry, lang):<10}  ", line, DIM))
