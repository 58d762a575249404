"""Small immutable classes compared, hashed and printed by their fields, without dataclasses.

Every start imports the modules these live in, and on Python 3.11 each
dataclass costs 0.3-0.7 ms to make (its generated methods are compiled one by
one): the twenty on the start path took about 8 ms of the first paint. A
`Value` subclass names its fields, in order, in `FIELDS`, declares them in
`__slots__` and sets them in `__init__` (typed `Final`, so that mypy keeps them
read-only); it then compares, hashes and prints as the frozen dataclass did,
for the price of one `attrgetter` a class.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:
    # For mypy only (PEP 681): at run time the decorator does nothing, and
    # typing_extensions, no dependency of ours, is not imported.
    def dataclass_transform(**_kwargs: Any) -> Any:
        return lambda cls: cls


class Value:
    """Equal to another of its own class with equal fields; hashed by its fields;
    printed as `Name(field=value, ...)`. A subclass that holds mutable values sets
    `__hash__ = None`, as a dataclass holding them would have been unhashable."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        # Set on each subclass by __init_subclass__: the fields' values, in order.
        @staticmethod
        def _values(value: Any) -> tuple[object, ...]: ...

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.FIELDS
        if not names:  # a base for other classes (`Frozen`), never made itself
            return
        if len(names) == 1:
            # attrgetter of one name gives the value itself, not a tuple of it.
            one = attrgetter(names[0])

            def values(value: object) -> tuple[object, ...]:
                return (one(value),)

        else:
            # In C: no Python loop on a hash or a comparison.
            values = attrgetter(*names)  # type: ignore[assignment]
        cls._values = staticmethod(values)  # type: ignore[method-assign]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == other._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(self.FIELDS, self._values(self))
        )
        return f"{self.__class__.__name__}({shown})"


@dataclass_transform(frozen_default=True)
class Frozen(Value):
    """A `Value` whose fields cannot be assigned or deleted once made, as a frozen
    dataclass's: the data model (model.py), shared by every view and never changed.

    A subclass declares its fields in the class body (`start: date`: types for
    mypy, which `dataclass_transform` tells to treat them as read-only) and sets
    them in `__init__` with `object.__setattr__`, as a frozen dataclass's own
    `__init__` does. Its `__init__` takes the fields positionally in `FIELDS`
    order: copies and pickles are made that way.
    """

    __slots__ = ()

    if not TYPE_CHECKING:
        # Hidden from mypy, which would otherwise take any name as assignable:
        # it refuses the fields (dataclass_transform) and unknown names itself.

        def __setattr__(self, name: str, value: object) -> None:
            raise AttributeError(
                f"cannot assign to field {name!r}: {self.__class__.__name__} is immutable"
            )

        def __delattr__(self, name: str) -> None:
            raise AttributeError(
                f"cannot delete field {name!r}: {self.__class__.__name__} is immutable"
            )

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (as `dataclasses.replace` would make it); an unknown name raises TypeError."""
        values = dict(zip(self.FIELDS, self._values(self)))
        values.update(changes)
        return self.__class__(**values)

    def __reduce__(self) -> tuple[Any, ...]:
        # `copy` and `pickle` would otherwise fill the slots through __setattr__.
        return (self.__class__, self._values(self))
