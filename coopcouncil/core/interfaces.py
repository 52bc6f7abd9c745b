"""Types the apps share with the apps above them, so each can answer in the same shape.

``ParticipationSource``: "is change happening at scale?" counts residents taking part in
three roles. Each app that records a kind of taking part offers its sources from its
selectors (``participation_sources()``), and insight adds them up; no count is typed in.

``RetentionRule``: how long each kind of record holding personal data is kept, registered
by its app at start-up and applied by ``core.retention``.

``AccountUse``: a field on an app's model that names an account, registered by its app at
start-up, so people's retention leaves any account another app's record refers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from django.db.models import Model, QuerySet

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


class RetentionHeld(Protocol):
    """How many records older than ``before`` the rule keeps anyway, by reason."""

    def __call__(self, *, before: datetime) -> dict[str, int]: ...


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
    ``description`` says why. ``held``, where some records past the period are kept (an
    account another app's record uses), counts those by reason for the report.
    """

    record_type: str
    description: str
    action: RetentionAction
    default_days: int | None = None
    enforce: RetentionEnforce | None = None
    held: RetentionHeld | None = None

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


# --- Accounts in use -----------------------------------------------------------------------
# People removes accounts never confirmed, but an account a co-op secretary made a member,
# or any other app's record names, is in use: deleting it would take (or orphan) that record
# and change turnouts, registers and counts. People sits below the apps and may not import
# them, so each app registers here every field of its models that names an account, and
# tests/people/services/test_retention.py fails if one is missing.


@dataclass(frozen=True)
class AccountUse:
    """A field of an app's model naming an account (a foreign key, one-to-one, or the
    account column of a many-to-many's table): while a row names an account, it is in use."""

    model: type[Model]
    field: str

    @property
    def kind(self) -> str:
        """``mutuals.Member.user``: what the retention report says an account was kept for."""
        return f"{self.model._meta.label}.{self.field}"

    def accounts(self) -> QuerySet[Any]:
        """The ids of the accounts this field names, as a subquery."""
        named = self.model._default_manager.filter(**{f"{self.field}__isnull": False})
        return named.values(self.field)


_account_uses: dict[str, AccountUse] = {}


def account_uses_register(*uses: AccountUse) -> None:
    """Add an app's account fields (registering one twice is harmless)."""
    for use in uses:
        _account_uses[use.kind] = use


def account_uses() -> tuple[AccountUse, ...]:
    """Every registered field naming an account, in the order the apps started."""
    return tuple(_account_uses.values())
