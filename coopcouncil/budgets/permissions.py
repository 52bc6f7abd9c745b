"""Who may do what with devolved money (``budgets.*``), registered by ``BudgetsConfig.ready``.

Finance sets formulas and imports spend; districts ask for autonomy and Cabinet decides;
councillors eligible under the Local Leaders Programme spend their own ward budget and the
district team signs it off.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.democracy.selectors import councillor_eligibility
from coopcouncil.people.permissions import residency_decision, staff_decision
from coopcouncil.people.selectors import (
    Actor,
    councillor_wards,
    current_roles,
    is_administrator,
    is_officer,
    is_signed_in,
)


def _finance_only(user: Actor, target: Any) -> Decision:
    """Finance officers and administrators. Autonomy thresholds are agreed with each district,
    then recorded by finance."""
    return staff_decision(
        user, "finance", reason=gettext("Only finance officers and administrators may do this.")
    )


for _action in (
    "budgets.manage_formulas",
    "budgets.adopt_allocation",
    "budgets.import_spend",
    "budgets.assess_autonomy",
    "budgets.set_autonomy_threshold",
    "budgets.manage_ward_budgets",
    # Mapping the ledger's codes decides where spend lands, so it is finance's alone.
    "budgets.manage_cost_centres",
    "budgets.sync_commitments",
):
    register(_action, _finance_only)


@rule("budgets.record_cabinet_decision")
def _budgets_record_cabinet_decision(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only an administrator may record Cabinet's decision."))


@rule("budgets.manage_ladder")
def _budgets_manage_ladder(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(
        gettext("Only an administrator may place services on the ladder or answer challenges.")
    )


@rule("budgets.record_commitment")
def _budgets_record_commitment(user: Actor, district: Any) -> Decision:
    if is_administrator(user) or is_officer(user, teams=("finance",)):
        return ALLOW
    if district is not None and is_officer(user, teams=("district_team",), district=district):
        return ALLOW
    return deny(gettext("Only finance officers or the district's team may record commitments."))


@rule("budgets.request_autonomy")
def _budgets_request_autonomy(user: Actor, district: Any) -> Decision:
    """Target: the District asking."""
    if district is not None and (
        is_officer(user, teams=("district_team",), district=district)
        or councillor_wards(user).filter(district=district).exists()
    ):
        return ALLOW
    if district is None:
        return deny(gettext("Only the district's councillors and district team may ask."))
    return deny(
        gettext("Only %(district)s's councillors and district team may ask.")
        % {"district": district}
    )


@rule("budgets.allocate_ward_budget")
def _budgets_allocate_ward_budget(user: Actor, ward_budget: Any) -> Decision:
    """Target: the WardBudget. The councillor themselves, still in office and eligible."""
    if ward_budget is None or not is_signed_in(user) or ward_budget.councillor_id != user.pk:
        return deny(gettext("Only the councillor whose ward budget this is may allocate it."))
    if not councillor_wards(user).filter(pk=ward_budget.ward_id).exists():
        return deny(
            gettext("You are no longer a councillor for %(ward)s.") % {"ward": ward_budget.ward}
        )
    eligibility = councillor_eligibility(user)
    if not eligibility.is_eligible:
        return deny(
            gettext("Not eligible under the Local Leaders Programme: %(reason)s")
            % {"reason": eligibility.reason}
        )
    return ALLOW


@rule("budgets.approve_ward_allocation")
def _budgets_approve_ward_allocation(user: Actor, ward: Any) -> Decision:
    """Target: the Ward the allocation is for."""
    district = getattr(ward, "district", None)
    if is_administrator(user) or (
        district is not None and is_officer(user, teams=("district_team",), district=district)
    ):
        return ALLOW
    if district is None:
        return deny(gettext("Only the district's district team may approve or refuse this."))
    return deny(
        gettext("Only %(district)s's district team may approve or refuse this.")
        % {"district": district}
    )


@rule("budgets.challenge_ladder")
def _budgets_challenge_ladder(user: Actor, target: Any) -> Decision:
    """Verified residents and members of a district partnership may challenge a placement."""
    if is_signed_in(user) and (
        councillor_wards(user).exists()
        or is_officer(user, teams=("district_team",))
        or current_roles(user, role="partner").exists()
    ):
        return ALLOW
    return residency_decision(user)


@rule("budgets.run_ward_poll")
def _budgets_run_ward_poll(user: Actor, ward_budget: Any) -> Decision:
    """Target: the WardBudget. The councillor whose budget it is, still serving the ward.

    Asking residents commits no money, so the Local Leaders Programme check waits for the
    allocation itself.
    """
    if ward_budget is None or not is_signed_in(user) or ward_budget.councillor_id != user.pk:
        return deny(gettext("Only the councillor whose ward budget this is may poll the ward."))
    if not councillor_wards(user).filter(pk=ward_budget.ward_id).exists():
        return deny(
            gettext("You are no longer a councillor for %(ward)s.") % {"ward": ward_budget.ward}
        )
    return ALLOW


@rule("budgets.vote_in_ward_poll")
def _budgets_vote_in_ward_poll(user: Actor, poll: Any) -> Decision:
    """Target: the WardPoll. Only residents verified in the poll's ward."""
    if poll is None:
        return deny(gettext("Choose a ward poll."))
    return residency_decision(user, ward=poll.ward)
