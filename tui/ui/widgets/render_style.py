"""A widget's style looked up once per render of its lines, not once per line.

Textual's `DOMNode.rich_style` is worked out afresh on every call, walking from
the screen down to the widget and blending backgrounds and colours (some
50 µs a call). The tree and the detail pane ask for it on every line they
render: twenty lines a pane on the first screen, and the rows a key press
repaints. Nothing can restyle a widget while its lines are being rendered,
so one look-up serves the whole render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style
    from textual.geometry import Region
    from textual.strip import Strip


class StyleOncePerRender:
    """Mixed into a Widget before it: `rich_style` is looked up once while its lines render."""

    _render_style: Style | None = None

    @property
    def rich_style(self) -> Style:
        style = self._render_style
        if style is None:
            style = super().rich_style  # type: ignore[misc]
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        self._render_style = super().rich_style  # type: ignore[misc]
        try:
            lines: list[Strip] = super().render_lines(crop)  # type: ignore[misc]
            return lines
        finally:
            self._render_style = None
