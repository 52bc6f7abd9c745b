"""Who may do what with grants (``grants.*``), registered by ``GrantsConfig.ready``.

Groups apply through the people who hold a role in them; the district team runs rounds,
checks eligibility and takes the panel's decision to the partnership; assessors score;
finance approves payments. Anyone with an interest in the applicant — declared, or a role
in it — can neither see its scores, score it nor vote on it: ``people.permissions.
conflict_decision`` is the one rule, and councillors voting on awards must also be eligible
under the Local Leaders Programme (``democracy.selectors.councillor_eligibility``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from coopcouncil.core.permissions import ALLOW, Decision, deny, register, rule
from coopcouncil.democracy.selectors import councillor_eligibility
from coopcouncil.grants.models import Application
from coopcouncil.people.permissions import conflict_decision, staff_decision
from coopcouncil.people.selectors import (
    Actor,
    current_roles,
    is_administrator,
    is_officer,
    is_signed_in,
)

# Officers who run funds and rounds and sit on the panel with the partnership.
GRANTS_TEAMS = ("district_team", "clerk")


def is_group_member(user: Actor, organisation_id: int) -> bool:
    """A current member (or partner role-holder) of the organisation."""
    return current_roles(user).filter(organisation_id=organisation_id).exists()


def is_partner_member(user: Actor, application: Application) -> bool:
    """A current member of one of the application's partner organisations (co-applicants)."""
    partner_ids = application.partners.values("pk")
    return current_roles(user).filter(organisation_id__in=partner_ids).exists()


def applicants_conflict(user: Actor, application: Application) -> Decision:
    """The conflict-of-interest rule over every applicant: the lead, then each partner; a
    joint bid is as much the partners' as the lead's."""
    conflict = conflict_decision(user, application.organisation)
    for partner in application.partners.all() if conflict else ():
        conflict = conflict_decision(user, partner)
        if not conflict:
            break
    return conflict


def _is_grants_staff(user: Actor, district: Any = None) -> bool:
    return is_administrator(user) or is_officer(user, teams=GRANTS_TEAMS, district=district)


def _application_district(application: Application) -> Any:
    return application.ward.district if application.ward_id else application.round.district


def _is_assessor(user: Actor, application: Application) -> bool:
    return is_signed_in(user) and application.round.assessors.filter(pk=user.pk).exists()


@rule("grants.manage_funds")
def _grants_manage_funds(user: Actor, target: Any) -> Decision:
    """Target: a Fund, a Round or None. A district fund is its own district team's."""
    fund = getattr(target, "fund", target)
    district = getattr(fund, "district", None)
    if _is_grants_staff(user, district):
        return ALLOW
    return deny(gettext("Only the district team may run grant funds and rounds."))


@rule("grants.record_income")
def _grants_record_income(user: Actor, target: Any) -> Decision:
    # None is the platform itself (the command line, another app's scheduled credit).
    if user is None:
        return ALLOW
    return staff_decision(
        user, "finance", reason=gettext("Only finance may record money paid into a fund.")
    )


@rule("grants.apply")
def _grants_apply(user: Actor, organisation: Any) -> Decision:
    """Target: the Organisation applying. Its members draft and submit its bids."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to apply for a grant."))
    if is_administrator(user) or is_group_member(user, organisation.pk):
        return ALLOW
    return deny(
        gettext("Only members of %(organisation)s may apply on its behalf.")
        % {"organisation": organisation}
    )


@rule("grants.view_application")
def _grants_view_application(user: Actor, application: Any) -> Decision:
    if not is_signed_in(user):
        return deny(gettext("Sign in to see this application."))
    if is_group_member(user, application.organisation_id):
        return ALLOW
    if is_partner_member(user, application):
        return ALLOW
    if _is_grants_staff(user) or is_officer(user, teams=("finance",)):
        return ALLOW
    if _is_assessor(user, application):
        return applicants_conflict(user, application)
    return deny(
        gettext(
            "Only the group, its partners, its assessors and council officers see this application."
        )
    )


@rule("grants.check_eligibility")
def _grants_check_eligibility(user: Actor, application: Any) -> Decision:
    if not _is_grants_staff(user, _application_district(application)):
        return deny(gettext("Only the district team checks an application's eligibility."))
    return applicants_conflict(user, application)


@rule("grants.assess")
def _grants_assess(user: Actor, application: Any) -> Decision:
    """Only the round's assessors, and none with an interest in the applicant."""
    if not _is_assessor(user, application):
        return deny(gettext("Only the round's assessors score its applications."))
    return applicants_conflict(user, application)


@rule("grants.see_scores")
def _grants_see_scores(user: Actor, application: Any) -> Decision:
    """The group sees its scores once the panel has decided; staff and assessors without an
    interest see them during assessment."""
    if not is_signed_in(user):
        return deny(gettext("Sign in to see scores."))
    if is_group_member(user, application.organisation_id) and not is_administrator(user):
        if application.decided_at is None:
            return deny(gettext("Your scores and feedback are shown once the panel has decided."))
        return ALLOW
    if not (_is_grants_staff(user) or _is_assessor(user, application)):
        return deny(gettext("Only the panel, its assessors and the district team see scores."))
    return applicants_conflict(user, application)


@rule("grants.decide")
def _grants_decide(user: Actor, application: Any) -> Decision:
    """The district team (or clerk) minutes the panel's decision for the partnership."""
    if not _is_grants_staff(user, _application_district(application)):
        return deny(gettext("Only the district team records the panel's decision."))
    return applicants_conflict(user, application)


@rule("grants.vote_on_award")
def _grants_vote_on_award(user: Actor, application: Any) -> Decision:
    """A councillor voting on an award: no interest in the group, eligible under the LLP rule."""
    conflict = applicants_conflict(user, application)
    if not conflict:
        return conflict
    eligibility = councillor_eligibility(user, as_of=timezone.now())
    if not eligibility.is_eligible:
        return deny(
            gettext("%(councillor)s may not vote on grant awards: %(reason)s")
            % {"councillor": user, "reason": eligibility.reason}
        )
    return ALLOW


@rule("grants.report_monitoring")
def _grants_report_monitoring(user: Actor, application: Any) -> Decision:
    if is_signed_in(user) and is_group_member(user, application.organisation_id):
        return ALLOW
    return deny(gettext("Only members of the funded group report on its grant."))


def _staff_rule(*teams: str, reason: Any):
    def decide(user: Actor, target: Any) -> Decision:
        return staff_decision(user, *teams, reason=str(reason))

    return decide


register(
    "grants.schedule_payments",
    _staff_rule(*GRANTS_TEAMS, reason=gettext_lazy("Only the district team plans instalments.")),
)
register(
    "grants.approve_payment",
    _staff_rule("finance", reason=gettext_lazy("Only finance approves grant payments.")),
)
register(
    "grants.record_clawback",
    _staff_rule("finance", reason=gettext_lazy("Only finance records money clawed back.")),
)
register(
    "grants.record_saving",
    _staff_rule(
        "district_team",
        "finance",
        reason=gettext_lazy("Only council officers record a verified co-production saving."),
    ),
)
