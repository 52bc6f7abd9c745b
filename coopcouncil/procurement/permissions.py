"""Who may do what in commissioning and contracts (``procurement.*``), registered at start-up.

Procurement officers commission, publish tenders, moderate and award; a panel member with
scoring rights evaluates, unless the one shared conflict-of-interest rule
(``people.permissions.conflict_decision``) says they have an interest in the bidder; a
supplier's members bid and make its quarterly returns; a district manager awards small
contracts after quotations under the delegated limit.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.people.permissions import conflict_decision, staff_by_roles, staff_decision
from coopcouncil.people.selectors import Actor, current_roles, is_officer, is_signed_in


def _procurement_staff(user: Actor, target: Any) -> Decision:
    return staff_decision(
        user,
        "procurement",
        reason=gettext("Only procurement officers and administrators may do this."),
    )


for _action in (
    "procurement.commission",
    "procurement.publish_tender",
    "procurement.manage_catalogue",
    "procurement.moderate",
    "procurement.award",
    "procurement.record_remedy",
):
    register(_action, _procurement_staff)


def is_supplier_member(user: Actor, organisation: Any) -> bool:
    """Someone who holds a current role in the organisation, and so acts for it."""
    return is_signed_in(user) and current_roles(user).filter(organisation=organisation).exists()


@rule("procurement.bid")
def _procurement_bid(user: Actor, organisation: Any) -> Decision:
    """Target: the Organisation bidding."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to bid."))
    if organisation is not None and is_supplier_member(user, organisation):
        return ALLOW
    return deny(gettext("Only members of the bidding organisation may bid for it."))


@rule("procurement.evaluate")
def _procurement_evaluate(user: Actor, bid: Any) -> Decision:
    """Target: the Bid. A scoring seat on the exercise's panel and no interest in the bidder."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to evaluate bids."))
    exercise = bid.lot.tender.exercise
    if not exercise.panel.filter(user=user, has_scoring_rights=True).exists():
        return deny(gettext("Only panel members with scoring rights may score bids."))
    return conflict_decision(user, bid.organisation)


@rule("procurement.see_bid")
def _procurement_see_bid(user: Actor, bid: Any) -> Decision:
    """Target: the Bid. The bidder sees its own breakdown; officers see every bid."""
    if is_supplier_member(user, bid.organisation):
        return ALLOW
    return staff_decision(
        user, "procurement", reason=gettext("Only the bidder and procurement officers see a bid.")
    )


@rule("procurement.submit_return")
def _procurement_submit_return(user: Actor, contract: Any) -> Decision:
    """Target: the Contract; its supplier's members report on it."""
    if is_supplier_member(user, contract.supplier):
        return ALLOW
    return deny(gettext("Only the supplier's members may make its quarterly returns."))


@rule("procurement.award_quotation")
def _procurement_award_quotation(user: Actor, district: Any) -> Decision:
    """Target: the District the contract serves (None: borough-wide, procurement only)."""
    if staff_by_roles(user, ("procurement",)):
        return ALLOW
    if district is not None and is_officer(user, teams=("district_team",), district=district):
        return ALLOW
    return deny(
        gettext("Only the district's managers or procurement officers may award after quotations.")
    )


@rule("procurement.start_quotation")
def _procurement_start_quotation(user: Actor, target: Any) -> Decision:
    """Who may open the quotation award form; the award itself checks the district."""
    return staff_decision(
        user,
        "procurement",
        "district_team",
        reason=gettext("Only district managers and procurement officers award after quotations."),
    )
