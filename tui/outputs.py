"""Where coop-tui writes what a reader asks for (screenshots, exported pages, citations).

The current folder, where a reader who typed `coop-tui` there will look; when
it cannot be written to, `$XDG_STATE_HOME/coop-tui/` (made if needed). Never a
folder that may not exist, such as `~/Downloads` on a server.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .links import PageRef
from .model import Dataset, Lang
from .state import state_dir


def output_dir(cwd: Path | None = None) -> Path:
    """The folder to write into: the current one if writable, else the state folder."""
    here = cwd if cwd is not None else Path.cwd()
    if os.access(here, os.W_OK | os.X_OK):
        return here
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem.suffix`, or `stem-2.suffix` ... when that is taken: never overwrite."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "coop-tui"
    path = folder / f"{safe}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{safe}-{number}{suffix}"
        number += 1
    return path


def write_new(folder: Path, stem: str, suffix: str, text: str) -> Path:
    """Write `text` to a new file in `folder` and return its path (OSError when it cannot)."""
    path = free_name(folder, stem, suffix)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def page_markdown(dataset: Dataset, ref: PageRef, lang: Lang) -> str:
    """A page as Markdown: a topic as `coop-tui export --format md --topic` writes it
    (with its subtopics); any other page as its title and its text as drawn."""
    from .render import build_page
    from .report import markdown_report, md_escape, plain_text

    if ref.kind == "topic":
        return markdown_report(dataset, lang, topic_id=ref.id)
    page = build_page(dataset, ref, lang)
    lines = [f"# {md_escape(page.title)}", ""]
    lines += [md_escape(line) for line in plain_text(page.renderable()).split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"
