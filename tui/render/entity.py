"""The pages of an organisation, person, place or event, and of a source.

An entity's page: its name, kind, other name and dates, role and description
(with the source that describes it), address, then where it is mentioned, its own
timeline and the numbered sources. A source's page: its title, publisher and
date, note and address, where it is cited, and the entities it describes.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from ..i18n import format_date, label
from ..links import PageRef, backlinks
from ..model import Dataset, Lang
from ..timeline import entity_entries
from .backlinks import backlink_blocks
from .blocks import heading, localized
from .builder import PageBuilder
from .sources import Citations, sources_section
from .styles import DIM, TITLE
from .timeline_section import timeline_section


def entity_blocks(page: PageBuilder, dataset: Dataset, entity_id: str, lang: Lang) -> Citations:
    """Draw an entity's page into `page`; the citations say how its sources are numbered."""
    entity = dataset.entities[entity_id]
    cite = Citations(dataset, page)
    page.add(localized(entity.name, lang, TITLE))
    what = Text(label("kind." + entity.kind, lang), style=DIM)
    if entity.short_name is not None and entity.short_name.get(lang) != entity.name.get(lang):
        what.append(" · ", style=DIM)
        what.append(entity.short_name.get(lang))
    if entity.start is not None:
        span = format_date(entity.start, lang)
        if entity.end is not None and entity.end != entity.start:
            span += f" – {format_date(entity.end, lang)}"
        what.append(f" · {span}", style=DIM)
    page.add(what)
    if entity.role is not None:
        page.add(localized(entity.role, lang))
    if entity.description is not None:
        about = localized(entity.description, lang)
        page.add(cite.append(about, entity.source) if entity.source else about)
    elif entity.source:
        page.add(cite.append(Text(label("described_in", lang), style=DIM), entity.source))
    if entity.url:
        page.add(Text(entity.url, style=Style(underline=True, link=entity.url)))
    backlink_blocks(
        page, dataset, backlinks(dataset).of(PageRef(entity.kind, entity_id)), "mentioned_in", lang
    )
    timeline_section(page, dataset, entity_entries(dataset, entity_id), cite, lang)
    sources_section(page, cite, lang)
    return cite


def source_blocks(page: PageBuilder, dataset: Dataset, source_id: str, lang: Lang) -> None:
    """Draw a source's page into `page` (it cites nothing: no numbered sources)."""
    source = dataset.sources[source_id]
    page.add(localized(source.title, lang, TITLE))
    details = [label("kind.source", lang)]
    if source.publisher is not None:
        details.append(source.publisher.get(lang))
    if source.date is not None:
        details.append(format_date(source.date, lang))
    page.add(Text(" · ".join(details), style=DIM))
    if source.note is not None:
        page.add(localized(source.note, lang, DIM))
    if source.url:
        page.add(Text(source.url, style=Style(underline=True, link=source.url)))
    backlink_blocks(
        page, dataset, backlinks(dataset).of(PageRef("source", source_id)), "cited_in", lang
    )
    described = [e for e in dataset.entities.values() if e.source == source_id]
    if described:
        page.add(heading("describes", lang))
        budget = page.budget()
        for index, entity in enumerate(described):
            if not budget.allows(index, entity.name.get(lang)):
                page.more(len(described) - index, lang)
                break
            line = Text("▸ ")
            page.link(line, entity.name.get(lang), PageRef(entity.kind, entity.id))
            line.append(f" · {label('kind.' + entity.kind, lang)}", style=DIM)
            page.add(line)
