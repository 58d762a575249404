"""Sets of ids as the bits of an int: the same answers as Python's sets, dense or sparse."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tui import idbits

SIZE = 3000

id_lists = st.lists(st.lists(st.integers(0, SIZE - 1), max_size=400), max_size=4)


@given(id_lists, st.one_of(st.none(), st.integers(0, 500)))
# Few ids (made a bit at a time) and many (through a byte per id), sparse
# and dense (listed by splitting, or by compress), a few or all of them asked.
@example([[5, 1, 5]], None)
@example([list(range(0, SIZE, 2))], 10)
@example([list(range(0, SIZE, 2)), list(range(1, 200))], None)
@example([list(range(SIZE - 100, SIZE))], 3)
@example([[]], None)
def test_bits_answer_as_a_set_does(lists: list[list[int]], need: int | None) -> None:
    bits = idbits.from_ids(lists, SIZE)
    expected = sorted({i for ids in lists for i in ids})
    assert idbits.count(bits) == len(expected)
    assert idbits.ids(bits) == expected
    assert idbits.smallest(bits, need) == (expected if need is None else expected[:need])
    items = [f"item {i}" for i in range(SIZE)]
    assert list(idbits.pick(items, bits)) == [items[i] for i in expected]


@given(id_lists, id_lists)
def test_and_or_and_not_are_intersection_union_and_difference(
    a: list[list[int]], b: list[list[int]]
) -> None:
    x, y = idbits.from_ids(a, SIZE), idbits.from_ids(b, SIZE)
    sa, sb = {i for ids in a for i in ids}, {i for ids in b for i in ids}
    assert idbits.ids(x & y) == sorted(sa & sb)
    assert idbits.ids(x | y) == sorted(sa | sb)
    assert idbits.ids(x & ~y) == sorted(sa - sb)
