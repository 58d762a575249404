"""Every side of a disagreement, found once, in data order, whichever topics show it.

A metric may be shown by two topics, or by none: its figures are still each one
side, listed once. The metrics' figures come first (data order), then the facts,
topic by topic as the walker (tui/walk.py) goes through them.
"""

from __future__ import annotations

from pathlib import Path

from tui.disagreements import Side, find_sides, on_topic
from tui.loader import load_dataset

DATA = """\
[[source]]
id = "s"
title = "S"

[[disagreement]]
id = "d1"
about = "One"

[[disagreement]]
id = "d2"
about = "Two"

[[topic]]
id = "a"
title = "A"
metrics = ["shown-twice"]

[[topic.fact]]
text = "a0"
source = "s"
disagreement = "d2"

[[topic.fact]]
text = "a1"
source = "s"

[[topic.fact]]
text = "a2"
source = "s"
disagreement = "d1"

[[topic]]
id = "b"
title = "B"
metrics = ["shown-twice"]

[[topic.fact]]
text = "b0"
source = "s"
disagreement = "d1"

[[metric]]
id = "shown-nowhere"
title = "N"
unit = "U"

[[metric.observation]]
period = "2023"
date = 2023-12-31
span = "full-year"
value = 1
source = "s"
disagreement = "d1"

[[metric]]
id = "shown-twice"
title = "T"
unit = "U"

[[metric.observation]]
period = "2024"
date = 2024-12-31
span = "full-year"
value = 2
source = "s"

[[metric.observation]]
period = "2025"
date = 2025-12-31
span = "full-year"
value = 3
source = "s"
disagreement = "d2"

[[metric.target]]
label = "x"
value = 5
source = "s"
disagreement = "d1"
"""


def test_each_side_once_in_data_order(tmp_path: Path) -> None:
    (tmp_path / "data.toml").write_text(DATA, encoding="utf-8")
    dataset = load_dataset([tmp_path])
    sides = find_sides(dataset)
    assert list(sides) == ["d1", "d2"]
    assert sides["d1"] == (
        Side("observation", "shown-nowhere", 0),
        Side("target", "shown-twice", 0),
        Side("fact", "a", 2),
        Side("fact", "b", 0),
    )
    assert sides["d2"] == (Side("observation", "shown-twice", 1), Side("fact", "a", 0))
    # A page names its metrics' disagreements first, then its facts', each once.
    assert on_topic(dataset, dataset.topics["a"]) == ["d2", "d1"]
    assert on_topic(dataset, dataset.topics["b"]) == ["d2", "d1"]
