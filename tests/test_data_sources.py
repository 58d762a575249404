"""Figures of the bundled data rest on a publisher where one was found, not on a forum repost.

The St Petersburg series' H1 2024 figure was first found only in a forum repost
(glav.su); Soyuznoe Veche, the newspaper of the Union State's Parliamentary
Assembly, gives the same figure with the same "more than". The repost stays
beside it, as the fact it supports.
"""

from __future__ import annotations

from decimal import Decimal

from tui.model import Dataset


def test_the_h1_2024_figure_cites_soyuznoe_veche_in_its_words(bundled_dataset: Dataset) -> None:
    [h1] = [
        o for o in bundled_dataset.metrics["turnover-spb"].observations if o.period.en == "H1 2024"
    ]
    assert Decimal(str(h1.value)) == Decimal("1.5") and h1.qualifier == "more-than"
    source = bundled_dataset.sources[h1.source]
    assert source.publisher is not None
    assert "Soyuznoe Veche" in (source.publisher.en or "")
    assert "Союзное вече" in (source.publisher.ru or "")
    assert source.url is not None and source.url.startswith("https://souzveche.ru/news/88069/")
    assert source.note is not None and "repost" not in (source.note.en or "")
    assert h1.note is not None
    assert "вырос на 4,5% до более полутора миллиардов долларов" in (h1.note.ru or "")
    assert "grew by 4.5% to more than one and a half billion dollars" in (h1.note.en or "")


def test_the_repost_stays_beside_it_as_a_fact(bundled_dataset: Dataset) -> None:
    facts = [
        f for t in bundled_dataset.topics.values() for f in t.facts if f.source == "glav-su-2024"
    ]
    assert len(facts) == 1
    assert "более 1,5 миллиарда долларов" in (facts[0].text.ru or "")
