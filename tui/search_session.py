"""One search as the reader steps through it: the query, what it found, the selected page.

The main screen keeps one of these while the search line is open; `n`, `N`
and ↑ ↓ step through `entries` (one per page, in the order listed, see
results.py), and moving the tree cursor onto a found page selects it. No UI
here: the screen draws what this holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import counted, label
from .links import PageRef
from .model import Dataset, Lang
from .render import Marks

if TYPE_CHECKING:
    # Imported by the first query run: the main screen makes a session at
    # start, and the search modules are not needed for the first paint.
    from .results import Entry
    from .search import Results, SearchIndex


class SearchSession:
    """The matches of the last query run, and which of their pages is selected."""

    def __init__(self) -> None:
        self.query = ""
        self.results: Results | None = None
        """None: no query run (an empty one, or the index still being built)."""
        self.marks: Marks | None = None
        """Where the query's words are in a text, for highlighting them on the page."""
        self.entries: list[Entry] = []
        """The pages found, in the order listed; `at` indexes it."""
        self.at = -1

    @property
    def active(self) -> bool:
        """A query ran and its results are shown (n and N mean something)."""
        return self.results is not None

    @property
    def selected(self) -> Entry | None:
        return self.entries[self.at] if 0 <= self.at < len(self.entries) else None

    def clear(self) -> None:
        """No query: nothing found, nothing selected."""
        self.query = ""
        self.results = None
        self.marks = None
        self.entries = []
        self.at = -1

    def run(self, index: SearchIndex, dataset: Dataset, query: str, lang: Lang) -> None:
        """Find `query`; the page of the best match is selected first."""
        from .results import result_entries
        from .search import highlighter

        self.query = query
        self.results = index.find(query, lang)
        self.marks = highlighter(query)
        self.entries = result_entries(dataset, self.results)
        best = self.results.matches[0].ref if self.results.matches else None
        self.at = next((i for i, e in enumerate(self.entries) if e.ref == best), 0)
        if not self.entries:
            self.at = -1

    def select(self, at: int) -> Entry:
        self.at = at
        return self.entries[at]

    def step(self, step: int) -> Entry | None:
        """The next (1) or previous (-1) page found, round the end of the list."""
        if self.results is None or not self.entries:
            return None
        return self.select((self.at + step) % len(self.entries))

    def follow(self, ref: PageRef) -> bool:
        """The reader moved onto `ref` by other means: n and N go on from there."""
        at = next((i for i, e in enumerate(self.entries) if e.ref == ref), None)
        if self.results is None or at is None:
            return False
        self.at = at
        return True

    def count_text(self, lang: Lang) -> str | None:
        """The search line's tally: where the reader is among the pages found."""
        results = self.results
        if results is None:
            return None
        if results.total and self.entries:
            return label("search.at", lang).format(
                at=self.at + 1,
                pages=counted("pages", len(self.entries), lang),
                matches=counted("matches", results.total, lang),
            )
        return label("search.none", lang)
