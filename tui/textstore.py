"""Texts kept compressed, read back by number: the texts of a big data set.

A hundred thousand facts are some 260,000 texts. As Python strings they take
about 45 MB (each string's header is 49 bytes, and a Russian letter two
bytes); the same texts compressed in blocks take a tenth of that. A text is
read when a page, an export or the search index asks for it: its block is
decompressed (some 20 µs for a block of 4,000 characters) and kept among the
last few blocks read, so a page's texts, which were written next to each
other, cost one block or two.

    store = TextStore()
    n = store.append("Минский тракторный завод")
    store[n]                                  # "Минский тракторный завод"

`None` is kept as None (a side of a text the data leaves out). Appending is
for one thread (the loader); once the store is handed on, any thread may
read it.
"""

from __future__ import annotations

import threading
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator

__all__ = ["Shelf", "TextStore"]

# Characters per block: small, so that a text read alone (the timeline lists
# texts in date order, from all over the data) decompresses little: about
# 20 µs a block. The blocks compress as well as big ones would (about eight
# times at 100,000 facts; blocks of 16,000 characters without a dictionary:
# five times, 45 µs a read), as zlib starts each from a dictionary: the
# store's first texts, DICT_BYTES of them, which the first block waits for,
# and every DICT_EVERY blocks the texts kept last.
BLOCK_CHARS = 4_096
DICT_CHARS = 16_384
DICT_BYTES = 32_768
DICT_EVERY = 512
# Blocks kept decompressed (some 8 KB each): a page reads from one or two, a
# walk over every text (the search index, an export) from one at a time, and
# names looked up across the data (quote speakers) from several.
CACHED_BLOCKS = 32
_LEVEL = 6
# Lone surrogates cannot come from TOML, but a text is kept whatever it holds.
_ERRORS = "surrogatepass"


# Texts per shelf (see `TextStore.shelf`): a text's place on its shelf is then
# below 256, one of the ints Python keeps one object of.
SHELF_TEXTS = 256


class Shelf:
    """A run of SHELF_TEXTS texts of a store: `store[base + place]` is text `place` of it.

    Whoever keeps many texts' numbers keeps a shelf and a place on it instead:
    a number above 256 is an object of 32 bytes, a place on a shelf never is
    one of its own, and a shelf is shared by 256 texts.
    """

    __slots__ = ("base", "store")

    def __init__(self, store: TextStore, base: int) -> None:
        self.store = store
        self.base = base


class TextStore:
    """A list of texts (or None) that only grows, kept as zlib-compressed UTF-8 blocks."""

    __slots__ = (
        "_block_chars",
        "_blocks",
        "_cache",
        "_cached",
        "_compress",
        "_count",
        "_dict_of",
        "_ends",
        "_firsts",
        "_last",
        "_lock",
        "_nones",
        "_pending",
        "_pending_chars",
        "_recent",
        "_shelves",
        "_zdicts",
    )

    def __init__(
        self, block_chars: int | None = None, cached: int | None = None, compress: bool = True
    ) -> None:
        self._block_chars = BLOCK_CHARS if block_chars is None else block_chars
        self._cached = max(1, CACHED_BLOCKS if cached is None else cached)
        # Uncompressed, a block is one string: its texts then cost no string
        # header each, and reading any of them costs no decompression.
        self._compress = compress
        self._blocks: list[bytes | str] = []
        # The id of each block's first text, to find a text's block by bisection.
        self._firsts = array("I")
        # Each text's end, in characters from the start of its block.
        self._ends = array("I")
        self._nones = bytearray()
        self._count = 0
        self._pending: list[str] = []
        self._pending_chars = 0
        self._cache: dict[int, str] = {}
        # The block read last: the numbers of its first text and of the text
        # after its last, and its text; one tuple, so that another thread
        # never sees the numbers of one block with the text of another.
        self._last: tuple[int, int, str] = (0, 0, "")
        self._lock = threading.Lock()
        self._shelves: list[Shelf] = []
        # zlib's preset dictionaries (see DICT_BYTES), and which one each block
        # was compressed with; the latest texts, to make the next one of.
        self._zdicts: list[bytes] = []
        self._dict_of = array("H")
        self._recent: list[bytes] = []

    def __len__(self) -> int:
        return self._count

    def append(self, text: str | None) -> int:
        """Keep a text; its number (0, 1, 2 ... in the order appended)."""
        number = self._count
        self._count += 1
        if text is None:
            self._nones.append(1)
            text = ""
        else:
            self._nones.append(0)
        self._pending.append(text)
        self._pending_chars += len(text)
        if self._pending_chars >= self._block_chars and (self._zdicts or not self._compress):
            self.seal()
        elif self._pending_chars >= DICT_CHARS:
            self.seal()  # the first texts, enough to make the dictionary of
        return number

    def seal(self) -> None:
        """Compress the texts appended since the last block (appending may go on)."""
        pending = self._pending
        if not pending:
            return
        if self._compress and not self._zdicts:
            self._zdicts.append("".join(pending).encode("utf-8", _ERRORS)[:DICT_BYTES])
        number = self._count - len(pending)
        run: list[str] = []
        chars = 0
        for text in pending:
            run.append(text)
            chars += len(text)
            if chars >= self._block_chars:
                self._add_block(number, run)
                number += len(run)
                run, chars = [], 0
        if run:
            self._add_block(number, run)
        self._pending = []
        self._pending_chars = 0

    def _add_block(self, first: int, texts: list[str]) -> None:
        self._firsts.append(first)
        end = 0
        ends = self._ends
        for text in texts:
            end += len(text)
            ends.append(end)
        joined = "".join(texts)
        if not self._compress:
            self._blocks.append(joined)
            return
        raw = joined.encode("utf-8", _ERRORS)
        zdict = self._zdicts[-1]
        squeeze = zlib.compressobj(_LEVEL, zdict=zdict) if zdict else zlib.compressobj(_LEVEL)
        self._blocks.append(squeeze.compress(raw) + squeeze.flush())
        self._dict_of.append(len(self._zdicts) - 1)
        # The data's texts change as it goes (sources, then people, then
        # topics): every DICT_EVERY blocks the dictionary is made again, of
        # the texts just kept.
        recent = self._recent
        recent.append(raw)
        if len(recent) > DICT_BYTES // BLOCK_CHARS + 1:  # a block is BLOCK_CHARS bytes or more
            del recent[0]
        if len(self._blocks) % DICT_EVERY == 0:
            self._zdicts.append(b"".join(recent)[-DICT_BYTES:])

    def _unpack(self, block: int) -> str:
        zdict = self._zdicts[self._dict_of[block]]
        unsqueeze = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
        raw = unsqueeze.decompress(self._blocks[block]) + unsqueeze.flush()  # type: ignore[arg-type]
        return raw.decode("utf-8", _ERRORS)

    def __getitem__(self, number: int) -> str | None:
        # Most reads are of the block read last (a page's texts, a walk over
        # all of them): its range is checked first, with no search for it.
        first, stop, text = self._last
        if not first <= number < stop:
            if not 0 <= number < self._count:
                raise IndexError(f"no text {number} in a store of {self._count}")
            pending = self._pending
            first_pending = self._count - len(pending)
            if number >= first_pending:
                return None if self._nones[number] else pending[number - first_pending]
            first, text = self._block(bisect_right(self._firsts, number) - 1)
        if self._nones[number]:
            return None
        ends = self._ends
        return text[ends[number - 1] if number > first else 0 : ends[number]]

    def shelf(self, number: int) -> tuple[Shelf, int]:
        """The shelf of text `number`, and its place there (below SHELF_TEXTS)."""
        run, place = divmod(number, SHELF_TEXTS)
        shelves = self._shelves
        while len(shelves) <= run:
            shelves.append(Shelf(self, len(shelves) * SHELF_TEXTS))
        return shelves[run], place

    def _block(self, block: int) -> tuple[int, str]:
        """The number of a block's first text, and the block's text."""
        firsts = self._firsts
        first = firsts[block]
        kept = self._blocks[block]
        if isinstance(kept, str):
            stop = (
                firsts[block + 1] if block + 1 < len(firsts) else self._count - len(self._pending)
            )
            self._last = (first, stop, kept)
            return first, kept
        with self._lock:
            cache = self._cache
            text = cache.pop(block, None)
            if text is None:
                text = self._unpack(block)
                while len(cache) >= self._cached:
                    del cache[next(iter(cache))]
            cache[block] = text  # now the most recently read (dicts keep insertion order)
            stop = (
                firsts[block + 1] if block + 1 < len(firsts) else self._count - len(self._pending)
            )
            self._last = (first, stop, text)
        return first, text

    def __iter__(self) -> Iterator[str | None]:
        """Every text in order, each block decompressed once (and not kept)."""
        ends = self._ends
        nones = self._nones
        firsts = self._firsts
        for block, kept in enumerate(self._blocks):
            text = kept if isinstance(kept, str) else self._unpack(block)
            first = firsts[block]
            last = (
                firsts[block + 1] if block + 1 < len(firsts) else self._count - len(self._pending)
            )
            start = 0
            for number in range(first, last):
                end = ends[number]
                yield None if nones[number] else text[start:end]
                start = end
        first_pending = self._count - len(self._pending)
        for offset, text in enumerate(list(self._pending)):
            yield None if nones[first_pending + offset] else text

    @property
    def compressed_bytes(self) -> int:
        """The size of the compressed blocks (for measurements)."""
        return sum(len(block) for block in self._blocks if isinstance(block, bytes))
