"""Commitments need evidence to close; standards need all five parts; computed standards
cannot be typed in; a district's standards are its own team's to keep."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.insight.models import StandardPerformance
from coopcouncil.insight.selectors import commitment_rows, standards_performance
from coopcouncil.insight.services import (
    commitment_create,
    commitment_update,
    milestone_add,
    milestone_complete,
    standard_create,
    standard_performance_record,
    standards_compute,
)

STANDARD = {
    "outcome": "Fly-tipping cleared within 2 working days",
    "council_does": "Clears it",
    "community_does": "Reports it",
    "residents_do": "Uses the bulky waste service",
    "measure": "Share cleared in time",
    "unit": "%",
    "target": Decimal(90),
    "direction": "at_least",
    "consequence": "A recovery plan is published",
    "agreed_on": date(2026, 1, 1),
}


def test_a_commitment_cannot_be_marked_done_without_evidence(officer):
    today = timezone.localdate()
    commitment = commitment_create(
        actor=officer, title="Open the centre", owner="Assets", made_on=today, due_on=today
    )
    with pytest.raises(DomainError) as raised:
        commitment_update(actor=officer, commitment=commitment, status="done", evidence=" ")
    assert raised.value.code == "evidence_required"
    commitment_update(actor=officer, commitment=commitment, status="done", evidence="Opened")
    assert AuditEvent.objects.filter(action="insight.commitment_updated").count() == 1


def test_a_commitment_past_its_due_date_and_not_done_is_overdue(officer):
    today = timezone.localdate()
    commitment_create(
        actor=officer,
        title="Late one",
        owner="Assets",
        made_on=today - timedelta(days=9),
        due_on=today - timedelta(days=1),
    )
    [row] = commitment_rows(today=today)
    assert row.is_overdue


def test_a_milestone_counts_as_done_only_with_its_evidence(officer):
    today = timezone.localdate()
    commitment = commitment_create(
        actor=officer, title="Two steps", owner="Policy", made_on=today, due_on=today
    )
    milestone = milestone_add(actor=officer, commitment=commitment, title="Step", due_on=today)
    with pytest.raises(DomainError):
        milestone_complete(actor=officer, milestone=milestone, done_on=today, evidence="")
    milestone_complete(actor=officer, milestone=milestone, done_on=today, evidence="Minutes")
    [row] = commitment_rows(today=today)
    assert (row.milestones_done, row.milestones_total) == (1, 1)


def test_a_resident_may_not_publish_a_commitment(make_resident, ward):
    today = timezone.localdate()
    with pytest.raises(NotAllowed):
        commitment_create(
            actor=make_resident(ward), title="Mine", owner="Me", made_on=today, due_on=today
        )


def test_a_standard_without_a_consequence_is_refused(officer, ward):
    with pytest.raises(DomainError) as raised:
        standard_create(actor=officer, district=ward.district, **{**STANDARD, "consequence": ""})
    assert raised.value.field == "consequence"


def test_another_districts_team_may_not_keep_this_districts_standards(make_role, ward, other_ward):
    other_team = make_role("officer", team="district_team", district=other_ward.district)
    with pytest.raises(NotAllowed):
        standard_create(actor=other_team, district=ward.district, **STANDARD)


def test_a_hand_measured_month_is_met_or_missed_against_the_target(officer, ward):
    standard = standard_create(actor=officer, district=ward.district, **STANDARD)
    month = timezone.localdate().replace(day=1)
    standard_performance_record(actor=officer, standard=standard, month=month, value=Decimal(85))
    [row] = standards_performance(today=timezone.localdate(), district=ward.district, months=1)
    assert row.months[0].is_met is False


def test_a_computed_standard_cannot_be_typed_in_and_is_computed_from_questions(
    officer, ward, take_part, make_resident
):
    standard = standard_create(
        actor=officer,
        district=ward.district,
        **{**STANDARD, "measure_code": "questions_asked", "target": Decimal(1)},
    )
    month = timezone.localdate().replace(day=1)
    with pytest.raises(DomainError) as raised:
        standard_performance_record(actor=officer, standard=standard, month=month, value=Decimal(1))
    assert raised.value.code == "measure_computed"
    take_part(make_resident(ward), "questions", timezone.now())
    assert standards_compute(actor=officer, month=month) == 1
    figure = StandardPerformance.objects.get(standard=standard)
    assert (figure.value, figure.source) == (Decimal(1), "computed")


def test_the_scheduled_task_computes_this_months_figures(officer, ward, take_part, make_resident):
    from coopcouncil.insight.services import standards_compute_task

    standard_create(
        actor=officer,
        district=ward.district,
        **{**STANDARD, "measure_code": "questions_asked", "target": Decimal(1)},
    )
    take_part(make_resident(ward), "questions", timezone.now())
    standards_compute_task.enqueue()
    assert StandardPerformance.objects.get().source == "computed"


def test_fly_tipping_cleared_within_two_working_days_is_computed_from_service_requests(
    officer, ward
):
    """Bank holidays and weekends do not count: a report on Friday 28 August 2026 cleared on
    Wednesday 2 September is in time (Monday 31 August is the summer bank holiday)."""
    from zoneinfo import ZoneInfo

    from coopcouncil.servicerequests.demo import _load_categories
    from coopcouncil.servicerequests.models import ServiceRequest

    london = ZoneInfo("Europe/London")
    categories = _load_categories()

    def report(code: str, received: date, closed: date | None) -> None:
        at = datetime.combine(received, time(10), tzinfo=london)
        ServiceRequest.objects.create(
            category=categories[code],
            latitude="53.5",
            longitude="-2.1",
            location_key="53.500,-2.100",
            ward=ward,
            district=ward.district,
            stage="closed" if closed else "received",
            token=f"t{ServiceRequest.objects.count()}",
            requested_at=at,
            updated_at=at,
            closed_at=None if closed is None else datetime.combine(closed, time(15), london),
        )

    report("FLY_TIPPING", date(2026, 8, 28), date(2026, 9, 2))  # in time: bank holiday
    report("FLY_TIPPING", date(2026, 8, 3), date(2026, 8, 6))  # late: due Wednesday 5th
    report("FLY_TIPPING", date(2026, 8, 4), None)  # still open long after it was due
    report("POTHOLE", date(2026, 8, 4), None)  # another service
    standard = standard_create(
        actor=officer,
        district=ward.district,
        **{**STANDARD, "measure_code": "fly_tipping_fixed_2_working_days", "target": Decimal(90)},
    )
    assert standards_compute(actor=officer, month=date(2026, 8, 1)) == 1
    figure = StandardPerformance.objects.get(standard=standard)
    assert (figure.value, figure.source) == (Decimal("33.3"), "computed")
    [row] = standards_performance(today=date(2026, 8, 31), district=ward.district, months=1)
    assert row.is_computed and row.months[0].is_met is False
