"""Who may run, propose to and vote in participatory budgeting (``pb.*``).

The target of every rule is a ``PBProcess``; its ``district`` is None for a borough-wide
process. Registered by ``ParticipationConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, rule
from coopcouncil.people.permissions import residency_decision
from coopcouncil.people.selectors import (
    Actor,
    current_roles,
    is_administrator,
    is_officer,
    is_signed_in,
)


def _is_pb_staff(user: Actor, process: Any) -> bool:
    """Administrators, the clerk, and district-team officers of the process's district."""
    district = getattr(process, "district", None)
    return (
        is_administrator(user)
        or is_officer(user, teams=("clerk",))
        # A borough-wide process is run centrally, not by any one district's team.
        or (district is not None and is_officer(user, teams=("district_team",), district=district))
    )


@rule("pb.manage")
def _pb_manage(user: Actor, process: Any) -> Decision:
    if _is_pb_staff(user, process):
        return ALLOW
    return deny(gettext("Only the clerk and district officers may run a PB process."))


@rule("pb.review")
def _pb_review(user: Actor, process: Any) -> Decision:
    if _is_pb_staff(user, process):
        return ALLOW
    return deny(gettext("Only council officers may review PB proposals."))


@rule("pb.close_voting")
def _pb_close_voting(user: Actor, process: Any) -> Decision:
    if _is_pb_staff(user, process):
        return ALLOW
    return deny(gettext("Only the clerk and district officers may close voting."))


@rule("pb.deliver")
def _pb_deliver(user: Actor, process: Any) -> Decision:
    if _is_pb_staff(user, process):
        return ALLOW
    return deny(gettext("Only council officers may report on delivery."))


@rule("pb.propose")
def _pb_propose(user: Actor, process: Any) -> Decision:
    """Residents of the area propose; so do members of its community groups."""
    district = getattr(process, "district", None)
    residency = residency_decision(user, district=district)
    if residency.allowed:
        return residency
    groups = current_roles(user, role="group_member").filter(organisation__kind="community_group")
    if district is not None:
        groups = groups.filter(organisation__district=district)
    return ALLOW if is_signed_in(user) and groups.exists() else residency


@rule("pb.vote")
def _pb_vote(user: Actor, process: Any) -> Decision:
    """Verified residents of the area at or above the process's minimum age."""
    residency = residency_decision(user, district=getattr(process, "district", None))
    # A verified residency means a signed-in account; saying so lets the date of birth be read.
    if not residency.allowed or not is_signed_in(user):
        return residency
    born = user.date_of_birth
    if born is None:
        return deny(gettext("Tell us your date of birth so we can check the minimum voting age."))
    today = timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < process.min_voter_age:
        return deny(
            gettext("Voting is open to residents aged %(age)s or over.")
            % {"age": process.min_voter_age}
        )
    return ALLOW
