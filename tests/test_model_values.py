"""The model's classes behave as the frozen dataclasses they replace: made by keyword
or by position, immutable, compared, hashed and ordered by their fields, copied,
pickled and `replace`d; the data set keeps its derived data apart."""

from __future__ import annotations

import copy
import inspect
import pickle
from datetime import date

import pytest

from tui import model
from tui.model import Dataset, Fact, Localized, PartialDate
from tui.value import Frozen

MODEL_CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and issubclass(cls, Frozen) and cls is not Frozen
]


def test_every_model_class_is_covered() -> None:
    assert len(MODEL_CLASSES) == 12


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_fields_are_named_alike_everywhere(cls: type[Frozen]) -> None:
    # Copies, pickles and positional calls pass the fields in FIELDS order; the
    # export writes them in that order; mypy reads their types from the class body.
    assert tuple(inspect.signature(cls).parameters) == cls.FIELDS
    assert tuple(cls.__annotations__) == cls.FIELDS
    assert set(cls.__slots__) - {"__dict__"} == set(cls.FIELDS)


def fact(**changes: object) -> Fact:
    made = Fact(
        Localized("Факт", "Fact"),
        "src",
        ("maz",),
        None,
        PartialDate(date(2019, 5, 1), "month"),
    )
    return made.replace(**changes)


def test_made_by_position_or_keyword_with_defaults() -> None:
    by_keyword = Fact(
        text=Localized("Факт", "Fact"),
        source="src",
        mentions=("maz",),
        date=PartialDate(date(2019, 5, 1), "month"),
    )
    assert by_keyword == fact()
    assert by_keyword.note is None and by_keyword.disagreement is None
    assert Fact(Localized("a"), "s").mentions == ()


def test_a_field_cannot_be_assigned_or_deleted() -> None:
    made = fact()
    with pytest.raises(AttributeError):
        made.source = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del made.source
    with pytest.raises(AttributeError):
        made.extra = 1  # type: ignore[attr-defined]
    assert made.source == "src"


def test_no_instance_dict_but_on_the_data_set() -> None:
    # At 100,000 facts a __dict__ each would cost a third more memory.
    assert not hasattr(fact(), "__dict__")
    assert not hasattr(PartialDate(date(2019, 1, 1)), "__dict__")


def test_equal_and_hashed_by_fields() -> None:
    assert fact() == fact() and hash(fact()) == hash(fact())
    assert fact() != fact(source="other")
    assert len({fact(), fact(), fact(note=Localized("n"))}) == 2
    # Another class with the same fields is not equal, as with dataclasses.
    assert PartialDate(date(2019, 1, 1)) != (date(2019, 1, 1), "day")
    assert repr(PartialDate(date(2019, 1, 1))) == (
        "PartialDate(start=datetime.date(2019, 1, 1), precision='day')"
    )


def test_replace_changes_only_what_it_names() -> None:
    made = fact()
    changed = made.replace(source="other", disagreement="d")
    assert (changed.source, changed.disagreement) == ("other", "d")
    assert changed.replace(source="src", disagreement=None) == made
    assert made.source == "src"
    with pytest.raises(TypeError):
        made.replace(nosuch=1)


def test_partial_dates_order_by_start_then_precision() -> None:
    dates = [PartialDate.parse(text) for text in ("2019-05-03", "2019", "2019-05", "2018-12-31")]
    assert [str(d) for d in sorted(dates)] == ["2018-12-31", "2019", "2019-05", "2019-05-03"]
    day, month = PartialDate(date(2019, 5, 1)), PartialDate(date(2019, 5, 1), "month")
    assert day < month and day <= month and month > day and month >= day and day <= day
    assert not (day < day or month <= day or day > month or day >= month)
    with pytest.raises(TypeError):
        assert day < date(2019, 5, 1)  # type: ignore[operator]


def test_copied_and_pickled_whole() -> None:
    made = fact()
    for copied in (copy.copy(made), copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert copied == made and copied is not made
        with pytest.raises(AttributeError):
            copied.source = "other"  # type: ignore[misc]


def test_the_data_set_copies_without_its_derived_data(bundled_dataset: Dataset) -> None:
    fresh = bundled_dataset.replace()
    assert fresh.timeline  # made and kept in its __dict__, no field
    copied = pickle.loads(pickle.dumps(fresh))
    assert copied == fresh
    assert "timeline" in vars(fresh) and "timeline" not in vars(copied)
    # A data set of its own made with no locations gets its own empty dict.
    bare = Dataset({}, {}, {}, {})
    assert bare.locations == {} and bare.locations is not Dataset({}, {}, {}, {}).locations
