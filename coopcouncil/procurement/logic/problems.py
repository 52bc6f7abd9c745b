"""One broken rule, as the services turn it into a ``DomainError`` on the named field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A rule the input breaks: a stable code, the field it is about and the message."""

    code: str
    field: str
    message: str
