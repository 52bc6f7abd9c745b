"""Reads for negotiated autonomy and the devolution ladder.

The scorecard's figures come from what the platform holds: the democracy app (Local Leaders
Programme attendance, questions, call-in signatures, meeting attendance, papers published on
time), the participation app (PB turnout) and this app's own monitoring (budget variance).
Where a figure is not held yet (no meeting was due, no module is on the programme), the
benchmark shows "no data" and names the source it would come from, rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet, Sum

from coopcouncil.budgets import policy
from coopcouncil.budgets.logic.autonomy import THRESHOLD_FIELDS, AutonomyFigures, AutonomyThresholds
from coopcouncil.budgets.logic.monitoring import financial_year_label
from coopcouncil.budgets.models import (
    AutonomyRequest,
    AutonomyThreshold,
    LadderChallenge,
    LadderPlacement,
)
from coopcouncil.budgets.selectors.monitoring import district_budget_and_outturn
from coopcouncil.core.errors import NotFound
from coopcouncil.core.permissions import check
from coopcouncil.democracy.selectors import councillor_eligibility, district_participation_figures
from coopcouncil.participation.selectors import district_pb_turnout
from coopcouncil.people.models import RoleAssignment
from coopcouncil.places.models import District


@dataclass
class GatheredFigures:
    """The figures for a district's scorecard, and a note per benchmark on where each came from."""

    figures: AutonomyFigures
    notes: dict[str, str] = field(default_factory=dict)


def _democracy_figures(district: District, since, until, notes: dict) -> dict:
    """Participation, publication on time and pulse survey from the democracy app."""
    found = district_participation_figures(district, since=since, until=until)
    said = "democracy: district_participation_figures"
    notes["citizen_participation"] = said
    counts: dict = {
        "questions_asked": found.questions_asked,
        "call_in_signatures": found.call_in_signatures,
        "meeting_attendance": found.meeting_attendance,
    }
    rate = found.papers_published_on_time_rate
    notes["transparency"] = said if rate is not None else f"no data: no meeting was due ({said})"
    if rate is not None:
        counts["papers_published_on_time_rate"] = Decimal(rate)
    # Minutes have their own benchmark: read their own rate, never the papers' one.
    minutes = found.minutes_published_on_time_rate
    notes["minutes_on_time"] = (
        f"{said} (minutes)" if minutes is not None else f"no data: no minutes were due ({said})"
    )
    if minutes is not None:
        counts["minutes_published_on_time_rate"] = Decimal(minutes)
    if found.pulse_score is not None:
        counts["pulse_survey_score"] = Decimal(found.pulse_score)
        notes["community_cohesion"] = f"{said} (pulse surveys)"
    return counts


def _pb_turnout(district: District, since, until, notes: dict) -> dict:
    turnout = district_pb_turnout(district, since=since, until=until)
    notes["citizen_participation"] += "; participation: district_pb_turnout (PB voters)"
    return {"pb_votes": turnout.voters}


def _leaders_programme(district: District, until, notes: dict) -> dict:
    """Modules attended out of modules due, over the district's councillors."""
    seats = RoleAssignment.objects.current(until.date()).filter(
        role="councillor", ward__district=district
    )
    results = [
        councillor_eligibility(seat.user, as_of=until) for seat in seats.select_related("user")
    ]
    places = sum(result.modules_held for result in results)
    notes["local_leaders"] = (
        "democracy: councillor_eligibility (modules attended ÷ modules held so far)"
    )
    if not places:
        notes["local_leaders"] = "no data: no Local Leaders Programme modules are due yet"
        return {}
    attended = sum(min(r.modules_attended, r.modules_held) for r in results)
    return {"leaders_programme_places": places, "leaders_programme_attendances": attended}


def district_autonomy_figures(
    district: District,
    *,
    now: datetime,
    pulse_survey_score: Decimal | None = None,
    is_risk_assessment_passed: bool | None = None,
) -> GatheredFigures:
    """Gather the last twelve months' figures for a district; the assessor adds the last two."""
    since, until = now - timedelta(days=365), now
    notes: dict[str, str] = {}
    population = district.wards.aggregate(total=Sum("population"))["total"] or 0
    counts = _democracy_figures(district, since, until, notes)
    counts.update(_pb_turnout(district, since, until, notes))
    counts.update(_leaders_programme(district, until, notes))
    if pulse_survey_score is not None:
        counts["pulse_survey_score"] = pulse_survey_score
        notes["community_cohesion"] = "entered by the assessor (latest pulse survey wave)"
    last_year = financial_year_label(until.date() - timedelta(days=365))
    budget, outturn = district_budget_and_outturn(district, financial_year=last_year)
    notes["financial_aptitude"] = (
        f"budgets: adopted allocations against spend imported for {last_year}"
        if budget
        else f"no data: no adopted allocation for the last completed year ({last_year})"
    )
    notes["risk_mitigation"] = (
        "officer risk assessment entered by the assessor"
        if is_risk_assessment_passed is not None
        else "no data: not assessed yet"
    )
    figures = AutonomyFigures(
        district_id=district.slug,
        population=population,
        budget_pence=budget or None,
        outturn_pence=outturn if budget else None,
        is_risk_assessment_passed=is_risk_assessment_passed,
        **counts,
    )
    return GatheredFigures(figures, notes)


def platform_pulse_score(district: District, *, now: datetime) -> int | None:
    """The pulse survey score the platform holds for the last twelve months, if any."""
    return district_participation_figures(
        district, since=now - timedelta(days=365), until=now
    ).pulse_score


@dataclass(frozen=True)
class ThresholdInForce:
    """One benchmark's bar and who set it: a district's, the borough default, or policy."""

    benchmark: str
    value: Decimal
    scope: str
    set_by: str = ""
    set_at: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class NegotiatedThresholds:
    thresholds: AutonomyThresholds
    in_force: dict[str, ThresholdInForce]


def autonomy_thresholds_in_force(district: District | None) -> NegotiatedThresholds:
    """The bars a district is scored against: its own, else the borough's, else policy.

    The newest recorded row wins; earlier rows stay as the published history.
    """
    thresholds = policy.autonomy_thresholds()
    in_force = {
        key: ThresholdInForce(key, getattr(thresholds, name), "policy")
        for key, name in THRESHOLD_FIELDS.items()
    }
    scope = Q(district__isnull=True) | (Q(district=district) if district is not None else Q())
    # Oldest first, borough before district, so the row that should win is applied last.
    for row in (
        AutonomyThreshold.objects.filter(scope, benchmark__in=THRESHOLD_FIELDS)
        .select_related("set_by")
        .order_by(F("district_id").asc(nulls_first=True), "set_at", "id")
    ):
        in_force[row.benchmark] = ThresholdInForce(
            benchmark=row.benchmark,
            value=row.value,
            scope="district" if row.district_id else "borough",
            set_by=row.set_by.full_name if row.set_by else "",
            set_at=row.set_at,
            reason=row.reason,
        )
    agreed = {THRESHOLD_FIELDS[key]: bar.value for key, bar in in_force.items()}
    return NegotiatedThresholds(replace(thresholds, **agreed), in_force)


def autonomy_threshold_history(district: District | None) -> QuerySet[AutonomyThreshold]:
    """Every bar recorded for the district (or, for None, the borough), newest first."""
    rows = AutonomyThreshold.objects.select_related("district", "set_by")
    return rows.filter(district=district) if district else rows.filter(district__isnull=True)


def autonomy_request_districts(user) -> QuerySet[District]:
    """Districts the person may ask autonomy for, by name, so the form offers only those."""
    allowed = [d.pk for d in District.objects.all() if check(user, "budgets.request_autonomy", d)]
    return District.objects.filter(pk__in=allowed).order_by("name")


def autonomy_request_list(*, district: District | None = None) -> QuerySet[AutonomyRequest]:
    requests = AutonomyRequest.objects.select_related(
        "district", "line", "requested_by", "devolved_allocation"
    )
    return requests.filter(district=district) if district is not None else requests


def autonomy_request_get(request_id: int) -> AutonomyRequest:
    found = autonomy_request_list().filter(pk=request_id).first()
    if found is None:
        raise NotFound(
            "request_not_found", f"There is no autonomy request {request_id}.", "request"
        )
    return found


def autonomy_request_can_assess(user, request: AutonomyRequest) -> bool:
    """Whether the page offers the assessment form: the person may assess and it is still open."""
    is_open = request.status in (AutonomyRequest.Status.SUBMITTED, AutonomyRequest.Status.ASSESSED)
    return check(user, "budgets.assess_autonomy", request.district).allowed and is_open


def autonomy_request_can_decide(user, request: AutonomyRequest) -> bool:
    """Whether the page offers Cabinet's form: the person may record it and it is assessed."""
    return (
        check(user, "budgets.record_cabinet_decision", request).allowed
        and request.status == AutonomyRequest.Status.ASSESSED
    )


def granted_powers(district: District) -> QuerySet[AutonomyRequest]:
    """Powers and budgets Cabinet has devolved to the district."""
    return autonomy_request_list(district=district).filter(status=AutonomyRequest.Status.GRANTED)


def ladder() -> QuerySet[LadderPlacement]:
    """Every service on the devolution ladder, with its published challenges."""
    return LadderPlacement.objects.prefetch_related(
        Prefetch("challenges", queryset=LadderChallenge.objects.order_by("-created_at"))
    ).order_by("service")


def ladder_placement_get(slug: str) -> LadderPlacement:
    placement = ladder().filter(slug=slug).first()
    if placement is None:
        raise NotFound(
            "service_not_found", f"There is no service '{slug}' on the ladder.", "service"
        )
    return placement


def ladder_challenge_get(challenge_id: int) -> LadderChallenge:
    challenge = LadderChallenge.objects.select_related("placement").filter(pk=challenge_id).first()
    if challenge is None:
        raise NotFound(
            "challenge_not_found", f"There is no ladder challenge {challenge_id}.", "challenge"
        )
    return challenge
