"""Who may do what in local democracy (``democracy.*``), registered by ``DemocracyConfig.ready``.

The clerk (democratic services) runs meetings, minutes and moderation, with the
district's own team for its partnership; residents ask and sign; councillors vote, and
only those eligible under the Local Leaders Programme on budgets and grant awards.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, check, deny, rule
from coopcouncil.democracy.selectors import councillor_eligibility
from coopcouncil.people.permissions import residency_decision, staff_decision
from coopcouncil.people.selectors import (
    Actor,
    councillor_wards,
    current_roles,
    is_administrator,
    is_officer,
)


def _is_democracy_staff(user: Actor, target: Any) -> bool:
    """Administrators, the clerk, and district-team officers of the target's district."""
    partnership = getattr(target, "partnership", target)
    district = getattr(partnership, "district", None)
    return (
        is_administrator(user)
        or is_officer(user, teams=("clerk",))
        or (district is not None and is_officer(user, teams=("district_team",), district=district))
    )


@rule("democracy.manage_meetings")
def _democracy_manage_meetings(user: Actor, target: Any) -> Decision:
    if _is_democracy_staff(user, target):
        return ALLOW
    return deny(gettext("Only the clerk and the district team may schedule meetings and agendas."))


@rule("democracy.record_minutes")
def _democracy_record_minutes(user: Actor, target: Any) -> Decision:
    if _is_democracy_staff(user, target):
        return ALLOW
    return deny(
        gettext("Only the clerk and the district team may record minutes, decisions and votes.")
    )


@rule("democracy.moderate_question")
def _democracy_moderate_question(user: Actor, target: Any) -> Decision:
    if _is_democracy_staff(user, target):
        return ALLOW
    return deny(gettext("Only the clerk and the district team may moderate public questions."))


@rule("democracy.manage_membership")
def _democracy_manage_membership(user: Actor, target: Any) -> Decision:
    if _is_democracy_staff(user, target):
        return ALLOW
    return deny(gettext("Only the clerk and the district team may change partnership membership."))


@rule("democracy.manage_surveys")
def _democracy_manage_surveys(user: Actor, target: Any) -> Decision:
    if _is_democracy_staff(user, target):
        return ALLOW
    return deny(gettext("Only the clerk and the district team may run pulse surveys."))


@rule("democracy.manage_programme")
def _democracy_manage_programme(user: Actor, target: Any) -> Decision:
    return staff_decision(
        user,
        "clerk",
        reason=gettext("Only democratic services may run the Local Leaders Programme."),
    )


@rule("democracy.manage_feedback")
def _democracy_manage_feedback(user: Actor, target: Any) -> Decision:
    return staff_decision(
        user,
        "clerk",
        reason=gettext("Only democratic services may open 360-degree feedback rounds."),
    )


# Any verified resident of the borough may ask a question or sign a call-in.
@rule("democracy.ask_question")
def _democracy_ask_question(user: Actor, meeting: Any) -> Decision:
    return residency_decision(user)


@rule("democracy.sign_call_in")
def _democracy_sign_call_in(user: Actor, decision: Any) -> Decision:
    return residency_decision(user)


@rule("democracy.vote_on_decision")
def _democracy_vote_on_decision(user: Actor, decision: Any) -> Decision:
    """Target: a Decision. Voting members are the district's serving councillors."""
    district = decision.partnership.district
    if not councillor_wards(user).filter(district=district).exists():
        return deny(
            gettext("Only councillors for %(district)s vote at its partnership.")
            % {"district": district}
        )
    if decision.needs_eligible_voters:
        return check(user, "democracy.vote_on_budget", decision)
    return ALLOW


@rule("democracy.vote_on_budget")
def _democracy_vote_on_budget(user: Actor, decision: Any) -> Decision:
    """Money and grant awards: only councillors eligible under the programme rule.

    Judged as at the meeting that took the decision, not the day the clerk minutes the
    vote, so a councillor's standing cannot change between the vote and its record.
    """
    eligibility = councillor_eligibility(user, as_of=decision.voting_day)
    if not eligibility.is_eligible:
        return deny(
            gettext("%(councillor)s may not vote on budgets or grant awards: %(reason)s")
            % {"councillor": user, "reason": eligibility.reason}
        )
    return ALLOW


@rule("democracy.publish_report")
def _democracy_publish_report(user: Actor, target: Any) -> Decision:
    if councillor_wards(user).exists():
        return ALLOW
    return deny(gettext("Only serving councillors publish an annual report."))


@rule("democracy.give_feedback")
def _democracy_give_feedback(user: Actor, feedback_round: Any) -> Decision:
    """Councillors, officers and partners rate the Leader and Cabinet, not themselves."""
    if feedback_round is not None and getattr(user, "pk", None) == feedback_round.subject_id:
        return deny(gettext("You cannot give feedback about yourself."))
    if current_roles(user).filter(role__in=["councillor", "officer", "partner"]).exists():
        return ALLOW
    return deny(gettext("360-degree feedback is given by councillors, officers and partners."))


@rule("democracy.answer_pulse")
def _democracy_answer_pulse(user: Actor, survey: Any) -> Decision:
    """Target: a PulseSurvey, for the district's residents or its councillors."""
    district = survey.partnership.district
    if survey.audience == "councillors":
        if councillor_wards(user).filter(district=district).exists():
            return ALLOW
        return deny(
            gettext("This survey is for %(district)s's councillors.") % {"district": district}
        )
    return residency_decision(user, district=district)


@rule("democracy.review_call_in_signatures")
def _democracy_review_call_in_signatures(user: Actor, target: Any) -> Decision:
    """The clerk alone removes signatures: the count decides whether a decision stands."""
    if is_officer(user, teams=("clerk",)):
        return ALLOW
    return deny(gettext("Only the clerk may review and remove call-in signatures."))
