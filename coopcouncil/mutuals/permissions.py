"""Who may do what with co-operatives and mutuals (``mutuals.*``), registered at start-up.

The council's procurement officers keep the register and the spin-out pipeline (they
commission the services mutuals run); each co-operative's secretaries run its members,
classes, governance, ballots, elections and share offers; members vote where the electorate
snapshot names them.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.mutuals import selectors
from coopcouncil.people.permissions import staff_decision
from coopcouncil.people.selectors import Actor, is_signed_in

REGISTER_TEAMS = ("procurement",)


def _register_staff(user: Actor, target: Any) -> Decision:
    return staff_decision(
        user,
        *REGISTER_TEAMS,
        reason=gettext("Only procurement officers and administrators keep the register."),
    )


register("mutuals.manage_register", _register_staff)
register("mutuals.manage_spin_outs", _register_staff)
register("mutuals.sign_off_spin_out_stage", _register_staff)


def _secretary(user: Actor, mutual: Any) -> Decision:
    """The co-operative's secretaries, or the register's staff."""
    if mutual is not None and selectors.is_secretary(user, mutual):
        return ALLOW
    return staff_decision(
        user,
        *REGISTER_TEAMS,
        reason=gettext("Only the co-operative's secretary may do this."),
    )


for _action in (
    "mutuals.manage_members",
    "mutuals.manage_governance",
    "mutuals.run_ballots",
    "mutuals.run_elections",
    "mutuals.run_share_offers",
):
    register(_action, _secretary)


@rule("mutuals.vote_in_ballot")
def _mutuals_vote_in_ballot(user: Actor, ballot: Any) -> Decision:
    """Members in the ballot's electorate snapshot."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to vote."))
    if selectors.ballot_elector(user, ballot) is None:
        return deny(
            gettext("Only members with a vote on %(date)s are in this ballot's electorate.")
            % {"date": f"{ballot.electorate_on:%d %B %Y}"}
        )
    return ALLOW


@rule("mutuals.vote_in_election")
def _mutuals_vote_in_election(user: Actor, election: Any) -> Decision:
    """Members in the election's electorate snapshot."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to vote."))
    if selectors.election_elector(user, election) is None:
        return deny(
            gettext("Only members with a vote on %(date)s are in this election's electorate.")
            % {"date": f"{election.electorate_on:%d %B %Y}"}
        )
    return ALLOW


@rule("mutuals.apply_for_shares")
def _mutuals_apply_for_shares(user: Actor, offer: Any) -> Decision:
    if not is_signed_in(user):
        return deny(gettext("Sign in to apply for shares."))
    if not user.has_verified_email:
        return deny(gettext("Confirm your email address first."))
    return ALLOW
