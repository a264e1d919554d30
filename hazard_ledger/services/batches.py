"""Long lists cut into batches: for ``IN (…)`` lists within SQLite's parameter limit, and for
bulk inserts."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
IN_LIST = 500  # values in one IN (…): well under SQLite's 999 on old builds


def chunks(values: Sequence[T], size: int = IN_LIST) -> Iterator[Sequence[T]]:
    """``values`` in consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
