"""Who may report, handle and look into service requests (``servicerequests.*``).

Registered by ``ServiceRequestsConfig.ready``. Handling a request is the work of the
district team of the request's district (or an administrator); API keys are an
administrator's to issue. Reference-group rules take the district as their target.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, rule
from coopcouncil.people.selectors import Actor, is_administrator, is_officer, is_signed_in
from coopcouncil.servicerequests.models import ApiKey
from coopcouncil.servicerequests.selectors import (
    is_reference_group_member,
    reference_group_offer,
)


@rule("servicerequests.report")
def _report(user: Actor, target: Any) -> Decision:
    """Anyone signed in with a confirmed email; an Open311 client vouches with its live key."""
    if isinstance(target, ApiKey):
        return ALLOW if target.is_active else deny(gettext("This API key has been revoked."))
    if not is_signed_in(user):
        return deny(gettext("Sign in to report a problem."))
    if not user.has_verified_email:
        return deny(gettext("Confirm your email address first."))
    return ALLOW


def is_handler(user: Actor, district: Any) -> bool:
    """Administrators, and district-team officers serving the request's district."""
    return is_administrator(user) or is_officer(user, teams=("district_team",), district=district)


@rule("servicerequests.handle")
def _handle(user: Actor, request: Any) -> Decision:
    """Triage, assign, update and close: the target is a ServiceRequest (or a District)."""
    district = getattr(request, "district", request)
    if is_handler(user, district):
        return ALLOW
    return deny(gettext("Only the district team may handle service requests."))


@rule("servicerequests.manage_keys")
def _manage_keys(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only administrators may issue or revoke Open311 API keys."))


@rule("servicerequests.load_boundaries")
def _load_boundaries(user: Actor, target: Any) -> Decision:
    if is_administrator(user):
        return ALLOW
    return deny(gettext("Only administrators may load ward boundaries."))


@rule("servicerequests.join_reference_group")
def _join_reference_group(user: Actor, district: Any) -> Decision:
    """Offered to the residents who reported most in the district over the last year."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to join a reference group."))
    if reference_group_offer(user, district):
        return ALLOW
    return deny(
        gettext("Reference groups are offered to residents who report problems here often.")
    )


@rule("servicerequests.comment")
def _comment(user: Actor, district: Any) -> Decision:
    if is_reference_group_member(user, district):
        return ALLOW
    return deny(gettext("Only members of the district's reference group may comment."))


@rule("servicerequests.preview_demand")
def _preview_demand(user: Actor, district: Any) -> Decision:
    """The newest figures: the district's reference group first, and its handlers."""
    if is_handler(user, district) or is_reference_group_member(user, district):
        return ALLOW
    return deny(gettext("The newest figures are published after the reference group's preview."))
