"""Write SVG screenshots of the real app on the bundled data into screenshots/.

Run from the repository:  python scripts/screenshots.py
Each shot is a key sequence pressed by Textual's Pilot at a fixed terminal size.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.factory import make_app

# name: (language, size, keys)
SHOTS: dict[str, tuple[str, tuple[int, int], list[str]]] = {
    "first-screen": ("en", (80, 24), []),
    "trade-overview": ("en", (100, 36), ["j", "j", "j"]),
    "industry-russian": ("ru", (100, 36), ["j", "enter", "j"]),
    "help": ("en", (80, 24), ["question_mark"]),
    "wide": ("en", (200, 60), ["j", "j", "j", "enter"]),
    "small-40x12": ("en", (40, 12), ["j", "j", "j", "tab"]),
}


async def take(name: str, lang: str, size: tuple[int, int], keys: list[str], out: Path) -> Path:
    app = make_app(lang=lang)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        path = out / f"{name}.svg"
        app.save_screenshot(str(path.name), str(out))
    return path


async def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, (lang, size, keys) in SHOTS.items():
        print(await take(name, lang, size, keys, out))


if __name__ == "__main__":
    asyncio.run(main())
