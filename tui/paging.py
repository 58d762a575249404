"""How much of a long list one page of the detail pane draws at once.

A topic may hold 5,000 facts of 20,000 characters each (see `limits`), an
organisation may be named by every fact of a big data set: drawing all of it
at once held the screen for minutes (700,000 facts: two minutes, 2.7 GB). A
page of the TUI draws the first `PAGE_ITEMS` of each list, and no more of
their text than `CHARS_PER_ITEM` characters each on average, then a line
"… N more" that the reader follows (Enter, a click) to draw the next ones.
The report and the exports are never cut.
Nothing here imports Rich or Textual.
"""

from __future__ import annotations

__all__ = ["CHARS_PER_ITEM", "PAGE_ITEMS", "Budget", "more_text"]

PAGE_ITEMS = 200
"""Facts, quotes, subtopics or backlinks a page draws of each list, before "more"."""

CHARS_PER_ITEM = 500
"""Text drawn per item on average, before "more": long facts show fewer at a time."""

_MORE = {
    "ru": "… ещё {count} — показать",
    "en": "… {count} more — show them",
}
_MORE_UNCOUNTED = {"ru": "… ещё — показать", "en": "… more — show them"}


class Budget:
    """What one list of a page may draw: `shown` items (None: all), and their text.

    The first `at_least` items are drawn whatever their length (a search match
    or a link names one of them).
    """

    def __init__(self, shown: int | None, at_least: int = 0) -> None:
        self.shown = shown
        self.at_least = at_least
        self.count = 0
        """How many items were drawn (for lists numbered across several blocks)."""
        self._chars = 0

    def allows(self, index: int, text: str) -> bool:
        """Whether item `index` (0-based), with this `text`, is drawn; counts it when it is."""
        # The first item, and the first `at_least`, are always drawn.
        must = index < max(1, self.at_least)
        if self.shown is not None and not must:
            spent = self._chars + len(text) > self.shown * CHARS_PER_ITEM
            if index >= self.shown or spent:
                return False
        self._chars += len(text)
        self.count += 1
        return True


def more_text(count: int | None, lang: str) -> str:
    """The line after a cut list: how many are left (None: more, not counted)."""
    if count is None:
        return _MORE_UNCOUNTED["ru" if lang == "ru" else "en"]
    grouped = f"{count:,}".replace(",", "\u00a0" if lang == "ru" else ",")
    return _MORE["ru" if lang == "ru" else "en"].format(count=grouped)
