"""Writes for negotiated autonomy and the devolution ladder.

A district partnership asks for a power or a budget line; an assessor scores the district
against the published benchmarks, presuming it should devolve unless a failure is explained;
Cabinet decides. Every council service sits on a public ladder, and anyone with a stake may
challenge its place; the challenge and the answer are published.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coopcouncil.budgets import policy
from coopcouncil.budgets.logic.autonomy import autonomy_scorecard
from coopcouncil.budgets.models import (
    AutonomyRequest,
    LadderChallenge,
    LadderPlacement,
    LadderRung,
    ServiceBudgetLine,
)
from coopcouncil.budgets.selectors.autonomy import district_autonomy_figures
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District

Status = AutonomyRequest.Status


def _required(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise DomainError(f"{field}_required", message, field)
    return value.strip()


def autonomy_request_submit(
    *,
    actor: Actor,
    district: District,
    title: str,
    justification: str,
    outcomes_promised: str,
    amount_pence: int = 0,
    line: ServiceBudgetLine | None = None,
) -> AutonomyRequest:
    """A district partnership asks for a power or budget: what, why, how much, what it promises."""
    require(actor, "budgets.request_autonomy", district)
    title = _required(title, "title", "Say which power or budget the district asks for.")
    justification = _required(justification, "justification", "Say why the district asks.")
    outcomes = _required(outcomes_promised, "outcomes_promised", "Say what outcomes you promise.")
    if type(amount_pence) is not int or amount_pence < 0:
        raise DomainError("amount_invalid", "The amount must be £0.00 or more.", "amount_pence")
    with transaction.atomic():
        request, created = AutonomyRequest.objects.get_or_create(
            district=district,
            title=title,
            status=Status.SUBMITTED,
            defaults={
                "justification": justification,
                "outcomes_promised": outcomes,
                "amount_pence": amount_pence,
                "line": line,
                "requested_by": actor,
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="budgets.autonomy_requested",
                target=request,
                summary=f"{district} asks for {title} ({format_pence(amount_pence)})",
            )
    return request


def autonomy_request_assess(
    *,
    actor: Actor,
    request: AutonomyRequest,
    now: datetime | None = None,
    pulse_survey_score: Decimal | None = None,
    is_risk_assessment_passed: bool | None = None,
    risk_assessment_note: str = "",
    reasons_failure_matters: dict[str, str] | None = None,
) -> AutonomyRequest:
    """Score the district against the benchmarks and record the recommendation.

    May be repeated until Cabinet decides (figures change, the assessor adds reasons).
    """
    require(actor, "budgets.assess_autonomy", request.district)
    now = now or timezone.now()
    reasons = {key: text.strip() for key, text in (reasons_failure_matters or {}).items()}
    gathered = district_autonomy_figures(
        request.district,
        now=now,
        pulse_survey_score=pulse_survey_score,
        is_risk_assessment_passed=is_risk_assessment_passed,
    )
    scorecard = autonomy_scorecard(
        figures=gathered.figures,
        thresholds=policy.autonomy_thresholds(),
        reasons_failure_matters={key: text for key, text in reasons.items() if text},
    )
    with transaction.atomic():
        request = AutonomyRequest.objects.select_for_update().get(pk=request.pk)
        if request.status not in (Status.SUBMITTED, Status.ASSESSED):
            raise Conflict("already_decided", "Cabinet has already decided this request.")
        request.status = Status.ASSESSED
        request.pulse_survey_score = pulse_survey_score
        request.is_risk_assessment_passed = is_risk_assessment_passed
        request.risk_assessment_note = risk_assessment_note.strip()
        request.reasons_failure_matters = {key: text for key, text in reasons.items() if text}
        request.scorecard = _scorecard_json(scorecard, gathered.notes, now)
        request.recommendation = scorecard.recommendation.value
        request.recommendation_reason = scorecard.reason
        request.assessed_by = acting_user(actor)
        request.assessed_at = now
        request.save()
        audit_record(
            actor=actor,
            action="budgets.autonomy_assessed",
            target=request,
            summary=f"{request}: recommendation {scorecard.recommendation.value}",
            details={"reason": scorecard.reason},
        )
    return request


def _scorecard_json(scorecard, notes: dict[str, str], now: datetime) -> dict:
    return {
        "computed_at": now.isoformat(),
        "rows": [
            {
                "key": row.key,
                "name": row.name,
                "figure": row.figure_text,
                "threshold": f"{row.direction.value} {row.threshold}",
                "source": row.source,
                "data_from": notes.get(row.key, ""),
                "outcome": row.outcome.value,
                "reason_failure_matters": row.reason_failure_matters,
            }
            for row in scorecard.rows
        ],
        "failures_without_reason": list(scorecard.failures_without_reason),
    }


def autonomy_cabinet_decide(
    *,
    actor: Actor,
    request: AutonomyRequest,
    is_granted: bool,
    reason: str,
    decided_on: date,
    granted_amount_pence: int | None = None,
) -> AutonomyRequest:
    """Record Cabinet's decision; a granted power then shows on the district's page."""
    require(actor, "budgets.record_cabinet_decision", request)
    reason = _required(reason, "reason", "Record Cabinet's reason.")
    amount = request.amount_pence if granted_amount_pence is None else granted_amount_pence
    if type(amount) is not int or amount < 0:
        raise DomainError("amount_invalid", "The amount must be £0.00 or more.", "amount_pence")
    wanted = Status.GRANTED if is_granted else Status.REFUSED
    with transaction.atomic():
        request = AutonomyRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == wanted:
            return request
        if request.status != Status.ASSESSED:
            raise Conflict(
                "not_assessable",
                "Cabinet decides once the request is assessed and before any other decision.",
            )
        request.status = wanted
        request.cabinet_reason = reason
        request.cabinet_decided_on = decided_on
        request.granted_amount_pence = amount if is_granted else None
        request.cabinet_recorded_by = acting_user(actor)
        request.save()
        audit_record(
            actor=actor,
            action=f"budgets.autonomy_{wanted}",
            target=request,
            summary=f"Cabinet {wanted} {request}",
            details={"reason": reason},
        )
    return request


def ladder_place(
    *, actor: Actor, service: str, rung: str, reason_not_further: str = ""
) -> LadderPlacement:
    """Put a service on the ladder (or move it); below devolved control, say why."""
    require(actor, "budgets.manage_ladder")
    service = _required(service, "service", "Name the council service.")
    if rung not in LadderRung.values:
        raise DomainError("rung_invalid", f"'{rung}' is not a rung of the ladder.", "rung")
    if rung != LadderRung.DEVOLVED_CONTROL and not reason_not_further.strip():
        raise DomainError(
            "reason_required",
            "Say why this service is not devolved further; the reason is published.",
            "reason_not_further",
        )
    with transaction.atomic():
        placement, _ = LadderPlacement.objects.update_or_create(
            slug=slugify(service)[:50],
            defaults={
                "service": service,
                "rung": rung,
                "reason_not_further": reason_not_further.strip(),
            },
        )
        audit_record(
            actor=actor,
            action="budgets.ladder_placed",
            target=placement,
            summary=f"{service} placed at {placement.get_rung_display()}",
        )
    return placement


def ladder_challenge_submit(
    *, actor: Actor, placement: LadderPlacement, proposed_rung: str, argument: str
) -> LadderChallenge:
    """Challenge a service's place on the ladder; the challenge is published with the name."""
    require(actor, "budgets.challenge_ladder", placement)
    argument = _required(argument, "argument", "Say why the service should move.")
    if proposed_rung not in LadderRung.values or proposed_rung == placement.rung:
        raise DomainError(
            "rung_invalid", "Choose a different rung from where the service is.", "proposed_rung"
        )
    challenger = acting_user(actor)
    with transaction.atomic():
        challenge, created = LadderChallenge.objects.get_or_create(
            placement=placement,
            challenger=challenger,
            status=LadderChallenge.Status.OPEN,
            proposed_rung=proposed_rung,
            defaults={
                "argument": argument,
                "challenger_name": challenger.full_name if challenger else "",
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="budgets.ladder_challenged",
                target=challenge,
                summary=f"Challenge to {placement.service}: move to {proposed_rung}",
            )
    return challenge


def ladder_challenge_answer(
    *, actor: Actor, challenge: LadderChallenge, is_upheld: bool, answer: str
) -> LadderChallenge:
    """Answer a challenge in public; upholding it moves the service to the proposed rung."""
    require(actor, "budgets.manage_ladder")
    answer = _required(answer, "answer", "Write the answer; it is published.")
    wanted = LadderChallenge.Status.UPHELD if is_upheld else LadderChallenge.Status.NOT_UPHELD
    with transaction.atomic():
        challenge = LadderChallenge.objects.select_for_update().get(pk=challenge.pk)
        if challenge.status == wanted:
            return challenge
        if challenge.status != LadderChallenge.Status.OPEN:
            raise Conflict("already_answered", "This challenge has already been answered.")
        challenge.status, challenge.answer = wanted, answer
        challenge.answered_by, challenge.answered_at = acting_user(actor), timezone.now()
        challenge.save()
        if is_upheld:
            placement = challenge.placement
            placement.rung = challenge.proposed_rung
            is_top = placement.rung == LadderRung.DEVOLVED_CONTROL
            placement.reason_not_further = "" if is_top else answer
            placement.save()
        audit_record(
            actor=actor,
            action="budgets.ladder_challenge_answered",
            target=challenge,
            summary=f"Challenge to {challenge.placement.service}: {wanted}",
        )
    return challenge
