"""A topic's page: its title and summary, then each section the walk gives, in page order.

The sections and their order come from `walk.topic_sections` (the Markdown report
and search read the same walk); this module draws each one: figures through
`metrics.metric_block`, facts and quotes with their source markers and dates, the
sides of each disagreement next to each other, the entities named, by kind, the
subtopics, the timeline (`timeline_section`), then the numbered sources. A long
list draws what its `Budget` allows and a "… N more" link (see `paging`).
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text

from ..disagreements import Side
from ..i18n import format_date, format_when, label, quote_marks
from ..links import ItemRef, PageRef
from ..model import Dataset, Lang, Localized, Topic
from ..paging import PAGE_ITEMS, Budget, more_text
from ..walk import (
    Disputes,
    Facts,
    Figures,
    Mentions,
    Quotes,
    Subtopics,
    Timeline,
    topic_sections,
)
from .blocks import Hanging, SideBySide, disagrees, hanging, heading, localized
from .builder import PageBuilder
from .sources import Citations, sources_section
from .styles import DIM, DISAGREE, FALLBACK, LINK, QUOTE, TITLE
from .timeline_section import timeline_section


def topic_blocks(page: PageBuilder, dataset: Dataset, topic_id: str, lang: Lang) -> Citations:
    """Draw the topic's page into `page`; the citations say how its sources are numbered."""
    topic = dataset.topics[topic_id]
    cite = Citations(dataset, page)
    page.add(localized(topic.title, lang, TITLE), item=ItemRef(topic_id))
    if topic.summary is not None:
        page.add(localized(topic.summary, lang))
    for section in topic_sections(dataset, topic):
        if isinstance(section, Timeline):
            # Headed by `timeline_section`, which entity pages share.
            timeline_section(page, dataset, list(section.items), cite, lang)
            continue
        page.add(heading(section.key, lang))
        if isinstance(section, Figures):
            _figures(page, section, lang, cite, topic_id)
        elif isinstance(section, Facts):
            _facts(page, section, lang, cite, topic_id)
        elif isinstance(section, Quotes):
            _quotes(page, dataset, section, lang, cite, topic_id)
        elif isinstance(section, Disputes):
            _disputes(page, dataset, section, lang, cite, topic)
        elif isinstance(section, Mentions):
            page.add(*_mentions_lines(page, section, lang))
        else:
            _subtopics(page, section, lang)
    sources_section(page, cite, lang)
    return cite


def _figures(
    page: PageBuilder, section: Figures, lang: Lang, cite: Citations, topic_id: str
) -> None:
    # Here, not at the top: the figures, bars and chart are imported by the
    # first page with figures, and the first page shown may have none.
    from .metrics import metric_block

    budget = page.budget()
    for index, metric in enumerate(section.items):
        if index:
            page.add(Text(""))
        parts = metric_block(metric, lang, cite, topic_id)
        if not _add_within(page, budget, parts, lang, last=index == len(section.items) - 1):
            break


def _facts(page: PageBuilder, section: Facts, lang: Lang, cite: Citations, topic_id: str) -> None:
    budget = page.budget("fact")
    for index, fact in enumerate(section.items):
        if not budget.allows(index, fact.text.get(lang)):
            page.more(len(section.items) - index, lang)
            break
        item = ItemRef(topic_id, "fact", index)
        body = localized(fact.text, lang)
        if fact.date is not None:
            # When it happened leads the line, apart from the source's date.
            body = Text.assemble((f"{format_when(fact.date, lang)}: ", DIM), body)
        if fact.note is not None:
            body.append(" (", style=DIM)
            body.append_text(localized(fact.note, lang, DIM))
            body.append(")", style=DIM)
        cite.append(body, fact.source, item)
        disagrees(body, fact.disagreement, lang)
        page.add(hanging("• ", body, ""), item=item)


def _quotes(
    page: PageBuilder, dataset: Dataset, section: Quotes, lang: Lang, cite: Citations, topic_id: str
) -> None:
    budget = page.budget("quote")
    for index, quote in enumerate(section.items):
        if not budget.allows(index, quote.text.get(lang)):
            page.more(len(section.items) - index, lang)
            break
        item = ItemRef(topic_id, "quote", index)
        page.add(_quote_text(quote.text, lang), item=item)
        attribution = Text()
        # The speaker's link names the quote too: `y` on it copies the quote.
        _speaker(page, attribution, dataset, quote.speaker, lang, item)
        attribution.append(f", {format_date(quote.date, lang)}", style=DIM)
        page.add(hanging("    — ", cite.append(attribution, quote.source, item), DIM))
        if quote.context is not None:
            page.add(hanging("      ", localized(quote.context, lang, DIM)))


def _disputes(
    page: PageBuilder,
    dataset: Dataset,
    section: Disputes,
    lang: Lang,
    cite: Citations,
    topic: Topic,
) -> None:
    """Each disagreement the page touches: what it is about, then every side with its source."""
    for number, dispute in enumerate(section.items):
        disagreement, sides = dispute.disagreement, dispute.sides
        if number:
            page.add(Text(""))
        about = Text("≠ ", style=DISAGREE)
        about.append_text(localized(disagreement.about, lang, DISAGREE))
        page.add(about)
        page.add(SideBySide([side_text(dataset, side, lang, cite, topic.id) for side in sides]))
        if disagreement.note is not None:
            page.add(hanging("  ", localized(disagreement.note, lang, DIM)))


def side_text(dataset: Dataset, side: Side, lang: Lang, cite: Citations, topic_id: str) -> Text:
    """One side of a disagreement: what it says, who said it, the source's date, its marker."""
    if side.kind == "fact":
        fact = dataset.topics[side.owner].facts[side.index]
        text = localized(fact.text, lang)
        if fact.date is not None:
            text = Text.assemble((f"{format_when(fact.date, lang)}: ", DIM), text)
        source_id, speaker = fact.source, None
        item = ItemRef(side.owner, "fact", side.index)
    else:
        from .metrics import amount_form, figure_text, format_amount

        metric = dataset.metrics[side.owner]
        unit = amount_form(metric, lang)
        if side.kind == "observation":
            obs = metric.observations[side.index]
            text = Text(figure_text(obs, unit, lang))
            source_id, speaker = obs.source, obs.speaker
        else:
            target = metric.targets[side.index]
            text = Text(f"{label('target', lang)} {format_amount(target.value, unit, lang)} · ")
            text.append_text(localized(target.label, lang))
            source_id, speaker = target.source, target.speaker
        item = ItemRef(topic_id, side.kind, side.index, side.owner)
    source = dataset.sources[source_id]
    details = []
    if speaker is not None and speaker in dataset.entities:
        details.append(dataset.entities[speaker].name.get(lang))
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    if details:
        text.append(" — " + ", ".join(details), style=DIM)
    return cite.append(text, source_id, item)


def _subtopics(page: PageBuilder, section: Subtopics, lang: Lang) -> None:
    budget = page.budget()
    for index, child in enumerate(section.items):
        if not budget.allows(index, child.title.get(lang)):
            page.more(len(section.items) - index, lang)
            break
        line = Text("▸ ")
        page.link(line, child.title.get(lang), PageRef("topic", child.id))
        if child.title.is_fallback(lang):
            line.append(f" ‹{label('untranslated', lang)}›", style=FALLBACK)
        page.add(line)


def _add_within(
    page: PageBuilder, budget: Budget, parts: list[RenderableType], lang: Lang, *, last: bool
) -> bool:
    """Add the lines of a block while the budget allows; False (and a "more" line) once spent.

    A topic may show 100 metrics of 1,000 figures each: 120,000 lines took 20 s to draw.
    With blocks after this one (not `last`), how many lines are left is not counted.
    """
    keep = 0
    for part in parts:
        plain = part.plain if isinstance(part, Text) else ""
        if not budget.allows(budget.count, plain):
            break
        keep += 1
    if keep == len(parts):
        page.add(*parts)
        return True
    # Added together, so that each link lands in its own block (see `PageBuilder.add`).
    page.forget_links(parts[keep:])
    page.add(*parts[:keep])
    page.more(len(parts) - keep if last else None, lang)
    return False


def _quote_text(text: Localized, lang: Lang) -> Hanging:
    opening, closing = quote_marks(lang)
    body = Text(opening, style=QUOTE)
    body.append_text(localized(text, lang, QUOTE))
    body.append(closing, style=QUOTE)
    return hanging("  ", body)


def _speaker(
    page: PageBuilder,
    line: Text,
    dataset: Dataset,
    speaker_id: str,
    lang: Lang,
    item: ItemRef | None = None,
) -> None:
    person = dataset.entities[speaker_id]
    page.link(line, person.name.get(lang), PageRef(person.kind, person.id), TITLE + LINK, item)
    if person.role is not None:
        line.append(", ")
        line.append_text(localized(person.role, lang))


def _mentions_lines(page: PageBuilder, section: Mentions, lang: Lang) -> Iterator[Text]:
    """A line per kind of entity named: "Organisations: A · B · …", each name a link."""
    for kind, of_kind in section.by_kind():
        line = Text(f"{label(kind, lang)}: ", style=DIM)
        budget = page.budget()
        for index, entity in enumerate(of_kind):
            if index:
                line.append(" · ", style=DIM)
            if not budget.allows(index, entity.label(lang)):
                assert page.shown is not None
                left = more_text(len(of_kind) - index, lang)
                page.link(line, left, page.ref, DIM + LINK, more=page.shown + PAGE_ITEMS)
                break
            page.link(
                line, entity.label(lang), PageRef(entity.kind, entity.id), Style(dim=False) + LINK
            )
        yield line
