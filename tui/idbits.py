"""Sets of small ints (text ids) as the bits of one Python int: bit i set, i in the set.

Why not frozensets: the search index's sets are big (a common word is in
100,000 of 130,000 texts at 100,000 facts), and a frozenset of them took 7 MB,
a hash table and an int object per id; as bits they take 16 KB. `&`, `|` and
`& ~` run over 16 KB in microseconds, and counting is one pass. What costs is
listing the ids: one pass over `size` bytes in C (`flags`), about a third of a
millisecond at 130,000 ids, then one over the ids (or over the bytes, when the
set holds most of them).

No Textual, no Rich: the search index's helper.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator, Sequence
from itertools import accumulate, chain, compress, islice
from typing import TypeVar

T = TypeVar("T")

# One byte per id, 0 or 1, as `compress` takes its selectors; and back.
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
# Up to this many ids, a set is made one bit at a time (a few microseconds each
# at 130,000 ids) rather than through a byte per id (a third of a millisecond).
FEW = 64
# A set is sparse when it holds fewer ids than 1 in this many (see `_sparse`).
SPARSE = 32


def from_ids(lists: Sequence[Collection[int]], size: int, least: int = 0) -> int:
    """The set of the ids in `lists` (each below `size`; an id may be in several).

    `least`: no id is smaller; only the bytes from there on are turned into bits.
    """
    every = chain.from_iterable(lists)
    if sum(map(len, lists)) <= FEW:
        bits = 0
        for i in every:
            bits |= 1 << i
        return bits
    chosen = bytearray(size)
    # A plain loop: faster than map(chosen.__setitem__, ...) on Python 3.11.
    for i in every:
        chosen[i] = 1
    return from_flags(chosen[least:]) << least


def from_flags(chosen: bytes | bytearray) -> int:
    """The set of the ids whose byte in `chosen` is 1 (the others 0): `flags` undone."""
    # Base 2 converts in linear time (and has no digit limit, unlike base 10).
    return int(chosen.translate(_TO_DIGITS)[::-1], 2) if chosen else 0


def flags(bits: int) -> bytes:
    """One byte per id from 0 up to the set's last, 1 where the id is in the set."""
    return format(bits, "b").encode("ascii")[::-1].translate(_FROM_DIGITS)


def _sparse(wanted: int, chosen: bytes) -> bool:
    """Whether `wanted` ids are few among `chosen`'s bytes: then `_positions` is the faster.

    It makes a bytes object per id, where `compress` makes an int per byte.
    """
    return wanted * SPARSE < len(chosen)


def _positions(chosen: bytes, need: int) -> list[int]:
    """Where the first `need` ones of `chosen` are (all of them: -1), in order.

    Split at the ones, each piece's length plus one is the step to the next:
    in C all the way, and `need` ends the split early.
    """
    pieces = chosen.split(b"\x01", need)
    pieces.pop()  # what follows the last one taken
    return list(map((-1).__add__, accumulate(map((1).__add__, map(len, pieces)))))


def smallest(bits: int, need: int | None) -> list[int]:
    """The `need` smallest ids of the set, in order; all of them when None."""
    if not bits:
        return []
    chosen = flags(bits)
    if (need is not None and _sparse(need, chosen)) or _sparse(count(bits), chosen):
        return _positions(chosen, -1 if need is None else need)
    every = compress(range(len(chosen)), chosen)
    return list(every if need is None else islice(every, need))


def ids(bits: int) -> list[int]:
    """The set's ids, in increasing order."""
    return smallest(bits, None)


def pick(items: Sequence[T], bits: int) -> Iterator[T]:
    """The items at the set's ids, in order (the ids must be below len(items))."""
    chosen = flags(bits)
    if _sparse(count(bits), chosen):
        return map(items.__getitem__, _positions(chosen, -1))
    return compress(items, chosen)


if sys.version_info >= (3, 10):

    def count(bits: int) -> int:
        """How many ids the set holds."""
        return bits.bit_count()

else:

    def count(bits: int) -> int:
        """How many ids the set holds."""
        return bin(bits).count("1")
