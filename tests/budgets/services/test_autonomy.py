"""Negotiated autonomy and the ladder: presumption to devolve, Cabinet decides, answers public."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.budgets.models import AutonomyRequest, LadderChallenge
from coopcouncil.budgets.selectors import granted_powers
from coopcouncil.budgets.services import (
    autonomy_cabinet_decide,
    autonomy_request_assess,
    autonomy_request_submit,
    ladder_challenge_answer,
    ladder_challenge_submit,
    ladder_place,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent


@pytest.fixture
def request_(district_team, ward):
    return autonomy_request_submit(
        actor=district_team, district=ward.district, title="Youth Service budget",
        justification="We know our young people", outcomes_promised="Two more youth nights",
        amount_pence=5_000_000,
    )  # fmt: skip


def test_the_district_team_asks_and_the_request_is_audited(request_):
    assert request_.status == "submitted"
    assert AuditEvent.objects.filter(action="budgets.autonomy_requested").exists()


def test_a_councillor_of_another_district_may_not_ask(make_role, other_ward, ward):
    outsider = make_role("councillor", ward=other_ward)
    with pytest.raises(NotAllowed):
        autonomy_request_submit(
            actor=outsider, district=ward.district, title="X", justification="y",
            outcomes_promised="z",
        )  # fmt: skip


def test_a_request_must_say_what_outcomes_it_promises(district_team, ward):
    with pytest.raises(DomainError) as error:
        autonomy_request_submit(
            actor=district_team, district=ward.district, title="X", justification="y",
            outcomes_promised=" ",
        )  # fmt: skip
    assert error.value.field == "outcomes_promised"


def _row(request, key):
    return next(row for row in request.scorecard["rows"] if row["key"] == key)


def test_an_unexplained_failure_leaves_the_presumption_to_devolve(finance, request_):
    assessed = autonomy_request_assess(
        actor=finance, request=request_, is_risk_assessment_passed=False,
        pulse_survey_score=Decimal("72"),
    )  # fmt: skip
    assert assessed.recommendation == "devolve"
    risk = _row(assessed, "risk_mitigation")
    assert risk["outcome"] == "fail" and risk["data_from"].startswith("officer risk assessment")
    assert _row(assessed, "community_cohesion")["outcome"] == "pass"
    assert _row(assessed, "local_leaders")["outcome"] == "no data"
    assert _row(assessed, "local_leaders")["data_from"].startswith("no data")


def test_a_failure_with_a_recorded_reason_holds_devolution_back(finance, request_):
    assessed = autonomy_request_assess(
        actor=finance, request=request_, is_risk_assessment_passed=False,
        reasons_failure_matters={"risk_mitigation": "Safeguarding plan missing"},
    )  # fmt: skip
    assert assessed.recommendation == "not yet"
    assert "Safeguarding plan missing" in assessed.recommendation_reason


def test_an_unknown_benchmark_in_the_reasons_is_a_field_error(finance, request_):
    with pytest.raises(DomainError) as error:
        autonomy_request_assess(
            actor=finance, request=request_, reasons_failure_matters={"vibes": "bad"}
        )
    assert error.value.field == "reasons_failure_matters"


def test_programme_attendance_comes_from_the_democracy_app(
    finance, request_, councillor, programme_without_attendance
):
    assessed = autonomy_request_assess(actor=finance, request=request_)
    row = _row(assessed, "local_leaders")
    assert (row["figure"], row["outcome"]) == ("0.0", "fail")
    assert row["data_from"].startswith("democracy")


def test_the_district_team_may_not_assess_its_own_request(district_team, request_):
    with pytest.raises(NotAllowed):
        autonomy_request_assess(actor=district_team, request=request_)


def test_cabinet_grants_and_the_power_shows_for_the_district(
    finance, administrator, request_, ward
):
    autonomy_request_assess(actor=finance, request=request_)
    granted = autonomy_cabinet_decide(
        actor=administrator, request=request_, is_granted=True, reason="Cabinet 12 March",
        decided_on=date(2026, 3, 12),
    )  # fmt: skip
    assert granted.status == "granted" and granted.granted_amount_pence == 5_000_000
    assert list(granted_powers(ward.district)) == [granted]
    with pytest.raises(Conflict):
        autonomy_cabinet_decide(
            actor=administrator, request=request_, is_granted=False, reason="Changed mind",
            decided_on=date(2026, 3, 13),
        )  # fmt: skip


def test_cabinet_decides_only_after_assessment_and_only_an_administrator_records_it(
    finance, administrator, request_
):
    with pytest.raises(Conflict):
        autonomy_cabinet_decide(
            actor=administrator, request=request_, is_granted=True, reason="x",
            decided_on=date(2026, 3, 12),
        )  # fmt: skip
    autonomy_request_assess(actor=finance, request=request_)
    with pytest.raises(NotAllowed):
        autonomy_cabinet_decide(
            actor=finance, request=request_, is_granted=True, reason="x",
            decided_on=date(2026, 3, 12),
        )  # fmt: skip
    assert AutonomyRequest.objects.get().status == "assessed"


@pytest.fixture
def placement(administrator, places):
    return ladder_place(
        actor=administrator, service="Parks maintenance", rung="consultation",
        reason_not_further="Borough-wide contract until 2027",
    )  # fmt: skip


def test_a_service_below_devolved_control_must_say_why(administrator, places):
    with pytest.raises(DomainError) as error:
        ladder_place(actor=administrator, service="Libraries", rung="information")
    assert error.value.field == "reason_not_further"


def test_a_verified_resident_challenges_and_the_upheld_answer_moves_the_service(
    administrator, placement, make_resident, ward
):
    resident = make_resident(ward, "Rita Resident")
    challenge = ladder_challenge_submit(
        actor=resident, placement=placement, proposed_rung="co_production",
        argument="Friends groups already run the parks",
    )  # fmt: skip
    assert challenge.challenger_name == "Rita Resident"
    ladder_challenge_answer(
        actor=administrator, challenge=challenge, is_upheld=True, answer="Agreed from April"
    )
    placement.refresh_from_db()
    assert placement.rung == "co_production"
    assert LadderChallenge.objects.get().status == "upheld"


def test_an_unverified_person_may_not_challenge(placement, make_user):
    with pytest.raises(NotAllowed):
        ladder_challenge_submit(
            actor=make_user(), placement=placement, proposed_rung="co_production", argument="x"
        )


def test_budget_variance_is_read_from_the_last_completed_financial_year(finance, request_):
    from coopcouncil.budgets.services import (
        allocation_adopt,
        budget_line_create,
        formula_create,
        spend_import,
    )

    last_year = budget_line_create(
        actor=finance, name="Youth", slug="youth-2025-26", financial_year="2025/26",
        amount_pence=60_000_000,
    )  # fmt: skip
    formula = formula_create(actor=finance, line=last_year, name="Equal", equal_share_percent=100)
    budget = (
        allocation_adopt(actor=finance, formula=formula)
        .rows.get(district=request_.district, ward__isnull=True)
        .amount_pence
    )
    spend_import(
        actor=finance,
        text="date,district,line,amount_pounds,description,reference\n"
        f"2025-06-01,west-oldham,youth-2025-26,{budget // 100},All of it,X\n",
    )
    now = timezone.make_aware(datetime(2026, 11, 1, 12))
    assessed = autonomy_request_assess(actor=finance, request=request_, now=now)
    row = _row(assessed, "financial_aptitude")
    assert (row["figure"], row["outcome"]) == ("0.0", "pass")
    assert "2025/26" in row["data_from"]


def test_papers_on_time_come_from_the_democracy_rate(finance, request_, ward):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from coopcouncil.democracy.models import DistrictPartnership, Meeting, MeetingPaper

    partnership = DistrictPartnership.objects.create(district=ward.district, name="West")
    now = timezone.now()
    # Three weeks ahead is five clear working days whatever the bank holidays; one day is not.
    for days_ago, papers_days_before in ((30, 21), (60, 21), (90, 1)):
        starts_at = now - timedelta(days=days_ago)
        meeting = Meeting.objects.create(
            partnership=partnership, title="Partnership", venue="Hall", starts_at=starts_at
        )
        paper = MeetingPaper(
            meeting=meeting, kind="agenda_pack", title="Agenda pack", original_name="a.pdf",
            content_type="application/pdf", extension="pdf", size_bytes=8,
            published_at=starts_at - timedelta(days=papers_days_before),
        )  # fmt: skip
        paper.file.save("a.pdf", ContentFile(b"%PDF-1.7"))
    row = _row(autonomy_request_assess(actor=finance, request=request_, now=now), "transparency")
    assert (row["figure"], row["outcome"]) == ("67.0", "fail")
    assert "district_participation_figures" in row["data_from"]
