"""The timeline for pipes and files: `coop-tui timeline`, and its part of the exports.

Plain text, one item a line (so `grep` and `sort` work on it), under a heading
per year, then the sources the lines cite with their addresses; Markdown for
`export --format md`; a list of plain values for `export --format json`. All
three walk `timeline.py`, as the view does. Data text was cleaned of control
characters when it was loaded: nothing here can reach a terminal as a sequence.
"""

from __future__ import annotations

from typing import Any

from .i18n import format_date, label
from .model import LANGS, Dataset, Lang
from .render import source_reference
from .timeline import (
    Entry,
    Filter,
    apply_filter,
    entry_date,
    entry_marker,
    entry_text,
    entry_topic,
    source_numbers,
    timeline,
)


def timeline_lines(dataset: Dataset, lang: Lang, chosen: Filter | None = None) -> list[str]:
    """The timeline as plain text lines (no trailing newline on any)."""
    entries = list(timeline(dataset))
    if chosen:
        entries = apply_filter(dataset, entries, chosen)
    lines = [label("timeline.heading", lang).format(subtitle=label("app.subtitle", lang))]
    if not entries:
        return [*lines, "", label("timeline.empty", lang)]
    kind_width = max(len(label("entry." + e.kind, lang)) for e in entries)
    year: int | None = None
    cited: dict[str, None] = {}
    for entry in entries:
        if entry.year != year:
            year = entry.year
            lines += ["", str(year)]
        lines.append(_line(dataset, entry, lang, kind_width))
        if entry.source is not None:
            cited[entry.source] = None
    if cited:
        lines += ["", label("sources", lang)]
        numbers = {sid: source_numbers(dataset)[sid] for sid in cited}
        for source_id in sorted(cited, key=numbers.__getitem__):
            reference = source_reference(dataset.sources[source_id], lang)
            lines.append(f"  [{numbers[source_id]}] {_one_line(reference)}")
    return lines


def _line(dataset: Dataset, entry: Entry, lang: Lang, kind_width: int) -> str:
    kind = label("entry." + entry.kind, lang).ljust(kind_width)
    text = _one_line(entry_text(dataset, entry, lang))
    topic = entry_topic(dataset, entry, lang)
    where = f" · {topic}" if topic else ""
    marker = entry_marker(dataset, entry)
    return f"  {entry_date(entry, lang):<10}  {kind}  {text}{where}{' ' + marker if marker else ''}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def timeline_text(dataset: Dataset, lang: Lang, chosen: Filter | None = None) -> str:
    return "\n".join(timeline_lines(dataset, lang, chosen)) + "\n"


def timeline_markdown(dataset: Dataset, lang: Lang, chosen: Filter | None = None) -> list[str]:
    """A `## Timeline` section: `###` per year, a list item per dated item, then its sources."""
    from .report import md_escape

    entries = list(timeline(dataset))
    if chosen:
        entries = apply_filter(dataset, entries, chosen)
    if not entries:
        return []
    lines = [f"## {label('timeline', lang)}", ""]
    year: int | None = None
    cited: dict[str, None] = {}
    for entry in entries:
        if entry.year != year:
            if year is not None:
                lines.append("")
            year = entry.year
            lines += [f"### {year}", ""]
        kind = label("entry." + entry.kind, lang)
        text = md_escape(_one_line(entry_text(dataset, entry, lang)))
        topic = entry_topic(dataset, entry, lang)
        where = f" · {md_escape(topic)}" if topic else ""
        marker = entry_marker(dataset, entry)
        # A marker is "[n]": escaped, so that it is not read as a link reference.
        cite = f" {md_escape(marker)}" if marker else ""
        lines.append(f"- **{entry_date(entry, lang)}** ({kind}) {text}{where}{cite}")
        if entry.source is not None:
            cited[entry.source] = None
    lines.append("")
    if cited:
        lines += [f"### {label('sources', lang)} ({label('timeline', lang)})", ""]
        numbers = {sid: source_numbers(dataset)[sid] for sid in cited}
        for source_id in sorted(cited, key=numbers.__getitem__):
            source = dataset.sources[source_id]
            title = md_escape(_one_line(source.title.get(lang)))
            details = [md_escape(source.publisher.get(lang))] if source.publisher else []
            if source.date is not None:
                details.append(format_date(source.date, lang))
            line = f"- \\[{numbers[source_id]}\\] {title}"
            if details:
                line += " — " + ", ".join(details)
            if source.url:
                line += f" <{source.url}>"
            lines.append(line)
        lines.append("")
    return lines


def timeline_json(dataset: Dataset) -> list[dict[str, Any]]:
    """Every dated item in date order, in both languages, for the JSON export."""
    out: list[dict[str, Any]] = []
    for entry in timeline(dataset):
        out.append(
            {
                "date": entry_date(entry),
                "end": entry.end.isoformat() if entry.end is not None else None,
                "kind": entry.kind,
                "topic": entry.topic_id,
                "source": entry.source,
                "entities": list(entry.entities),
                "page": entry.ref.to_json(),
                "item": (
                    {
                        "kind": entry.item.kind,
                        "index": entry.item.index,
                        "metric": entry.item.metric,
                    }
                    if entry.item is not None
                    else None
                ),
                "text": {lang: entry_text(dataset, entry, lang) for lang in LANGS},
            }
        )
    return out
