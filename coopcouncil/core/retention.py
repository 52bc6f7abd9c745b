"""Apply every app's retention rules (``core.interfaces.RetentionRule``).

``coopcouncil retention apply`` and the task ``retention_apply_task`` (queued daily, see
docs/deploy.md) both call ``retention_apply``: for each rule, the period is read from its
policy setting (``COOPCOUNCIL_RETENTION_<TYPE>_DAYS``, else the rule's default), and the
records older than that are removed or anonymised, one rule per transaction, so a rule
that fails leaves the others done and its own records untouched. ``dry_run`` counts
without changing anything. A rule with ``held`` also reports, by reason, how many records
past the period it keeps. Public aggregates (signature counts, ballots, hours) are never
touched: rules remove personal fields or records no aggregate counts.

Core's own rules are here too: finished task results (email tasks hold addresses and
bodies), rate-limit counters, and the actor of old audit events.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coopcouncil.core.interfaces import RetentionAction, RetentionRule, retention_rules
from coopcouncil.core.models import AuditEvent, RateLimitCount
from coopcouncil.core.policy import policy_int
from coopcouncil.core.tasks import task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionOutcome:
    """What one rule did (or, in a dry run, would do) to records older than ``before``."""

    record_type: str
    action: RetentionAction
    days: int | None
    before: datetime | None
    count: int
    # Records past the period kept anyway, by reason (an account counts once per reason).
    held: dict[str, int] = field(default_factory=dict)


def retention_period(rule: RetentionRule) -> int | None:
    """The days ``rule`` keeps its records, as set (None: kept for good)."""
    if rule.default_days is None:
        return None
    return policy_int(rule.setting, rule.default_days)


def retention_apply(
    *, dry_run: bool = False, now: datetime | None = None
) -> list[RetentionOutcome]:
    """Enforce every registered rule; one outcome per rule, in registration order."""
    now = now or timezone.now()
    outcomes = []
    for rule in retention_rules():
        days = retention_period(rule)
        if days is None or rule.enforce is None:
            outcomes.append(RetentionOutcome(rule.record_type, "kept", None, None, 0))
            continue
        before = now - timedelta(days=days)
        with transaction.atomic():
            held = rule.held(before=before) if rule.held is not None else {}
            count = rule.enforce(before=before, dry_run=dry_run)
        outcomes.append(RetentionOutcome(rule.record_type, rule.action, days, before, count, held))
        if dry_run:
            continue
        if count:
            logger.info("retention: %s %d %s", rule.record_type, count, rule.action)
        # The scheduled run has no one reading its report, so what it kept goes to the log.
        for reason, kept in held.items():
            logger.info("retention: %s %d kept, in use by %s", rule.record_type, kept, reason)
    return outcomes


@task()
def retention_apply_task() -> dict[str, int]:
    """The scheduled run (docs/deploy.md): records removed or anonymised, by type."""
    return {o.record_type: o.count for o in retention_apply() if o.action != "kept"}


def _task_results(*, before: datetime, dry_run: bool) -> int:
    finished = DBTaskResult.objects.filter(finished_at__lt=before)
    return finished.count() if dry_run else finished.delete()[0]


def _rate_limit_counters(*, before: datetime, dry_run: bool) -> int:
    # A counter outlives its window by the longest window in use; a day's margin covers it.
    past = RateLimitCount.objects.filter(window_start__lt=before)
    return past.count() if dry_run else past.delete()[0]


def _audit_actors(*, before: datetime, dry_run: bool) -> int:
    named = AuditEvent.objects.filter(created_at__lt=before, actor__isnull=False)
    return named.count() if dry_run else named.update(actor=None)


CORE_RETENTION_RULES = (
    RetentionRule(
        "core.task_results",
        "Finished background tasks (emails hold the recipient's address and the message).",
        "removed",
        30,
        _task_results,
    ),
    RetentionRule(
        "core.rate_limit_counters",
        "Rate-limit counters of public actions (account ids, keyed hashes of addresses).",
        "removed",
        2,
        _rate_limit_counters,
    ),
    RetentionRule(
        "core.audit_actors",
        "Who did an audited action: the event stays, its actor is cleared after six years "
        "(the limitation period for claims).",
        "anonymised",
        6 * 365,
        _audit_actors,
    ),
)
