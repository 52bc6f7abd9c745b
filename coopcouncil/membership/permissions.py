"""Who may join the deal, claim and redeem benefits, register, bid and run an auction.

Rules read ``people``'s facts: residency for joining, partner roles for suppliers and benefit
partners, officer teams (``policy.officer_teams``) for the council's side. Registered by
``MembershipConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, rule
from coopcouncil.membership import policy
from coopcouncil.people.permissions import residency_decision, staff_decision
from coopcouncil.people.selectors import Actor, current_roles, is_signed_in


def _officer(user: Actor, reason: str) -> Decision:
    return staff_decision(user, *policy.officer_teams(), reason=reason)


def _partner_of(user: Actor, organisation: Any) -> bool:
    return (
        organisation is not None
        and current_roles(user, role="partner").filter(organisation=organisation).exists()
    )


@rule("membership.join")
def _join(user: Actor, target: Any) -> Decision:
    """Residents join: a verified residency anywhere in the borough."""
    return residency_decision(user)


@rule("membership.take_part")
def _take_part(user: Actor, target: Any) -> Decision:
    """Members take pledges and claim benefits."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to take part in the co-operative membership."))
    if not hasattr(user, "coop_membership"):
        return deny(gettext("Join the co-operative membership first."))
    return ALLOW


@rule("membership.redeem")
def _redeem(user: Actor, benefit: Any) -> Decision:
    """A benefit's partner checks and redeems its codes; so do the council's officers."""
    if _partner_of(user, getattr(benefit, "partner", None)):
        return ALLOW
    return _officer(user, gettext("Only the partner offering this benefit may redeem its codes."))


@rule("membership.redeem_codes")
def _redeem_codes(user: Actor, target: Any) -> Decision:
    """The code-checking page: partner organisations' people and the council's officers."""
    if current_roles(user, role="partner").exists():
        return ALLOW
    return _officer(user, gettext("Only partners offering member benefits may check codes."))


@rule("membership.manage")
def _manage(user: Actor, target: Any) -> Decision:
    """Benefits, uptake figures, switching rounds, auctions and their figures."""
    return _officer(user, gettext("Only the council's membership officers may do this."))


@rule("membership.energy_register")
def _energy_register(user: Actor, target: Any) -> Decision:
    if not is_signed_in(user):
        return deny(gettext("Sign in to register your household."))
    if not user.has_verified_email:
        return deny(gettext("Confirm your email address first."))
    return ALLOW


@rule("membership.energy_bid")
def _energy_bid(user: Actor, supplier: Any) -> Decision:
    """A supplier's own people submit its bids; officers may load a file for any supplier."""
    if _partner_of(user, supplier):
        return ALLOW
    return _officer(user, gettext("Only the supplier's own people may submit its bid."))
