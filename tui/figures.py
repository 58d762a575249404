"""Which figure measures a target, and what is left to reach it: the rules, apart from drawing.

A bar that measured every target against the latest figure told readers that a
target due by the end of 2025 was met by a 2024 figure. The rules here keep a
target to figures of its own period:

- A target with a `due` date is measured only by a figure of the same year: a
  full-year figure first, else the latest part-year one (shown as part of the
  year). With neither, the bar is empty and the latest earlier figure is given
  beside it as context, never as progress. A statement with no period ("we
  already have more than $2bn") never measures a target.
- A target with no date is measured by the latest full-year figure, and the
  line names that year.

What is left keeps the figure's qualifier: 2.5 against "more than 2.0" leaves
"at most 0.5" to go, never a flat "0.5". Nothing here knows about Rich or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .model import Metric, Observation, Qualifier, Target

Rule = Literal["full-year", "part-year", "no-figure", "latest-full-year", "no-full-year"]
"""How a target found (or did not find) its figure:
`full-year` / `part-year`: a figure of the due year; `no-figure`: none for that year;
`latest-full-year`: an undated target and the latest full year; `no-full-year`: an
undated target and no full-year figure at all."""

State = Literal["met", "not-met", "about", "unknown", "no-figure"]
"""`about`: an "about" figure at or past the target (close, not certainly met);
`unknown`: the qualifier leaves it open ("up to 3.2" against 3.0)."""

Bound = Literal["exact", "at-most", "at-least", "about", "more-than"]
"""How sure an amount left to go is, from the figure's qualifier."""

# What the qualifier of a figure says of the amount left: a figure of "more
# than 2.0" against 2.5 leaves less than 0.5, so "at most 0.5" to go.
_LEFT: dict[Qualifier, Bound] = {
    "exact": "exact",
    "more-than": "at-most",
    "at-least": "at-most",
    "about": "about",
    "up-to": "at-least",
    "less-than": "more-than",
    "almost": "more-than",
}


@dataclass(frozen=True)
class Measure:
    """One target and the figure that measures it (or the context shown instead)."""

    target: Target
    rule: Rule
    figure: Observation | None
    """The figure progress is measured by; None when there is none for the period."""
    context: Observation | None = None
    """With no figure: the latest earlier figure, shown beside the bar, never as progress."""

    @property
    def year(self) -> int | None:
        """The year the target is for, or (undated) the year of the figure that measures it."""
        if self.target.due is not None:
            return self.target.due.year
        return self.figure.date.year if self.figure is not None else None

    @property
    def ratio(self) -> float | None:
        if self.figure is None or self.figure.value is None or self.target.value <= 0:
            return None
        return self.figure.value / self.target.value

    def progress(self) -> Progress:
        return progress(self.figure, self.target)


@dataclass(frozen=True)
class Progress:
    state: State
    left: Decimal | None = None
    """The amount still to go (for `not-met`), exact in decimal: never a float's 1.1300000001."""
    bound: Bound = "exact"


def _valued(metric: Metric) -> list[Observation]:
    return [o for o in metric.observations if o.value is not None]


def measure(metric: Metric, target: Target) -> Measure:
    """Find the figure that measures `target` by the rules of this module."""
    valued = _valued(metric)
    if target.due is not None:
        year = target.due.year
        same_year = [o for o in valued if o.date.year == year]
        full_year = [o for o in same_year if o.span == "full-year"]
        if full_year:
            return Measure(target, "full-year", max(full_year, key=lambda o: o.date))
        part_year = [o for o in same_year if o.span == "part-year"]
        if part_year:
            return Measure(target, "part-year", max(part_year, key=lambda o: o.date))
        earlier = [o for o in valued if o.date <= target.due]
        context = max(earlier, key=lambda o: o.date) if earlier else None
        return Measure(target, "no-figure", None, context)
    full_years = [o for o in valued if o.span == "full-year"]
    if full_years:
        return Measure(target, "latest-full-year", max(full_years, key=lambda o: o.date))
    context = max(valued, key=lambda o: o.date) if valued else None
    return Measure(target, "no-full-year", None, context)


def progress(figure: Observation | None, target: Target) -> Progress:
    """Met, not met (and how much is left), or open, as far as the figure's qualifier allows."""
    if figure is None or figure.value is None:
        return Progress("no-figure")
    value, goal = Decimal(repr(figure.value)), Decimal(repr(target.value))
    qualifier = figure.qualifier
    below = qualifier in ("less-than", "almost")  # "almost 3.0" falls short of 3.0
    if value >= goal and not (below and value == goal):
        if qualifier in ("exact", "more-than", "at-least"):
            return Progress("met")
        if qualifier == "about":
            return Progress("about")
        # "up to 3.2", "less than 3.2" or "almost 3.2" against 3.0: it may or may not be reached.
        return Progress("unknown")
    return Progress("not-met", goal - value, _LEFT[qualifier])


def latest_full_year(metric: Metric) -> Observation | None:
    """The most recent full-year figure with a value, for the block's headline."""
    full_years = [o for o in _valued(metric) if o.span == "full-year"]
    return max(full_years, key=lambda o: o.date) if full_years else None


def scale_of(metric: Metric) -> float:
    """One scale for every bar of a metric: equal lengths are equal amounts."""
    amounts = [t.value for t in metric.targets]
    for target in metric.targets:
        figure = measure(metric, target).figure
        if figure is not None and figure.value is not None:
            amounts.append(figure.value)
    return max(amounts, default=0.0)
