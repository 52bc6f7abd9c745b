"""An award's standing as its decision's call-in goes, told by democracy.

Democracy sits below grants, so it cannot call grants; it tells every app registered in
``democracy.interfaces`` when a decision's status changes, in the same transaction.
Grants keeps the award's standing on the application (``Application.award_standing``) so
the awards page, dashboards, 360Giving and payments read grants' own rows. A withdrawal
after instalments were paid records what the group must repay (``ClawbackDue``).
"""

from __future__ import annotations

from django.db.models import Sum
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.money import format_pence
from coopcouncil.democracy.models import Decision
from coopcouncil.grants.models import Application, ClawbackDue, Instalment
from coopcouncil.grants.models.applications import Standing
from coopcouncil.grants.selectors import AWARDED
from coopcouncil.grants.selectors.awards import recovered_pence

# Each status of the decision register, as the standing of the award it records.
STANDING_OF_DECISION: dict[str, Standing] = {
    Decision.Status.PUBLISHED: Standing.IN_FORCE,
    Decision.Status.CONFIRMED: Standing.IN_FORCE,
    Decision.Status.AMENDED: Standing.IN_FORCE,
    Decision.Status.SUSPENDED: Standing.SUSPENDED,
    Decision.Status.WITHDRAWN: Standing.WITHDRAWN,
}


def award_standing_follow(*, decision_id: int, status: str, previous: str) -> None:
    """Democracy's listener (registered by ``GrantsConfig.ready``): move the award that
    decision ``decision_id`` made to the standing its new status means. Runs inside
    democracy's transaction; a decision that is no grant award changes nothing."""
    standing = STANDING_OF_DECISION.get(status)
    award = (
        Application.objects.select_for_update()
        .filter(decision_id=decision_id, status__in=AWARDED)
        .first()
    )
    if standing is None or award is None or award.award_standing == standing:
        return
    award.award_standing = standing
    award.save(update_fields=["award_standing"])
    audit_record(
        actor=None,
        action="grants.award_standing_changed",
        target=award,
        summary=f"{award.title}: {previous} → {status} in the decision register",
        details={"decision_id": decision_id, "standing": standing},
    )
    if standing == Standing.WITHDRAWN:
        _clawback_due_record(award)


def _clawback_due_record(award: Application) -> ClawbackDue | None:
    """What was paid on a withdrawn award, less what has already come back, is owed."""
    paid = (
        award.instalments.filter(status=Instalment.Status.APPROVED).aggregate(
            t=Sum("amount_pence")
        )["t"]
        or 0
    )
    recovered = recovered_pence(award)
    if paid - recovered <= 0:
        return None
    due = ClawbackDue.objects.create(
        application=award,
        amount_pence=paid - recovered,
        reason=gettext(
            "The partnership withdrew this award after a call-in; %(paid)s had been paid."
        )
        % {"paid": format_pence(paid)},
    )
    audit_record(
        actor=None,
        action="grants.clawback_due",
        target=due,
        summary=f"{award.title}: {format_pence(due.amount_pence)} to recover",
    )
    return due
