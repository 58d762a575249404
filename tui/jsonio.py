"""The data set as JSON, and back: `coop-tui export --format json`.

The JSON mirrors `model.py` one to one, so a program can read it without
knowing TOML, and `dataset_from_json(dataset_to_json(d))` gives back equal
objects (a test checks it on the bundled data). The shape, described in
README.md:

    {"format": "coop-tui", "version": 2,
     "sources": [...], "entities": [...], "metrics": [...], "disagreements": [...],
     "topics": [...]}

Version 2 added a metric's `amount` form, each observation's `span` (required: which target a figure may
measure depends on it), `wording`, `speaker` and `disagreement`, and the
`disagreements` list.

Every model field is present under its model name (None as null, tuples as
arrays); bilingual text is {"ru": ..., "en": ...} with null for a missing
side; dates are "YYYY-MM-DD" strings. Where things were written in the TOML
files (`Dataset.locations`) is not part of it: JSON has no files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Callable, TypeVar

from .model import (
    LANGS,
    SPANS,
    Dataset,
    Disagreement,
    Entity,
    Fact,
    Localized,
    Metric,
    Observation,
    PartialDate,
    Quote,
    Source,
    Target,
    Topic,
)
from .value import Frozen
from .walk import FactItem, FigureItem, dataset_items

_F = TypeVar("_F", bound=Frozen)

__all__ = [
    "FORMAT_VERSION",
    "dataset_from_json",
    "dataset_to_compact_json",
    "dataset_to_json",
    "subset",
]

FORMAT_NAME = "coop-tui"
FORMAT_VERSION = 2


def dataset_to_json(dataset: Dataset) -> str:
    # Here, not at the top: reading JSON back needs none of the rendering it imports.
    from .timeline_report import timeline_json

    document = _document(dataset)
    # Derived, not part of the model (reading back ignores it): every dated
    # item in date order, as `coop-tui timeline` lists them.
    document["timeline"] = timeline_json(dataset)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dataset_to_compact_json(dataset: Dataset) -> str:
    """The model alone, on one line (`dataset_from_json` reads it).

    No timeline (derived, and ignored when read back) and no indentation: the
    bundled data takes 265 KB rather than 475. The data cache held this until
    it became a pickle; `benchmarks/cache_formats.py` still compares the two.
    """
    return json.dumps(_document(dataset), ensure_ascii=False, separators=(",", ":"))


def _document(dataset: Dataset) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "sources": [_plain(s) for s in dataset.sources.values()],
        "entities": [_plain(e) for e in dataset.entities.values()],
        "metrics": [_plain(m) for m in dataset.metrics.values()],
        "disagreements": [_plain(d) for d in dataset.disagreements.values()],
        "topics": [_plain(t) for t in dataset.topics.values()],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):  # "2019", "2019-05" or a day, as written
        return str(value)
    if isinstance(value, Localized):  # no Frozen: its sides may be read from a store
        return {"ru": value.ru, "en": value.en}
    if isinstance(value, Frozen):  # every field, under its name, in the model's order
        return {name: _plain(getattr(value, name)) for name in value.FIELDS}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def subset(dataset: Dataset, topic_ids: list[str]) -> Dataset:
    """The topics named and everything they cite, mention or show: a self-contained export."""
    topics = {tid: dataset.topics[tid] for tid in topic_ids}
    source_ids: dict[str, None] = {}
    entity_ids: dict[str, None] = {}
    metric_ids: dict[str, None] = {}
    disagreement_ids: dict[str | None, None] = {}
    # Only which ids are kept counts here: the result lists them in the data set's order.
    for topic in topics.values():
        entity_ids.update(dict.fromkeys(topic.mentions))
    for shown in dataset_items(dataset, topics.values()):
        if isinstance(shown, FigureItem):
            metric_ids[shown.metric.id] = None
        elif isinstance(shown, FactItem):
            source_ids[shown.fact.source] = None
            entity_ids.update(dict.fromkeys(shown.fact.mentions))
            disagreement_ids[shown.fact.disagreement] = None
        else:
            source_ids[shown.quote.source] = None
            entity_ids[shown.quote.speaker] = None
            entity_ids.update(dict.fromkeys(shown.quote.mentions))
    metrics = {mid: dataset.metrics[mid] for mid in metric_ids}
    for metric in metrics.values():
        source_ids.update(dict.fromkeys(o.source for o in metric.observations))
        source_ids.update(dict.fromkeys(t.source for t in metric.targets))
        figures: list[Observation | Target] = [*metric.observations, *metric.targets]
        for figure in figures:
            disagreement_ids[figure.disagreement] = None
            if figure.speaker is not None:
                entity_ids[figure.speaker] = None
    entities = {eid: dataset.entities[eid] for eid in entity_ids}
    for entity in entities.values():
        if entity.source is not None:
            source_ids[entity.source] = None
    return Dataset(
        topics=topics,
        # In the data set's own order, as a full export lists them.
        sources={k: v for k, v in dataset.sources.items() if k in source_ids},
        entities={k: v for k, v in dataset.entities.items() if k in entities},
        metrics={k: v for k, v in dataset.metrics.items() if k in metrics},
        disagreements={k: v for k, v in dataset.disagreements.items() if k in disagreement_ids},
    )


# -- reading it back -------------------------------------------------------------------


class JSONFormatError(ValueError):
    """The JSON is not a coop-tui export."""


def dataset_from_json(text: str) -> Dataset:
    document = json.loads(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise JSONFormatError('not a coop-tui export: "format" is not "coop-tui"')
    if document.get("version") != FORMAT_VERSION:
        raise JSONFormatError(f"unsupported version {document.get('version')!r}")
    return Dataset(
        sources={d["id"]: _source(d) for d in document["sources"]},
        entities={d["id"]: _entity(d) for d in document["entities"]},
        metrics={d["id"]: _metric(d) for d in document["metrics"]},
        topics={d["id"]: _topic(d) for d in document["topics"]},
        disagreements={d["id"]: _disagreement(d) for d in document["disagreements"]},
    )


def _text(value: Mapping[str, str | None] | None) -> Localized | None:
    # By position: Localized's fields are the languages in LANGS' order (a test checks it).
    return None if value is None else Localized(*[value.get(lang) for lang in LANGS])


def _required_text(value: Mapping[str, str | None]) -> Localized:
    text = _text(value)
    if text is None:
        raise JSONFormatError("required text is null")
    return text


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _when(value: str | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def _required_day(value: str) -> date:
    return date.fromisoformat(value)


def _ids(value: list[str]) -> tuple[str, ...]:
    return tuple(value)


def _build(cls: type[_F], decoders: Mapping[str, Callable[[Any], Any]], data: Any) -> _F:
    """Build `cls` from `data`, decoding the fields that are not plain JSON values."""
    kwargs = {}
    for name in cls.FIELDS:
        if name in data:
            raw = data[name]
            decode = decoders.get(name)
            kwargs[name] = raw if decode is None else decode(raw)
    return cls(**kwargs)


def _span(value: Any) -> str:
    if value not in SPANS:
        raise JSONFormatError(f"observation span {value!r} is not one of {', '.join(SPANS)}")
    return str(value)


# How each model class's fields that are not plain JSON values are read back
# (made once, not for every object).
_SOURCE: Mapping[str, Callable[[Any], Any]] = {
    "title": _required_text,
    "publisher": _text,
    "date": _day,
    "note": _text,
}
_ENTITY: Mapping[str, Callable[[Any], Any]] = {
    "name": _required_text,
    "short_name": _text,
    "description": _text,
    "role": _text,
    "start": _day,
    "end": _day,
}
_OBSERVATION: Mapping[str, Callable[[Any], Any]] = {
    "period": _required_text,
    "date": _required_day,
    "note": _text,
    "span": _span,
    "wording": _text,
}
_DISAGREEMENT: Mapping[str, Callable[[Any], Any]] = {"about": _required_text, "note": _text}
_TARGET: Mapping[str, Callable[[Any], Any]] = {"label": _required_text, "due": _day, "note": _text}
_FACT: Mapping[str, Callable[[Any], Any]] = {
    "text": _required_text,
    "mentions": _ids,
    "note": _text,
    "date": _when,
}
_QUOTE: Mapping[str, Callable[[Any], Any]] = {
    "text": _required_text,
    "date": _required_day,
    "mentions": _ids,
    "context": _text,
}


def _source(data: Any) -> Source:
    return _build(Source, _SOURCE, data)


def _entity(data: Any) -> Entity:
    return _build(Entity, _ENTITY, data)


def _observation(data: Any) -> Observation:
    if "span" not in data:
        raise JSONFormatError("an observation has no span")
    return _build(Observation, _OBSERVATION, data)


def _disagreement(data: Any) -> Disagreement:
    return _build(Disagreement, _DISAGREEMENT, data)


def _target(data: Any) -> Target:
    return _build(Target, _TARGET, data)


def _fact(data: Any) -> Fact:
    return _build(Fact, _FACT, data)


def _quote(data: Any) -> Quote:
    return _build(Quote, _QUOTE, data)


_METRIC: Mapping[str, Callable[[Any], Any]] = {
    "title": _required_text,
    "unit": _required_text,
    "note": _text,
    "amount": _text,
    "observations": lambda items: tuple(_observation(i) for i in items),
    "targets": lambda items: tuple(_target(i) for i in items),
}
_TOPIC: Mapping[str, Callable[[Any], Any]] = {
    "title": _required_text,
    "summary": _text,
    "short_title": _text,
    "facts": lambda items: tuple(_fact(i) for i in items),
    "quotes": lambda items: tuple(_quote(i) for i in items),
    "mentions": _ids,
    "metrics": _ids,
}


def _metric(data: Any) -> Metric:
    return _build(Metric, _METRIC, data)


def _topic(data: Any) -> Topic:
    return _build(Topic, _TOPIC, data)
