"""The panel's decision: award, part-award or decline, minuted as the partnership's decision.

Every award is a ``democracy`` decision of the district partnership (kind "grant award"),
with the councillors' named votes, published so residents may call it in like any other.
The round's total can never be exceeded: each decision locks the round's row first, so
concurrent decisions on the same round are taken one after another, each seeing the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check, require
from coopcouncil.democracy.models import Decision, Meeting
from coopcouncil.democracy.selectors import partnership_for_district
from coopcouncil.democracy.services.decisions import (
    decision_create,
    decision_publish,
    decision_vote_record,
)
from coopcouncil.grants.logic.applications import Problem, award_problem
from coopcouncil.grants.logic.dividend import spend_problem
from coopcouncil.grants.models import Application, DividendEntry, Round
from coopcouncil.grants.models.applications import Standing
from coopcouncil.grants.selectors import AWARDED, application_moderation, dividend_balance
from coopcouncil.grants.services.applications import applicant_notify
from coopcouncil.grants.services.messages import problem_message
from coopcouncil.grants.services.tallies import tally_move
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor

AWARD = "award"
PART_AWARD = "part_award"
DECLINE = "decline"
OUTCOMES = {
    AWARD: Application.Status.AWARDED,
    PART_AWARD: Application.Status.PART_AWARDED,
    DECLINE: Application.Status.DECLINED,
}


def _votes_check(application: Application, votes: Sequence[tuple[User, str]]) -> None:
    """No councillor with an interest in the group votes, nor one the LLP rule bars."""
    for councillor, _choice in votes:
        verdict = check(councillor, "grants.vote_on_award", application)
        if not verdict.allowed:
            raise NotAllowed("vote_not_allowed", verdict.reason, "votes")


def application_decide(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    reasons: str,
    amount_pence: int = 0,
    feedback: str = "",
    votes: Sequence[tuple[User, str]] = (),
    meeting: Meeting | None = None,
    now: datetime | None = None,
) -> Application:
    """Record the panel's decision and publish it as the partnership's decision.

    ``award`` gives what was asked; ``part_award`` gives ``amount_pence`` (less than asked);
    ``decline`` gives nothing. Reasons are required either way; the group is emailed.
    """
    require(actor, "grants.decide", application)
    if outcome not in OUTCOMES:
        raise DomainError(
            "outcome_invalid", gettext("Choose award, part award or decline."), "outcome"
        )
    if not reasons.strip():
        raise DomainError("reasons_required", gettext("Give the panel's reasons."), "reasons")
    if application.ward_id is None:
        raise DomainError("ward_required", gettext("The application names no ward."), "ward")
    if not application_moderation(application).is_complete:
        raise Conflict(
            "scores_incomplete",
            gettext("The panel decides once enough assessors have scored every criterion."),
        )
    _votes_check(application, votes)
    amount = {AWARD: application.amount_pence, DECLINE: 0}.get(outcome, amount_pence)
    if outcome == PART_AWARD and not 0 < amount < application.amount_pence:
        raise DomainError(
            "part_award_amount",
            gettext("A part award is more than £0.00 and less than was asked."),
            "amount_pence",
        )
    now = now or timezone.now()
    with transaction.atomic():
        decided = _decide_locked(
            actor, application, outcome, amount, reasons, feedback, votes, meeting, now
        )
    return decided


def _decide_locked(actor, application, outcome, amount, reasons, feedback, votes, meeting, now):
    # The round's row is the lock every decision in the round takes first, so the total
    # below counts every award committed before this one (and none can slip in after).
    round_ = Round.objects.select_for_update().get(pk=application.round_id)
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("organisation", "ward__district")
        .get(pk=application.pk)
    )
    if locked.status != Application.Status.ELIGIBLE:
        raise Conflict("already_decided", gettext("This application is not awaiting a decision."))
    if amount:
        awarded = (
            Application.objects.filter(round=round_)
            .awards_reserved()
            .aggregate(t=Sum("awarded_pence"))["t"]
            or 0
        )
        problem = award_problem(
            amount_pence=amount,
            asked_pence=locked.amount_pence,
            round_amount_pence=round_.amount_pence,
            awarded_so_far_pence=awarded,
        )
        if problem is not None:
            raise Conflict(problem.code, problem_message(problem=problem), problem.field)
        _dividend_spend(locked)
    decision = _partnership_decision(actor, locked, outcome, amount, reasons, votes, meeting, now)
    locked.status = OUTCOMES[outcome]
    locked.awarded_pence = amount
    locked.decision_reasons = reasons.strip()
    locked.feedback = feedback.strip()
    locked.decided_at = now
    locked.decision = decision
    if locked.status in AWARDED:
        locked.award_standing = Standing.IN_FORCE
    locked.save()
    tally_move(application=locked, from_status=Application.Status.ELIGIBLE)
    audit_record(
        actor=actor,
        action="grants.decided",
        target=locked,
        summary=f"{locked.title}: {locked.get_status_display()} {format_pence(amount)}",
        details={"decision_id": decision.pk, "round_id": round_.pk},
    )
    applicant_notify(
        application=locked,
        subject=gettext("Decision on your application"),
        text=gettext("The panel has decided on '%(title)s': %(outcome)s %(amount)s. %(reasons)s")
        % {
            "title": locked.title,
            "outcome": locked.get_status_display(),
            "amount": format_pence(amount),
            "reasons": locked.decision_reasons,
        },
    )
    return locked


def _partnership_decision(actor, application, outcome, amount, reasons, votes, meeting, now):
    """The award as a published decision of the partnership, with its named votes."""
    partnership = partnership_for_district(application.ward.district)
    verb = {AWARD: "Award", PART_AWARD: "Part award", DECLINE: "Decline"}[outcome]
    decision = decision_create(
        actor=actor,
        partnership=partnership,
        title=f"{verb}: {application.title} ({application.organisation})"[:200],
        summary=f"{format_pence(amount)} from {application.round}. {reasons.strip()}",
        kind=Decision.Kind.GRANT_AWARD,
        budget_pence=amount,
        wards=[application.ward],
        meeting=meeting,
    )
    for councillor, choice in votes:
        decision_vote_record(actor=actor, decision=decision, councillor=councillor, choice=choice)
    return decision_publish(actor=actor, decision=decision, now=now)


def _dividend_spend(application: Application) -> None:
    """Spend the dividend the group put towards this bid, if any (never below zero)."""
    if not application.dividend_pence:
        return
    # One group's ledger is changed one decision at a time.
    Organisation.objects.select_for_update().get(pk=application.organisation_id)
    problem = spend_problem(dividend_balance(application.organisation), application.dividend_pence)
    if problem is not None:
        shortfall = Problem("dividend_pence", "dividend_short")
        raise Conflict(shortfall.code, problem_message(problem=shortfall), shortfall.field)
    DividendEntry.objects.create(
        organisation_id=application.organisation_id,
        kind=DividendEntry.Kind.SPEND,
        amount_pence=application.dividend_pence,
        application=application,
    )
