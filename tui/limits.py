"""The bounds of the data format: what `coop-tui check` accepts, and so what every view handles.

Unbounded values only do harm: a figure of 1e308 overflows a percentage, a
chain of a thousand topics overflows Textual's tree (it draws lines
recursively) and writes a breadcrumb of a thousand titles per topic into an
export, a 15 MiB summary or 700,000 facts on one page freeze the screen.
Real data stays far inside these limits (the bundled data: four levels, a few
dozen facts per topic, texts of a few hundred characters), so `check` refuses
anything past them with the file, line, column and key path, and the JSON
Schema and docs/data-format.md say the same numbers.

Nothing here imports Textual: the loader, the schema and the views all read it.
"""

from __future__ import annotations

__all__ = [
    "MAX_ABS_VALUE",
    "MAX_DEPTH",
    "MAX_ID",
    "MAX_ITEMS",
    "MAX_LONG_TEXT",
    "MAX_QUERY",
    "MAX_SHORT_TEXT",
    "MAX_URL",
    "SHORT_TEXT_KEYS",
]

MAX_ABS_VALUE = 1e12
"""The largest figure, positive or negative: a trillion of any unit is more than any
turnover, share or count the data holds, and keeps every ratio a finite float."""

MAX_DEPTH = 16
"""Levels of topics, a root being level 1."""

MAX_SHORT_TEXT = 500
"""Characters in a name, title, label, period, unit, role, publisher, a metric's amount form,
a figure's wording or what a disagreement is about: each is shown on one line."""

MAX_LONG_TEXT = 20_000
"""Characters in a summary, description, fact, quote, note or context: a long paragraph."""

MAX_URL = 2_000
"""Characters in an address (what browsers and servers reliably accept)."""

# The keys whose text is a name or a label; every other text is long text.
SHORT_TEXT_KEYS = frozenset(
    {
        "title",
        "short_title",
        "name",
        "short_name",
        "label",
        "period",
        "unit",
        "role",
        "publisher",
        "amount",
        "wording",
        "about",
    }
)

MAX_ITEMS: dict[str, int] = {
    "topic.fact": 5_000,
    "topic.quote": 5_000,
    "topic.mentions": 1_000,
    "topic.metrics": 100,
    "topic.children": 10_000,
    "fact.mentions": 1_000,
    "quote.mentions": 1_000,
    "metric.observation": 1_000,
    "metric.target": 100,
}
"""How many of a kind one table may hold ("topic.children": subtopics of one topic)."""

MAX_ID = 200
"""Characters in an id (and so in a link to one)."""

MAX_QUERY = 200
"""Characters a search or a palette query takes: enough for any name or phrase. A pasted
page of text would otherwise go to the matchers whole (100,000 characters froze the
search for minutes)."""
