"""Which texts hold each word, gathered as the texts come: the search index's postings.

While the index is built, a text is known by its number (the order it came
in); the index's ids are handed out later (see `SearchIndex._index`), and
`finish` turns numbers into ids. A word's texts end up as their ids (4 bytes
each) or as bits (see idbits.py), whichever is smaller: bits for a common word,
16 KB at 130,000 texts where its ids took 450 KB.

Why not lists of numbers until the end: a word of every fact then grew an
array of 100,000 numbers, and all the arrays together were half the build's
peak (6 of 12.5 MB at 100,000 facts), memory the process keeps once it has
taken it. A word's numbers are made bits every `FLUSH` of them instead, so no
array grows past it: the App's peak with a search typed is 3-4 MB lower, for
about a tenth of a second more build per language.

No Textual, no Rich: the search index's helper.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from . import idbits

# How many numbers a word gathers before they are made bits: 16 KB of them, and
# a pass over a byte per text since the first of them to make the bits.
FLUSH = 4096


class Postings:
    """Each word's texts by number, as `add` gives them."""

    def __init__(self) -> None:
        self._numbers: dict[str, array[int]] = {}
        self._bits: dict[str, int] = {}
        """The numbers of words with `FLUSH` or more texts, made bits."""

    def add(self, number: int, words: Iterable[str]) -> None:
        """Text `number` (greater than any before) holds `words` (each once)."""
        numbers = self._numbers
        for word in words:
            bucket = numbers.get(word)
            if bucket is None:
                numbers[word] = array("I", (number,))
                continue
            bucket.append(number)
            if len(bucket) >= FLUSH:
                # Only the texts from the word's first number on are turned
                # into bits (the numbers grow), not all the texts before them.
                made = idbits.from_ids([bucket], number + 1, least=bucket[0])
                self._bits[word] = self._bits.get(word, 0) | made
                del bucket[:]

    def finish(self, id_of: array[int]) -> dict[str, array[int] | int]:
        """Each word's texts by id (`id_of` a number's): as ids, or as bits when smaller.

        Emptied as it goes: each word's numbers are let go as its ids are made.
        """
        size = len(id_of)
        postings: dict[str, array[int] | int] = {}
        numbers, bits = self._numbers, self._bits
        while numbers:
            word, bucket = numbers.popitem()
            many = bits.pop(word, 0)
            if (len(bucket) + idbits.count(many)) * 32 > size:
                chosen = bytearray(size)
                for number in bucket:
                    chosen[id_of[number]] = 1
                for text_id in idbits.pick(id_of, many):
                    chosen[text_id] = 1
                postings[word] = idbits.from_flags(chosen)
            else:
                text_ids = array("I", map(id_of.__getitem__, bucket))
                if many:
                    text_ids.extend(idbits.pick(id_of, many))
                postings[word] = text_ids
        return postings
