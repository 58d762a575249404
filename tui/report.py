"""The non-interactive outputs: the plain-text report and the Markdown export.

The text report prints, for every topic, exactly what the detail pane shows
(`render.topic_page`), through a Rich Console that has no terminal and no
colour: the two cannot disagree. Markdown walks a topic's sections as the page
does (`walk.topic_sections`) and is built from the same pieces of `render`
(numbered citations, figures, bars, the untranslated mark), so the order, the
numbers and the wording agree too. JSON lives in `jsonio.py`.

Nothing here imports Textual: `coop-tui export` and `coop-tui | less` must
start fast.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator, Mapping
from typing import TextIO

from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.text import Text

from . import __version__
from .bars import TargetBar, bar_text
from .chart import SeriesChart
from .i18n import format_date, format_when, label, quoted
from .model import Dataset, Lang, Localized, Metric, Source, Topic
from .render import (
    Citations,
    Hanging,
    localized,
    metric_block,
    side_text,
    topic_page,
    topic_title,
)
from .timeline import Filter
from .timeline_report import timeline_markdown
from .walk import (
    SECTION_KEYS,
    Disputes,
    Facts,
    Figures,
    Mentions,
    Quotes,
    SectionKey,
    Subtopics,
    topic_sections,
)

__all__ = ["markdown_report", "report_topics", "report_width", "text_report", "write_text_report"]

DEFAULT_WIDTH = 80
MIN_WIDTH = 20
MAX_WIDTH = 500
"""Wider than any screen: a bigger $COLUMNS (99999999) would only make rules of that many characters."""


def report_width(environ: Mapping[str, str] | None = None) -> int:
    """$COLUMNS when it is a sane number (capped at 500), else 80 (a pipe has no width of its own)."""
    env = os.environ if environ is None else environ
    try:
        width = int(env.get("COLUMNS", ""))
    except ValueError:
        return DEFAULT_WIDTH
    return min(width, MAX_WIDTH) if width >= MIN_WIDTH else DEFAULT_WIDTH


def report_topics(dataset: Dataset, topic_id: str | None = None) -> Iterator[Topic]:
    """Topics in tree order (depth first, as the tree lists them): all, or one and its subtopics."""
    stack = [dataset.topics[topic_id]] if topic_id is not None else list(dataset.roots)
    stack.reverse()
    while stack:
        topic = stack.pop()
        yield topic
        stack.extend(reversed(dataset.children(topic.id)))


def _plain_console(file: TextIO, width: int) -> Console:
    # `_environ={}`: FORCE_COLOR, TTY_COMPATIBLE and friends must not turn
    # escape sequences (colour, OSC 8 links) back on in a report.
    return Console(
        file=file,
        width=width,
        color_system=None,
        force_terminal=False,
        force_interactive=False,
        no_color=True,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        _environ={},
    )


def write_text_report(
    out: TextIO, dataset: Dataset, lang: Lang, *, topic_id: str | None = None, width: int = 80
) -> None:
    """Every topic's page, as the detail pane draws it, in plain text.

    Written topic by topic, so `coop-tui | head` shows the start at once.
    """
    if topic_id is None:
        out.write(f"coop-tui {__version__} — {label('app.subtitle', lang)}\n")
    for topic in report_topics(dataset, topic_id):
        buffer = io.StringIO()
        console = _plain_console(buffer, width)
        console.print(Rule(Text(topic_title(dataset, topic.id, lang)), align="left", style=""))
        console.print(topic_page(dataset, topic.id, lang))
        console.print()
        # Rich pads wrapped lines with spaces; a report file should not carry them.
        out.write("\n".join(line.rstrip() for line in buffer.getvalue().split("\n")))


def plain_text(renderable: RenderableType, width: int = 80) -> str:
    """Any renderable as plain text, no escape sequences, no trailing spaces."""
    buffer = io.StringIO()
    _plain_console(buffer, width).print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def text_report(
    dataset: Dataset, lang: Lang, *, topic_id: str | None = None, width: int = 80
) -> str:
    buffer = io.StringIO()
    write_text_report(buffer, dataset, lang, topic_id=topic_id, width=width)
    return buffer.getvalue()


# ---------------------------------------------------------------- Markdown

# Characters Markdown could read as syntax anywhere in a line; CommonMark
# lets any ASCII punctuation be escaped with a backslash.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Line starts that would become a heading, list, quote, rule or setext
# underline ("1.87" starts no list: a number marker needs a space after it).
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d{1,9}[.)](?=\s|$))", re.MULTILINE)


def md_escape(text: str) -> str:
    """Data text as literal Markdown: `[x](y)`, `*`, `<b>` and `# ` show as written."""
    escaped = _MD_INLINE.sub(r"\\\1", text)
    escaped = _MD_LINE_START.sub(lambda m: m.group(1) + _escape_line_start(m.group(2)), escaped)
    return escaped


def _escape_line_start(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _md(text: Localized, lang: Lang) -> str:
    # render.localized adds the same "‹untranslated›" mark as the pane.
    return md_escape(localized(text, lang).plain)


def markdown_report(dataset: Dataset, lang: Lang, *, topic_id: str | None = None) -> str:
    """Topics as `##` sections with Figures, Facts, Quotes, Mentions and a numbered Sources list."""
    lines: list[str] = []
    if topic_id is None:
        lines += [f"# coop-tui — {md_escape(label('app.subtitle', lang))}", ""]
    for topic in report_topics(dataset, topic_id):
        lines += _topic_markdown(dataset, topic, lang)
    # Every dated item of the topics above, in date order (see timeline_report.py).
    lines += timeline_markdown(dataset, lang, Filter(topic=topic_id) if topic_id else None)
    return "\n".join(lines).rstrip("\n") + "\n"


# A topic's sections as the page has them (see `walk`), but its timeline: the
# report ends with the whole timeline instead.
_MARKDOWN_SECTIONS: tuple[SectionKey, ...] = tuple(k for k in SECTION_KEYS if k != "timeline")


def _topic_markdown(dataset: Dataset, topic: Topic, lang: Lang) -> list[str]:
    cite = Citations(dataset)
    lines = [f"## {md_escape(topic_title(dataset, topic.id, lang))}", ""]
    if topic.summary is not None:
        lines += [_paragraph(_md(topic.summary, lang)), ""]
    for section in topic_sections(dataset, topic, _MARKDOWN_SECTIONS):
        lines += [f"### {label(section.key, lang)}", ""]
        if isinstance(section, Figures):
            for metric in section.items:
                lines += _metric_markdown(metric, lang, cite)
        elif isinstance(section, Facts):
            lines += _facts_markdown(section, lang, cite)
        elif isinstance(section, Quotes):
            lines += _quotes_markdown(dataset, section, lang, cite)
        elif isinstance(section, Disputes):
            lines += _disputes_markdown(dataset, section, topic, lang, cite)
        elif isinstance(section, Mentions):
            for kind, entities in section.by_kind():
                names = [md_escape(e.label(lang)) for e in entities]
                lines.append(f"- {label(kind, lang)}: {' · '.join(names)}")
            lines.append("")
        elif isinstance(section, Subtopics):
            lines += [f"- {_md(child.title, lang)}" for child in section.items]
            lines.append("")

    sources = cite.sources()
    if sources:
        lines += [f"### {label('sources', lang)}", ""]
        lines += [_source_markdown(number, source, lang) for number, source in sources]
        lines.append("")
    return lines


def _facts_markdown(section: Facts, lang: Lang, cite: Citations) -> list[str]:
    lines: list[str] = []
    for fact in section.items:
        body = _md(fact.text, lang)
        if fact.date is not None:
            body = f"{format_when(fact.date, lang)}: {body}"
        if fact.note is not None:
            body += f" ({_md(fact.note, lang)})"
        mark = f" ≠ {label('disagree', lang)}" if fact.disagreement is not None else ""
        lines.append(f"- {_one_line(body)} {cite.marker(fact.source)}{mark}")
    lines.append("")
    return lines


def _quotes_markdown(dataset: Dataset, section: Quotes, lang: Lang, cite: Citations) -> list[str]:
    lines: list[str] = []
    for quote in section.items:
        person = dataset.entities[quote.speaker]
        who = md_escape(person.name.get(lang))
        if person.role is not None:
            who += ", " + _md(person.role, lang)
        lines.append(f"> {quoted(_one_line(_md(quote.text, lang)), lang)}")
        lines.append(">")
        lines.append(f"> — {who}, {format_date(quote.date, lang)} {cite.marker(quote.source)}")
        if quote.context is not None:
            lines += [">", f"> {_one_line(_md(quote.context, lang))}"]
        lines.append("")
    return lines


def _metric_markdown(metric: Metric, lang: Lang, cite: Citations) -> list[str]:
    """The metric block of the detail pane, word for word, as Markdown.

    Built from `render.metric_block`'s own parts, so the wording, the numbers,
    the qualifiers and the source markers cannot differ from the screen's.
    """
    parts = metric_block(metric, lang, cite)
    heading = parts[0]
    assert isinstance(heading, Text)
    lines = [f"**{md_escape(heading.plain)}**", ""]
    for part in parts[1:]:
        if isinstance(part, TargetBar):
            lines.append(f"  `{bar_text(part.measure, part.scale, 40).plain.rstrip()}`  ")
        elif isinstance(part, SeriesChart):
            lines += ["", "```", *[line.plain.rstrip() for line in part.lines(72)], "```", ""]
        elif isinstance(part, Hanging):
            prefix, body = part.prefix.plain, _one_line(md_escape(part.body.plain))
            if prefix == "  " and body.startswith(md_escape(label("target", lang))):
                lines.append(f"- {body}  ")
            elif prefix == "    ":
                lines.append(f"  {body}")
            elif prefix.strip() == "·":
                lines.append(f"  - {body}")
            elif part is parts[-1] and metric.note is not None:
                lines += ["", _paragraph(md_escape(part.body.plain))]
            else:
                lines.append(f"- {body}")
        elif isinstance(part, Text) and part.plain.strip():
            lines.append(f"- {md_escape(part.plain.strip())}")
    lines.append("")
    return [_markers(line) for line in lines]


_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")


def _markers(text: str) -> str:
    """Source markers as the rest of the export writes them: [1], not \\[1\\]."""
    return _ESCAPED_MARKER.sub(r"[\1]", text)


def _disputes_markdown(
    dataset: Dataset, section: Disputes, topic: Topic, lang: Lang, cite: Citations
) -> list[str]:
    lines: list[str] = []
    for dispute in section.items:
        disagreement, sides = dispute.disagreement, dispute.sides
        lines.append(f"≠ **{_md(disagreement.about, lang)}**")
        lines.append("")
        for side in sides:
            text = side_text(dataset, side, lang, cite, topic.id).plain
            lines.append(f"- {_markers(_one_line(md_escape(text)))}")
        if disagreement.note is not None:
            lines += ["", _paragraph(_md(disagreement.note, lang))]
        lines.append("")
    return lines


def _source_markdown(number: int, source: Source, lang: Lang) -> str:
    line = f"{number}. {_md(source.title, lang)}"
    details = []
    if source.publisher is not None:
        details.append(_md(source.publisher, lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    if details:
        line += " — " + ", ".join(details)
    if source.note is not None:
        line += f" ({_md(source.note, lang)})"
    if source.url:
        # An autolink cannot hold spaces or < >; the loader only accepts URLs without them.
        line += f" <{source.url}>"
    return _one_line(line)


def _one_line(text: str) -> str:
    # A newline inside a list item or quote would end it; keep it one line.
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _paragraph(text: str) -> str:
    # Blank lines in data would split a paragraph and could start a new block.
    return "\n".join(part for part in text.splitlines() if part.strip())
