"""Plain-text citations: what `y` copies, `c` shows and a saved citation holds.

The open page, or one fact, quote or figure on it, as text for a note: what it
says, who said it and when (an English quote names its Russian original), and its
source with date and address, under the number the page shows it under
(`screen_numbers` numbers the sources the way the page is built).
"""

from __future__ import annotations

from typing import Callable

from ..i18n import format_date, label, quoted
from ..links import ItemRef, PageRef
from ..model import Dataset, Lang, Source
from .builder import PageBuilder
from .entity import entity_blocks
from .sources import Citations
from .titles import topic_title
from .topic import topic_blocks


def source_reference(source: Source, lang: Lang) -> str:
    """`Title — Publisher, 2025-09-29. URL`, for a citation in plain text."""
    parts = [source.title.get(lang)]
    details = []
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    text = parts[0] + (" — " + ", ".join(details) if details else "")
    if source.url:
        text += f". {source.url}"
    return text


def screen_numbers(dataset: Dataset, ref: PageRef, lang: Lang) -> Citations:
    """The page's sources numbered as the page shows them, built the way the page is."""
    builder = PageBuilder(ref, "")
    if ref.kind == "topic":
        return topic_blocks(builder, dataset, ref.id, lang)
    if ref.kind == "source":
        return Citations(dataset)
    return entity_blocks(builder, dataset, ref.id, lang)


def _who(dataset: Dataset, person_id: str | None, lang: Lang) -> str | None:
    if person_id is None or person_id not in dataset.entities:
        return None
    person = dataset.entities[person_id]
    return person.name.get(lang) + (f", {person.role.get(lang)}" if person.role else "")


def citation(dataset: Dataset, ref: PageRef, lang: Lang, item: ItemRef | None = None) -> str:
    """The open page, or one fact, quote or figure on it, as a plain-text citation for a note.

    A quote says who said it and when (and, in English, that it is a translation,
    with the Russian original); a figure gives its value with its qualifier, its
    period, who gave it and its series. Every citation ends with its source(s),
    dated, with the URL where known and the number the page shows it under.
    """
    cite = screen_numbers(dataset, ref, lang)

    def sourced(source_id: str) -> str:
        # The page's own number for it; a source the page does not cite gets the next one.
        marker = cite.marker(source_id)
        reference = source_reference(dataset.sources[source_id], lang)
        return f"{marker} {label('cite.source', lang)}: {reference}"

    if item is not None and item.kind == "fact":
        fact = dataset.topics[item.topic_id].facts[item.index]
        return f"{quoted(fact.text.get(lang), lang)}\n{sourced(fact.source)}"
    if item is not None and item.kind == "quote":
        quote = dataset.topics[item.topic_id].quotes[item.index]
        lines = [quoted(quote.text.get(lang), lang)]
        # The Russian is the original: an English quote is a translation of it.
        original = quote.text.ru
        if lang == "en" and quote.text.en is not None and original and original != quote.text.en:
            lines.append(f"({label('translated', lang)}: «{original}»)")
        lines.append(f"— {_who(dataset, quote.speaker, lang)}, {format_date(quote.date, lang)}")
        lines.append(sourced(quote.source))
        return "\n".join(lines)
    if item is not None and item.kind in ("observation", "target") and item.metric is not None:
        return _figure_citation(dataset, item, lang, sourced)
    if ref.kind == "source":
        return source_reference(dataset.sources[ref.id], lang)
    if ref.kind == "topic":
        topic = dataset.topics[ref.id]
        head = topic_title(dataset, ref.id, lang)
        body = topic.summary.get(lang) if topic.summary is not None else ""
    else:
        entity = dataset.entities[ref.id]
        head = f"{entity.name.get(lang)} ({label('kind.' + entity.kind, lang)})"
        body = " ".join(t.get(lang) for t in (entity.role, entity.description) if t is not None)
    lines = [f"{head}: {body}" if body else head]
    sources = cite.sources()
    if sources:
        lines.append(f"{label('sources', lang)}:")
        lines.extend(f"[{n}] {source_reference(s, lang)}" for n, s in sources)
    return "\n".join(lines)


def _figure_citation(
    dataset: Dataset, item: ItemRef, lang: Lang, sourced: Callable[[str], str]
) -> str:
    """A figure or target: the amount with its qualifier and period, its series, who, source.

    The figure comes first: the notification shows a citation's first line.
    """
    from .metrics import amount_form, figure_text, format_amount

    assert item.metric is not None
    metric = dataset.metrics[item.metric]
    unit = amount_form(metric, lang)
    lines: list[str] = []
    if item.kind == "observation":
        obs = metric.observations[item.index]
        as_of = f"{label('as_of', lang)} {format_date(obs.date, lang)}"
        lines.append(f"{figure_text(obs, unit, lang)} · {as_of}")
        who, source_id, note = _who(dataset, obs.speaker, lang), obs.source, obs.note
    else:
        target = metric.targets[item.index]
        line = f"{label('target', lang)} {format_amount(target.value, unit, lang)} · "
        line += target.label.get(lang)
        if target.due is not None:
            line += f" ({label('due', lang)} {format_date(target.due, lang)})"
        lines.append(line)
        who, source_id, note = _who(dataset, target.speaker, lang), target.source, target.note
    lines.append(metric.title.get(lang))
    if who is not None:
        lines.append(f"— {who}")
    if note is not None:
        lines.append(note.get(lang))
    lines.append(sourced(source_id))
    return "\n".join(lines)


def citation_summary(text: str, width: int = 60) -> str:
    """The first line of a citation, shortened, for a notification."""
    first = text.splitlines()[0] if text else ""
    return first if len(first) <= width else first[: width - 1] + "…"
