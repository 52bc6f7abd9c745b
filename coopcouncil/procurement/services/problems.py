"""Turning the pure rules' problems into the one error type every front door shows."""

from __future__ import annotations

from collections.abc import Sequence

from coopcouncil.core.errors import DomainError
from coopcouncil.procurement.logic.problems import Problem


def problems_raise(*, problems: Sequence[Problem]) -> None:
    """Raise the first problem as a ``DomainError`` carrying the others on their fields."""
    if not problems:
        return
    first, *rest = problems
    error = DomainError(first.code, first.message, first.field)
    for problem in rest:
        error.extra_errors.setdefault(problem.field, []).append(problem.message)
    raise error
