"""Types the apps share with the apps above them, so each can answer in the same shape.

``ParticipationSource``: "is change happening at scale?" counts residents taking part in
three roles. Each app that records a kind of taking part offers its sources from its
selectors (``participation_sources()``), and insight adds them up; no count is typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# The three roles of participation at scale (the Co-operative Councils Innovation Network's).
ParticipationRole = Literal["deciding", "delivering", "supporting"]
PARTICIPATION_ROLES: tuple[ParticipationRole, ...] = ("deciding", "delivering", "supporting")


@dataclass(frozen=True)
class ParticipationSource:
    """One kind of taking part, e.g. call-in signatures or confirmed volunteering hours.

    ``events`` is a queryset of rows with ``user_id`` (the person taking part) and ``at``
    (an aware datetime), built with ``.values("user_id", "at")`` (annotate ``at`` where the
    field has another name), so insight can count distinct people per ward and per period in
    the database. ``label`` is shown to people (mark it for translation).
    """

    role: ParticipationRole
    kind: str
    label: Any
    events: Any
