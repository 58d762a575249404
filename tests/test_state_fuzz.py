"""Property-based test of the state file: any content, any size, any nesting (issue 14).

Whatever `$XDG_STATE_HOME/coop-tui/state.json` holds, `StateStore.load` returns
a state (a dict) and at most a notice, never an exception; the bookmarks read
from it are page references; saving afterwards works; and what the file held
is never lost (kept as it was, or set aside next to it before anything new is
written). Written against the store's public API only: load, save, update.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tui.links import PAGE_KINDS, PageRef
from tui.model import Lang
from tui.notices import notice_text
from tui.state import StateStore, bookmarks_from

LANGS: tuple[Lang, ...] = ("ru", "en")

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)
REF = st.tuples(st.sampled_from(PAGE_KINDS), st.text(min_size=1, max_size=20)).map(list)
STATE_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "theme": st.one_of(st.text(max_size=30), JSON),
        "bookmarks": st.one_of(st.lists(st.one_of(REF, JSON), max_size=20), JSON),
    },
)


@dataclass(frozen=True)
class Content:
    """What to write to the state file, with a short name for a failure report."""

    name: str
    data: bytes = field(repr=False)


def _bookmarks(count: int) -> bytes:
    refs = [["topic", f"t{i}"] for i in range(count)]
    return json.dumps({"theme": "coop-dark", "bookmarks": refs}).encode()


def _nested(depth: int) -> Content:
    return Content(f"nested {depth} deep", b"[" * depth + b"]" * depth)


def _long_integer(digits: int) -> Content:
    return Content(f"integer of {digits} digits", b'{"theme": ' + b"7" * digits + b"}")


def _shown(data: bytes) -> Content:
    return Content(repr(data[:120]) + ("…" if len(data) > 120 else ""), data)


CONTENT = st.one_of(
    st.binary(max_size=300).map(_shown),
    JSON.map(json.dumps).map(str.encode).map(_shown),
    STATE_LIKE.map(json.dumps).map(str.encode).map(_shown),
    # Nested deeper than the JSON parser recurses.
    st.integers(1, 100_000).map(_nested),
    # An integer too long for int() (more than 4,300 digits).
    st.integers(4_000, 20_000).map(_long_integer),
)


@settings(
    max_examples=120,
    derandomize=True,
    database=None,
    deadline=timedelta(seconds=30),
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(CONTENT)
@example(_nested(100_000))
@example(_long_integer(5_000))
@example(Content("20,000 bookmarks", _bookmarks(20_000)))
@example(_shown(b'{"bookmarks": {"a": 1}, "theme": ["x"]}'))
def test_any_state_file_loads_saves_and_loses_nothing(recipe: Content) -> None:
    content = recipe.data
    with tempfile.TemporaryDirectory(prefix="coop-state-fuzz-") as folder:
        path = Path(folder) / "state.json"
        path.write_bytes(content)
        store = StateStore(path)

        loaded = store.load()
        assert isinstance(loaded.data, dict)
        # Every notice can be worded in both languages (a missing field would raise).
        assert loaded.notice is None or all(notice_text(loaded.notice, lang) for lang in LANGS)
        refs = bookmarks_from(loaded.data)
        assert all(isinstance(ref, PageRef) for ref in refs)

        problem = store.update("theme", "coop-light")
        assert problem is None or all(notice_text(problem, lang) for lang in LANGS)
        if problem is None:
            again = StateStore(path).load()
            assert again.notice is None
            assert again.data["theme"] == "coop-light"
        # What the file held is still there: in the file, or set aside beside it.
        kept = [file.read_bytes() for file in Path(folder).iterdir() if file.is_file()]
        assert content in kept or loaded.notice is None
