"""Types the apps share with the apps above them, so each can answer in the same shape.

``ParticipationSource``: "is change happening at scale?" counts residents taking part in
three roles. Each app that records a kind of taking part offers its sources from its
selectors (``participation_sources()``), and insight adds them up; no count is typed in.

``RetentionRule``: how long each kind of record holding personal data is kept, registered
by its app at start-up and applied by ``core.retention``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

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


# --- Retention ----------------------------------------------------------------------------
# UK GDPR keeps personal data no longer than needed. Each app that holds personal data
# registers, in its ``AppConfig.ready``, one rule per kind of record: how long it is kept
# (a policy setting, ``COOPCOUNCIL_RETENTION_<TYPE>_DAYS``) and what removes or anonymises
# it after that. ``core.retention`` applies them all (``coopcouncil retention apply``).
# Records the council keeps for good (the democratic record, say) are registered too, with
# the reason, so every app has said what it keeps (tests/core/test_retention.py).


class RetentionEnforce(Protocol):
    """Remove or anonymise the records older than ``before``; return how many (with
    ``dry_run``, how many it would, changing nothing)."""

    def __call__(self, *, before: datetime, dry_run: bool) -> int: ...


RetentionAction = Literal["removed", "anonymised", "kept"]


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record holding personal data and how long it is kept.

    ``record_type`` starts with the app label (``people.unconfirmed_accounts``).
    ``default_days`` is None, and ``enforce`` None, for records kept for good: then
    ``description`` says why.
    """

    record_type: str
    description: str
    action: RetentionAction
    default_days: int | None = None
    enforce: RetentionEnforce | None = None

    @property
    def app_label(self) -> str:
        return self.record_type.split(".", 1)[0]

    @property
    def setting(self) -> str:
        name = self.record_type.replace(".", "_").upper()
        return f"COOPCOUNCIL_RETENTION_{name}_DAYS"


_retention_rules: dict[str, RetentionRule] = {}


def retention_register(*rules: RetentionRule) -> None:
    """Add an app's rules; a second, different rule for one record type is a mistake."""
    for rule in rules:
        if (rule.enforce is None) != (rule.action == "kept"):
            raise RuntimeError(f"{rule.record_type}: only kept records have no enforce.")
        existing = _retention_rules.get(rule.record_type)
        if existing is not None and existing != rule:
            raise RuntimeError(f"{rule.record_type} already has a retention rule.")
        _retention_rules[rule.record_type] = rule


def retention_rules() -> tuple[RetentionRule, ...]:
    """Every registered rule, in the order the apps started."""
    return tuple(_retention_rules.values())
