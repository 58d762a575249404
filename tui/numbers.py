"""Figures as a reader sees them: integers as integers, as precise as the source, never too long.

A figure comes from the data as an `int` (written `30`) or a `float` (written
`3.0`, `1.743`); it is shown as written, without rounding: `30`, `3.0`, `1.743`
(ru: `1,743`). Big integers get their thousands grouped (`1,000,000`;
ru: `1 000 000`). A figure whose digits would not fit in `MAX_CHARS` (a float
such as `0.30000000000000004`, or `1e-300`) is cut, visibly, with `…`, never
rounded into a different figure. Below 0.0001 a float keeps its exponent:
`1e-5`, `1.5e-300` (ru: `1,5e-300`).

Percentages of a target are bounded the same way: past 999 % the text says
`>999 %`, below -99 % `<-99 %`, and an overflowing ratio never raises.
Nothing here imports Rich or Textual.
"""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Union

__all__ = [
    "MAX_CHARS",
    "PERCENT_WIDTH",
    "clamp_ratio",
    "format_decimal",
    "format_number",
    "percent_of",
    "percent_text",
]

Figure = Union[int, float]

MAX_CHARS = 22
"""The most characters a figure takes (a sign, digits, separators, a decimal mark)."""

PERCENT_WIDTH = 6
"""Characters of every percentage text ("≥100 %", ">999 %", "<-99 %"): bars line up."""

_MAX_PERCENT = 999
_MIN_PERCENT = -99


def format_number(value: Figure, lang: str) -> str:
    """A figure as written in the data: 30 -> "30", 3.0 -> "3.0", 1.743 -> "1,743" in ru."""
    if isinstance(value, bool):  # never a figure; shown as a number all the same
        value = int(value)
    if isinstance(value, int):
        text = _group(str(abs(value)), lang)
        return _cut(("-" if value < 0 else "") + text)
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "?"
    # repr is the shortest text that reads back as the same float: the figure
    # as the source wrote it (3.0 stays 3.0, 1.743 stays 1.743). Below 1e-4
    # repr writes an exponent (1e-05): kept, as 0.00001 is hard to count.
    shortest = repr(value)
    if "e" in shortest:
        mantissa, _, exponent = shortest.partition("e")
        if lang == "ru":
            mantissa = mantissa.replace(".", ",")
        return _cut(f"{mantissa}e{int(exponent)}")
    digits = format(Decimal(shortest), "f")
    sign = "-" if digits.startswith("-") else ""
    whole, _, fraction = digits.lstrip("-").partition(".")
    text = sign + _group(whole, lang) + ("," if lang == "ru" else ".") + (fraction or "0")
    return _cut(text)


def format_decimal(value: Decimal, lang: str) -> str:
    """A difference of two figures, exact: 4.0 - 3.0 is "1.0", 3.0 - 1.87 is "1.13".

    Exact differences of extreme figures run to hundreds of digits (1e12 - 5e-324):
    grouped and cut as `format_number` does.
    """
    if not value.is_finite():
        return "?"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        # A difference of two integers is one: 10**12 - 999999999999 is "1".
        return format_number(int(value), lang)
    digits = format(value.normalize(), "f")
    sign = "-" if digits.startswith("-") else ""
    whole, _, fraction = digits.lstrip("-").partition(".")
    text = sign + _group(whole, lang) + ("," if lang == "ru" else ".") + (fraction or "0")
    return _cut(text)


def _group(whole: str, lang: str) -> str:
    """Thousands separated from 10,000 up (four digits read at a glance)."""
    if len(whole) <= 4:
        return whole
    separator = "\u00a0" if lang == "ru" else ","
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return separator.join(groups)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def clamp_ratio(ratio: float) -> float:
    """A ratio in 0..1 for drawing a bar: a negative figure draws nothing, an overshoot all."""
    if math.isnan(ratio):
        return 0.0
    return min(1.0, max(0.0, ratio))


def percent_of(value: Figure, target: Figure, sign: str, *, floor: bool) -> str:
    """`value` as a percentage of `target` (above zero), worked out exactly, as `percent_text`.

    In floats 0.3 / 0.4 is 0.7499999999999999 (floored: 74 %) and 999999999999 / 1e12
    is 0.999999999999 (with an epsilon against the first: 100 %); in decimals both are
    right, and 1e12 of 5e-324 is a number, not an overflow.
    """
    exact = Decimal(repr(value)) * 100 / Decimal(repr(target))
    if exact > _MAX_PERCENT:
        return f">{_MAX_PERCENT} %"
    if exact < _MIN_PERCENT:
        return f"<{_MIN_PERCENT} %"
    percent = int(exact.to_integral_value(ROUND_FLOOR if floor else ROUND_HALF_EVEN))
    return f"{sign}{percent} %"


def percent_text(ratio: float, sign: str, *, floor: bool) -> str:
    """`ratio` as a percentage after `sign` ("≥", "≈" or ""), within `PERCENT_WIDTH` characters.

    `floor` rounds down (2.99/3 is not yet 100 %); otherwise to the nearest.
    """
    if math.isnan(ratio):
        return "—"
    scaled = ratio * 100
    if scaled > _MAX_PERCENT:
        return f">{_MAX_PERCENT} %"
    if scaled < _MIN_PERCENT:
        return f"<{_MIN_PERCENT} %"
    # The epsilon: 0.3 / 0.4 * 100 is 74.99999999999999, and is 75 %.
    percent = math.floor(scaled + 1e-9) if floor else round(scaled)
    return f"{sign}{percent} %"
