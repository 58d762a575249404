"""The preview of a big data set's roots: what the first screen shows while the rest loads."""

from __future__ import annotations

from pathlib import Path

from tui.loader import load_dataset
from tui.paths import bundled_data_path
from tui.preview import preview_roots


def test_the_preview_finds_the_roots_the_loader_finds() -> None:
    preview = preview_roots([bundled_data_path()])
    full = load_dataset([bundled_data_path()])
    assert [t.id for t in preview.roots] == [t.id for t in full.roots]
    assert [t.title for t in preview.roots] == [t.title for t in full.roots]


def test_roots_anywhere_in_a_file_and_only_roots(tmp_path: Path) -> None:
    (tmp_path / "topics.toml").write_bytes(
        # A file that opens with a root, CRLF line ends, sub-tables inside a
        # topic (whose keys are not the topic's), and a root after a child.
        b'[[topic]]\r\nid = "first"\r\ntitle = { ru = "\xd0\x9f", en = "First" }\r\n'
        b"\r\n[[topic.fact]]\r\n"
        b'parent = "not the topic\'s key"\r\n'
        b'\r\n[[topic]]\r\nid = "child"\r\nparent = "first"\r\ntitle = "Child"\r\n'
        b'\r\n[[topic]]\r\nid = "second"\r\ntitle = "Second"\r\nshort_title = "2nd"\r\n'
        b'\r\n[[topic]]\r\nid = = "broken"\r\n'
        b'\r\n[[topic]]\r\n  parent = "second"\r\nid = "indented-parent"\r\ntitle = "X"\r\n'
    )
    preview = preview_roots([tmp_path])
    assert list(preview.topics) == ["first", "second"]
    assert preview.topics["first"].title.get("ru") == "П"
    assert preview.topics["first"].title.get("en") == "First"
    second = preview.topics["second"]
    assert second.title.get("en") == "Second"
    assert second.short_title is not None and second.short_title.get("en") == "2nd"
