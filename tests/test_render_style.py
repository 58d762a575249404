"""The tree and the detail pane work out their style once per render of their lines."""

from __future__ import annotations

import pytest
from helpers import screen_text
from textual.dom import DOMNode
from textual.geometry import Region
from textual.widget import Widget

from tui.factory import make_app
from tui.ui.widgets import DetailPane, TopicTree


@pytest.mark.parametrize("kind", [TopicTree, DetailPane])
async def test_a_render_of_every_line_looks_the_style_up_once(
    monkeypatch: pytest.MonkeyPatch, kind: type[Widget]
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = app.query_one(kind)
        expected = widget.rich_style
        looked_up: list[DOMNode] = []
        rich_style = DOMNode.rich_style

        def counted(node: DOMNode) -> object:
            if node is widget:
                looked_up.append(node)
            return rich_style.fget(node)  # type: ignore[attr-defined]

        monkeypatch.setattr(DOMNode, "rich_style", property(counted))
        width, height = widget.size
        lines = widget.render_lines(Region(0, 0, width, height))
        assert len(lines) == height > 10
        # Textual works it out afresh on every call (some 50 µs): once, not a line at a time.
        assert len(looked_up) == 1
        # Between renders it follows the widget's styles as ever.
        assert widget.rich_style == expected and len(looked_up) == 2


async def test_a_new_theme_reaches_the_lines_rendered_after_it() -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one(TopicTree)
        dark = tree.rich_style
        app.theme = "coop-light"
        await pilot.pause()
        assert tree.rich_style != dark
        line = tree.render_lines(Region(0, 10, tree.size.width, 1))[0]
        assert {segment.style.bgcolor for segment in line if segment.style} == {
            tree.rich_style.bgcolor
        }
        assert "Center" in screen_text(app)
