"""The commitment tracker: whether a commitment or milestone is late."""

from __future__ import annotations

from datetime import date

FINISHED = frozenset({"done", "dropped"})


def is_overdue(*, due_on: date, status: str, today: date) -> bool:
    """Past its due date and neither done nor dropped.

    >>> is_overdue(due_on=date(2026, 1, 1), status="on_track", today=date(2026, 2, 1))
    True
    """
    return status not in FINISHED and due_on < today
