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

from coopcouncil.budgets.logic.autonomy import (
    THRESHOLD_FIELDS,
    autonomy_scorecard,
    devolved_district_amounts,
    shared_in_proportion,
)
from coopcouncil.budgets.models import (
    Allocation,
    AllocationRow,
    AutonomyRequest,
    AutonomyThreshold,
    LadderChallenge,
    LadderPlacement,
    LadderRung,
    ServiceBudgetLine,
)
from coopcouncil.budgets.selectors.autonomy import (
    ThresholdInForce,
    autonomy_thresholds_in_force,
    district_autonomy_figures,
    platform_pulse_score,
)
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
    commentary: dict[str, str] | None = None,
) -> AutonomyRequest:
    """Score the district against the benchmarks and record the recommendation.

    The figures are the platform's: the assessor cannot type over them, only comment
    beside each (``commentary``). The pulse survey score may be entered only while the
    platform holds none, and the officer risk assessment is the assessor's own judgement.
    The bars are those in force for the district (``autonomy_thresholds_in_force``).
    May be repeated until Cabinet decides (figures change, the assessor adds reasons).
    """
    require(actor, "budgets.assess_autonomy", request.district)
    now = now or timezone.now()
    reasons = {key: text.strip() for key, text in (reasons_failure_matters or {}).items()}
    notes = {key: text.strip() for key, text in (commentary or {}).items()}
    if pulse_survey_score is not None and (
        platform_pulse_score(request.district, now=now) is not None
    ):
        raise DomainError(
            "figure_computed",
            "The platform holds this district's pulse survey score, so it cannot be typed"
            " over; add your commentary beside it instead.",
            "pulse_survey_score",
        )
    gathered = district_autonomy_figures(
        request.district,
        now=now,
        pulse_survey_score=pulse_survey_score,
        is_risk_assessment_passed=is_risk_assessment_passed,
    )
    negotiated = autonomy_thresholds_in_force(request.district)
    scorecard = autonomy_scorecard(
        figures=gathered.figures,
        thresholds=negotiated.thresholds,
        reasons_failure_matters={key: text for key, text in reasons.items() if text},
        commentary={key: text for key, text in notes.items() if text},
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
        request.commentary = {key: text for key, text in notes.items() if text}
        request.scorecard = _scorecard_json(scorecard, gathered.notes, negotiated.in_force, now)
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


def _threshold_set(bar: ThresholdInForce | None) -> str:
    """Who set a bar and when, as the scorecard shows it beside the bar."""
    if bar is None:
        return "fixed: pass or fail"
    if bar.scope == "policy":
        return "council policy (COOPCOUNCIL_AUTONOMY_THRESHOLDS)"
    where = "for this district" if bar.scope == "district" else "borough default"
    when = timezone.localtime(bar.set_at).strftime("%d %B %Y") if bar.set_at else ""
    return f"{where}, set by {bar.set_by or 'a former officer'} on {when}"


def _scorecard_json(
    scorecard, notes: dict[str, str], in_force: dict[str, ThresholdInForce], now: datetime
) -> dict:
    return {
        "computed_at": now.isoformat(),
        "rows": [
            {
                "key": row.key,
                "name": row.name,
                "figure": row.figure_text,
                "threshold": f"{row.direction.value} {row.threshold}",
                "threshold_set": _threshold_set(in_force.get(row.key)),
                "source": row.source,
                "data_from": notes.get(row.key, ""),
                "outcome": row.outcome.value,
                "reason_failure_matters": row.reason_failure_matters,
                "commentary": row.commentary,
            }
            for row in scorecard.rows
        ],
        "failures_without_reason": list(scorecard.failures_without_reason),
    }


def autonomy_threshold_set(
    *,
    actor: Actor,
    district: District | None,
    benchmark: str,
    value: Decimal,
    reason: str,
    now: datetime | None = None,
) -> AutonomyThreshold:
    """Record a bar agreed for a district (or, with no district, the borough default).

    A new row every time: the old bar stays in the published history, with who set it.
    """
    require(actor, "budgets.set_autonomy_threshold", district)
    if benchmark not in THRESHOLD_FIELDS:
        known = ", ".join(THRESHOLD_FIELDS)
        raise DomainError(
            "benchmark_invalid", f"Choose a benchmark with a bar: {known}.", "benchmark"
        )
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise DomainError("threshold_invalid", "The bar must be a number, 0 or more.", "value")
    exponent = value.as_tuple().exponent
    if (isinstance(exponent, int) and exponent < -2) or value >= 10_000_000:
        raise DomainError(
            "threshold_invalid", "Give the bar with at most two decimal places.", "value"
        )
    reason = _required(reason, "reason", "Say what was agreed, and where; it is published.")
    with transaction.atomic():
        threshold = AutonomyThreshold.objects.create(
            district=district,
            benchmark=benchmark,
            value=value,
            reason=reason,
            set_by=acting_user(actor),
            set_at=now or timezone.now(),
        )
        audit_record(
            actor=actor,
            action="budgets.autonomy_threshold_set",
            target=threshold,
            summary=f"{district or 'Borough default'}: {benchmark} bar set to {value}",
            details={"reason": reason},
        )
    return threshold


def _devolved_row(allocation, district, ward, pence: int, note: str) -> AllocationRow:
    return AllocationRow(
        allocation=allocation,
        district=district,
        ward=ward,
        amount_pence=pence,
        explanation={"allocation_pence": pence, "lines": [], "note": note},
    )


def _devolve_line(
    *,
    actor: Actor,
    request: AutonomyRequest,
    line_id: int,
    amount_pence: int,
    decided_on: date,
) -> Allocation:
    """Publish the next adopted version of the named line with ``amount_pence`` moved to
    the district; the rest stays with the other districts in their previous proportions.

    Each district's wards share its new amount in the proportions of the previous
    version's ward rows, so a line devolved on to wards keeps its ward shares.
    """
    line = ServiceBudgetLine.objects.select_for_update().get(pk=line_id)
    current = line.allocations.filter(kind=Allocation.Kind.ADOPTED).order_by("-version").first()
    old_rows = list(current.rows.select_related("district", "ward")) if current else []
    previous_rows = {row.district.slug: row.amount_pence for row in old_rows if not row.ward_id}
    previous_rows.setdefault(request.district.slug, 0)
    amounts = devolved_district_amounts(
        previous=previous_rows,
        district=request.district.slug,
        amount_pence=amount_pence,
        line_pence=line.amount_pence,
    )
    version = (current.version or 0 if current else 0) + 1
    because = (
        f"Cabinet devolved {format_pence(amount_pence)} of {line} to {request.district}"
        f" on {decided_on:%d %B %Y} (autonomy request {request.pk})."
    )
    allocation = Allocation.objects.create(
        line=line,
        formula=None,
        kind=Allocation.Kind.ADOPTED,
        version=version,
        formula_name=f"Devolved to {request.district}",
        formula_snapshot={"devolved_to": request.district.slug, "autonomy_request": request.pk},
        amount_pence=line.amount_pence,
        ward_figures=current.ward_figures if current is not None else {},
        note=because,
        created_by=acting_user(actor),
        published_at=timezone.now(),
    )
    districts = {d.slug: d for d in District.objects.filter(slug__in=amounts)}
    rows = []
    for slug, pence in amounts.items():
        note = because if slug == request.district.slug else (
            "The rest of the line, in proportion to the previous version."
        )  # fmt: skip
        rows.append(_devolved_row(allocation, districts[slug], None, pence, note))
        wards = {
            row.ward.code: row
            for row in old_rows
            if row.ward is not None and row.district == districts[slug]
        }
        ward_weights = {code: row.amount_pence for code, row in wards.items()}
        for code, ward_pence in shared_in_proportion(pence, ward_weights).items():
            share_note = "Its share of the district's amount, as in the previous version."
            rows.append(
                _devolved_row(allocation, districts[slug], wards[code].ward, ward_pence, share_note)
            )
    AllocationRow.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="budgets.allocation_devolved",
        target=allocation,
        summary=f"{line} allocation version {version}: {because}",
        details={"autonomy_request": request.pk, "amounts_pence": amounts},
    )
    return allocation


def autonomy_cabinet_decide(
    *,
    actor: Actor,
    request: AutonomyRequest,
    is_granted: bool,
    reason: str,
    decided_on: date,
    granted_amount_pence: int | None = None,
) -> AutonomyRequest:
    """Record Cabinet's decision; a granted power then shows on the district's page.

    Granting a request that names a budget line also moves the granted amount of that
    line to the district: a new adopted version of its allocation (``_devolve_line``).
    """
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
        if is_granted and request.line_id is not None:
            request.devolved_allocation = _devolve_line(
                actor=actor,
                request=request,
                line_id=request.line_id,
                amount_pence=amount,
                decided_on=decided_on,
            )
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
