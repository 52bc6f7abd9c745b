"""Who may do what in co-production (``coproduction.*``), registered at start-up.

Residents volunteer, adopt gritting routes and spend credits; organisers (the person who
posted an opportunity, or a member of its organisation) confirm hours; partners redeem
credits; council officers ask for volunteering days and their named manager decides; the
district team acts as the asset officer (assets, leases, notices, gritting alerts).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.people.permissions import residency_decision, staff_decision
from coopcouncil.people.selectors import (
    Actor,
    current_roles,
    is_administrator,
    is_officer,
    is_signed_in,
)

ASSET_TEAMS = ("district_team",)


def is_member_of(user: Actor, organisation: Any) -> bool:
    """A current partner or group member of ``organisation``."""
    if organisation is None:
        return False
    return (
        current_roles(user)
        .filter(role__in=("partner", "group_member"), organisation=organisation)
        .exists()
    )


def _asset_officer(user: Actor, target: Any) -> Decision:
    return staff_decision(
        user,
        *ASSET_TEAMS,
        reason=gettext("Only the district team's asset officers and administrators may do this."),
    )


for _action in (
    "coproduction.manage_assets",
    "coproduction.assess_application",
    "coproduction.record_notice",
    "coproduction.manage_gritting",
    "coproduction.record_safeguarding_check",
):
    register(_action, _asset_officer)


@rule("coproduction.post_opportunity")
def _post_opportunity(user: Actor, organisation: Any) -> Decision:
    """Target: the Organisation posting, or None for the council (its officers)."""
    if is_administrator(user) or is_officer(user) or is_member_of(user, organisation):
        return ALLOW
    return deny(gettext("Only council officers and members of the organisation may post this."))


@rule("coproduction.organise")
def _organise(user: Actor, opportunity: Any) -> Decision:
    """Target: the Opportunity. Its organiser, its organisation's members, administrators."""
    if opportunity is None:
        return deny(gettext("Choose an opportunity."))
    if is_signed_in(user) and (
        opportunity.organiser_id == user.pk
        or is_administrator(user)
        or is_member_of(user, opportunity.organisation)
    ):
        return ALLOW
    return deny(gettext("Only the organiser of this opportunity may do this."))


@rule("coproduction.volunteer")
def _volunteer(user: Actor, target: Any) -> Decision:
    """Volunteering, adopting a route and spending credits are for verified residents."""
    return residency_decision(user)


@rule("coproduction.manage_offers")
def _manage_offers(user: Actor, partner: Any) -> Decision:
    """Target: the partner Organisation. Its members, or an administrator."""
    if is_administrator(user) or is_member_of(user, partner):
        return ALLOW
    return deny(gettext("Only the partner's own members may manage or redeem its offers."))


register("coproduction.redeem_credit", _manage_offers)


@rule("coproduction.log_gritting")
def _log_gritting(user: Actor, route: Any) -> Decision:
    """Target: the GrittingRoute. Only the volunteer who adopted it."""
    if route is not None and is_signed_in(user) and route.volunteer_id == user.pk:
        return ALLOW
    return deny(gettext("Only the volunteer who adopted this route may log gritting on it."))


@rule("coproduction.ask_staff_days")
def _ask_staff_days(user: Actor, target: Any) -> Decision:
    if is_officer(user):
        return ALLOW
    return deny(gettext("Volunteering days are for council employees."))


@rule("coproduction.decide_staff_days")
def _decide_staff_days(user: Actor, request: Any) -> Decision:
    """Target: the StaffVolunteeringRequest. The manager it names; never the employee."""
    if request is None or not is_signed_in(user):
        return deny(gettext("Sign in as the manager named on the request."))
    if request.employee_id == user.pk:
        return deny(gettext("You cannot approve your own volunteering days."))
    if request.manager_id == user.pk or is_administrator(user):
        return ALLOW
    return deny(gettext("Only the manager named on the request may decide it."))


@rule("coproduction.apply_for_asset")
def _apply_for_asset(user: Actor, organisation: Any) -> Decision:
    """Target: the Organisation applying. Its members."""
    if is_member_of(user, organisation) or is_administrator(user):
        return ALLOW
    return deny(gettext("Only members of the group may apply for it."))


@rule("coproduction.submit_return")
def _submit_return(user: Actor, agreement: Any) -> Decision:
    """Target: the LeaseAgreement. The group's members, or an asset officer."""
    if agreement is not None and is_member_of(user, agreement.organisation):
        return ALLOW
    return staff_decision(
        user, *ASSET_TEAMS, reason=gettext("Only the group or an asset officer may send a return.")
    )


@rule("coproduction.nominate_asset")
def _nominate_asset(user: Actor, organisation: Any) -> Decision:
    """Target: the nominating Organisation (a member nominates for it) or None (a resident)."""
    if organisation is not None:
        if is_member_of(user, organisation) or is_administrator(user):
            return ALLOW
        return deny(gettext("Only members of the group may nominate for it."))
    return residency_decision(user)
