"""What groups owe back after a call-in withdrew their award (``ClawbackDue``), and how much
of it finance has recovered since."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from coopcouncil.grants.models import Application, ClawbackDue


def _with_recovered(dues: QuerySet[ClawbackDue]) -> QuerySet[ClawbackDue]:
    # Only repayments recorded once the sum was owed count against it: the sum already
    # left out what had come back before the withdrawal (services.call_in).
    since = Q(application__clawbacks__recorded_at__gte=F("recorded_at"))
    return dues.annotate(
        recovered_pence=Coalesce(Sum("application__clawbacks__amount_pence", filter=since), 0)
    ).annotate(outstanding_pence=F("amount_pence") - F("recovered_pence"))


def clawback_due_of(application: Application) -> ClawbackDue | None:
    """What ``application``'s group owes back, with ``recovered_pence`` and
    ``outstanding_pence``; None when the award was never withdrawn after payments."""
    return _with_recovered(ClawbackDue.objects.filter(application=application)).first()


def clawback_owed_pence(application: Application) -> int:
    """What the group of an award a call-in withdrew still owes back (0 when nothing)."""
    due = clawback_due_of(application)
    return due.outstanding_pence if due is not None else 0  # type: ignore[attr-defined]


def clawbacks_due(*, outstanding_only: bool = True) -> QuerySet[ClawbackDue]:
    """Every sum owed back, oldest first, with its application, group and fund loaded, for
    finance to recover; by default only those not yet repaid in full."""
    dues = _with_recovered(
        ClawbackDue.objects.select_related(
            "application__organisation", "application__round__fund"
        ).order_by("recorded_at", "pk")
    )
    return dues.filter(GreaterThan(F("outstanding_pence"), 0)) if outstanding_only else dues
