"""Write SVG screenshots of the real app on the bundled data into screenshots/.

Run from the repository:  python scripts/screenshots.py
Each shot is a key sequence pressed by Textual's Pilot at a fixed terminal size.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from pathlib import Path

from rich.cells import cell_len

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.factory import make_app  # noqa: E402 - the repository's tui, after sys.path names it

# A pause for what answers in the background (the command palette's search).
WAIT = "<wait>"

# name: (language, size, keys)
SHOTS: dict[str, tuple[str, tuple[int, int], list[str]]] = {
    "first-screen": ("en", (80, 24), []),
    "trade-overview": ("en", (100, 36), ["j", "j", "j"]),
    # The same page further down: the chart of each series, the disagreement.
    "trade-chart": ("en", (100, 36), ["j", "j", "j", "tab", *["j"] * 40]),
    "trade-russian-40x12": ("ru", (40, 12), ["j", "j", "j", "tab", *["j"] * 31]),
    "industry-russian": ("ru", (100, 36), ["j", "enter", "j"]),
    "help": ("en", (80, 24), ["question_mark"]),
    "help-russian": ("ru", (80, 24), ["question_mark"]),
    "citation-russian": ("ru", (100, 30), ["j", "enter", "j", "c"]),
    "wide": ("en", (200, 60), ["j", "j", "j", "enter"]),
    "small-40x12": ("en", (40, 12), ["j", "j", "j", "tab"]),
    "search-results": ("en", (100, 30), ["slash", *"gomselmash", "enter"]),
    "timeline": ("en", (100, 30), ["t", "j", "j", "j"]),
    "index-russian": ("ru", (100, 30), ["i"]),
    "organisation-page": (
        "en",
        (100, 30),
        ["ctrl+p", WAIT, *"Gomselmash", WAIT, "enter", WAIT, "tab", "tab", "tab"],
    ),
}


# A run of text in Textual's SVG, with the non-breaking spaces it starts with.
_TEXT = re.compile(
    r'(<text [^>]*?x=")([\d.]+)("[^>]*?textLength=")([\d.]+)("[^>]*>)((?:&#160;)+)([^<]+)(</text>)'
)


def _indent_by_position(svg: str) -> str:
    """Draw a run's leading spaces by moving the run, not as characters.

    Textual writes spaces as `&#160;`; some SVG renderers (librsvg, behind
    rsvg-convert and many image viewers) drop them at the start of a text
    element, which pulls indented lines to the left. Browsers keep them. Moving
    the run right by those cells draws the same picture everywhere.
    """

    def shift(match: re.Match[str]) -> str:
        head, x, middle, length, tail, spaces, rest, end = match.groups()
        indent = spaces.count("&#160;")
        cells = indent + cell_len(html.unescape(rest))
        cell = float(length) / cells
        return (
            f"{head}{float(x) + indent * cell:g}{middle}"
            f"{float(length) - indent * cell:g}{tail}{rest}{end}"
        )

    return _TEXT.sub(shift, svg)


async def take(name: str, lang: str, size: tuple[int, int], keys: list[str], out: Path) -> Path:
    # make_app remembers nothing unless asked: the reader's bookmarks stay out of the pictures.
    app = make_app(lang=lang)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        for key in keys:
            if key == WAIT:
                await pilot.pause(0.5)
            else:
                await pilot.press(key)
        await pilot.pause()
        path = out / f"{name}.svg"
        app.save_screenshot(str(path.name), str(out))
    path.write_text(_indent_by_position(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


async def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, (lang, size, keys) in SHOTS.items():
        print(await take(name, lang, size, keys, out))


if __name__ == "__main__":
    asyncio.run(main())
