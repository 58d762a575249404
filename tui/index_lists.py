"""The index lists: every organisation, person, place, event and source, by name.

Sorted as a reader of the language expects: letters compared without case or
accents, `ё` with `е` (Russian dictionaries do), quotation marks and
punctuation ignored («Гомсельмаш» files under Г), and the reader's own
alphabet first (Cyrillic before Latin in Russian, Latin first in English).
Each name carries its number of mentions: the items that name an entity, or
that cite a source, as its page lists them. No Textual, no Rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from .links import PageRef, backlinks
from .model import Dataset, Lang, Localized
from .search import fold

ListKind = Literal["organisation", "person", "place", "event", "source"]
LIST_KINDS: tuple[ListKind, ...] = get_args(ListKind)

_NOT_LETTERS = re.compile(r"[\W_]+")


def collation_key(name: str, lang: Lang) -> tuple[int, str, str]:
    """Sort key of a name for a reader of `lang` (see the module's docstring)."""
    folded = fold(name).replace("ё", "е")
    letters = _NOT_LETTERS.sub(" ", folded).strip()
    first = letters[:1]
    cyrillic = "а" <= first <= "я"
    latin = "a" <= first <= "z"
    if lang == "ru":
        script = 0 if cyrillic else 1 if latin else 2
    else:
        script = 0 if latin else 1 if cyrillic else 2
    # Digits and the rest after the letters; the name as written breaks ties.
    return (script, letters, name)


@dataclass(frozen=True)
class IndexRow:
    ref: PageRef
    name: Localized
    short_name: Localized | None
    mentions: int

    def names(self) -> str:
        """Every wording of the name, both languages: what the filter line matches."""
        parts = list(self.name.variants())
        if self.short_name is not None:
            parts += [v for v in self.short_name.variants() if v not in parts]
        return " ".join(parts)


def index_rows(dataset: Dataset, kind: ListKind, lang: Lang) -> list[IndexRow]:
    """The list of one kind, sorted by name in `lang`."""
    links = backlinks(dataset)
    rows: list[IndexRow] = []
    if kind == "source":
        for source in dataset.sources.values():
            ref = PageRef("source", source.id)
            rows.append(IndexRow(ref, source.title, None, len(links.of(ref))))
    else:
        for entity in dataset.entities.values():
            if entity.kind == kind:
                ref = PageRef(entity.kind, entity.id)
                rows.append(IndexRow(ref, entity.name, entity.short_name, len(links.of(ref))))
    rows.sort(key=lambda row: collation_key(row.name.get(lang), lang))
    return rows
