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


def _partnership_with_meetings(ward, *, minutes_days_after):
    """Three held meetings, papers on time, minutes published after the days given."""
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from coopcouncil.democracy.models import DistrictPartnership, Meeting, MeetingPaper

    partnership = DistrictPartnership.objects.create(district=ward.district, name="West")
    now = timezone.now()
    for days_ago, minutes_after in zip((30, 60, 90), minutes_days_after, strict=True):
        starts_at = now - timedelta(days=days_ago)
        meeting = Meeting.objects.create(
            partnership=partnership, title="Partnership", venue="Hall", starts_at=starts_at,
            minutes_published_at=starts_at + timedelta(days=minutes_after),
        )  # fmt: skip
        # Three weeks ahead is five clear working days whatever the bank holidays.
        paper = MeetingPaper(
            meeting=meeting, kind="agenda_pack", title="Agenda pack", original_name="a.pdf",
            content_type="application/pdf", extension="pdf", size_bytes=8,
            published_at=starts_at - timedelta(days=21),
        )  # fmt: skip
        paper.file.save("a.pdf", ContentFile(b"%PDF-1.7"))
    return partnership


def test_minutes_on_time_reads_minutes_published_within_the_policy_days(
    finance, request_, ward, settings
):
    settings.COOPCOUNCIL_MINUTES_DAYS_AFTER = 10
    _partnership_with_meetings(ward, minutes_days_after=(2, 25, 25))
    assessed = autonomy_request_assess(actor=finance, request=request_)
    minutes = _row(assessed, "minutes_on_time")
    assert minutes["name"] == "Minutes published on time (%)"
    assert (minutes["figure"], minutes["outcome"]) == ("33.0", "fail")
    # The papers were all on time: their rate is not the minutes' figure.
    assert _row(assessed, "transparency")["figure"] == "100.0"


def test_a_pulse_score_the_platform_holds_cannot_be_typed_over(finance, request_, ward):
    from coopcouncil.democracy.models import PulseAnswer, PulseQuestion, PulseSurvey

    partnership = _partnership_with_meetings(ward, minutes_days_after=(1, 1, 1))
    survey = PulseSurvey.objects.create(
        partnership=partnership, title="Pulse", audience="residents",
        opens_at=timezone.now(), closes_at=timezone.now(),
    )  # fmt: skip
    PulseAnswer.objects.create(question=PulseQuestion.objects.create(survey=survey), rating=2)
    with pytest.raises(DomainError) as refused:
        autonomy_request_assess(actor=finance, request=request_, pulse_survey_score=Decimal(99))
    assert (refused.value.code, refused.value.field) == ("figure_computed", "pulse_survey_score")
    request_.refresh_from_db()
    assert request_.status == "submitted" and not request_.scorecard


def test_the_assessor_comments_beside_each_figure(finance, request_):
    assessed = autonomy_request_assess(
        actor=finance, request=request_,
        commentary={"citizen_participation": "A new estate opened in May."},
    )  # fmt: skip
    row = _row(assessed, "citizen_participation")
    assert row["commentary"] == "A new estate opened in May."
    assert assessed.commentary == {"citizen_participation": "A new estate opened in May."}
    with pytest.raises(DomainError) as refused:
        autonomy_request_assess(actor=finance, request=request_, commentary={"vibes": "x"})
    assert refused.value.field == "commentary"


def test_a_district_threshold_beats_the_borough_default_which_beats_policy(
    finance, request_, ward, other_ward
):
    from coopcouncil.budgets.models import AutonomyThreshold
    from coopcouncil.budgets.selectors import autonomy_threshold_history
    from coopcouncil.budgets.services import autonomy_threshold_set

    def at(day):
        return timezone.make_aware(datetime(2026, 3, day, 12))

    autonomy_threshold_set(
        actor=finance, district=None, benchmark="local_leaders", value=Decimal(60),
        reason="Borough-wide, Cabinet 1 March", now=at(1),
    )  # fmt: skip
    autonomy_threshold_set(
        actor=finance, district=ward.district, benchmark="local_leaders", value=Decimal(50),
        reason="Agreed with the partnership, 2 March", now=at(2),
    )  # fmt: skip
    autonomy_threshold_set(
        actor=finance, district=ward.district, benchmark="local_leaders", value=Decimal(55),
        reason="Renegotiated, 3 March", now=at(3),
    )  # fmt: skip
    local = _row(autonomy_request_assess(actor=finance, request=request_), "local_leaders")
    assert local["threshold"] == "≥ 55"
    assert local["threshold_set"] == "for this district, set by Fran Finance on 03 March 2026"
    assert _row(request_.__class__.objects.get(pk=request_.pk), "minutes_on_time")[
        "threshold_set"
    ].startswith("council policy")
    from coopcouncil.budgets.selectors import autonomy_thresholds_in_force

    elsewhere = autonomy_thresholds_in_force(other_ward.district).in_force["local_leaders"]
    assert (elsewhere.value, elsewhere.scope) == (Decimal(60), "borough")
    history = list(autonomy_threshold_history(ward.district))
    assert [t.value for t in history] == [Decimal(55), Decimal(50)]
    assert AutonomyThreshold.objects.count() == 3
    assert AuditEvent.objects.filter(action="budgets.autonomy_threshold_set").count() == 3


def test_only_finance_sets_thresholds_and_only_for_benchmarks_with_a_bar(
    finance, district_team, ward
):
    from coopcouncil.budgets.services import autonomy_threshold_set

    with pytest.raises(NotAllowed):
        autonomy_threshold_set(
            actor=district_team, district=ward.district, benchmark="local_leaders",
            value=Decimal(1), reason="We would like a lower bar",
        )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        autonomy_threshold_set(
            actor=finance, district=None, benchmark="risk_mitigation", value=Decimal(0),
            reason="x",
        )  # fmt: skip
    assert refused.value.field == "benchmark"


def test_granting_a_named_line_publishes_a_version_that_moves_it_to_the_district(
    finance, administrator, district_team, ward, line, equal_formula
):
    from coopcouncil.budgets.models import Allocation
    from coopcouncil.budgets.services import allocation_adopt

    adopted = allocation_adopt(actor=finance, formula=equal_formula)
    before = {r.district.slug: r.amount_pence for r in adopted.rows.filter(ward__isnull=True)}
    asked = autonomy_request_submit(
        actor=district_team, district=ward.district, title="Youth Service budget",
        justification="Ours to run", outcomes_promised="More youth nights",
        amount_pence=before[ward.district.slug] + 10_000_000, line=line,
    )  # fmt: skip
    autonomy_request_assess(actor=finance, request=asked)
    granted = autonomy_cabinet_decide(
        actor=administrator, request=asked, is_granted=True, reason="Cabinet 12 March",
        decided_on=date(2026, 3, 12),
    )  # fmt: skip
    devolved = granted.devolved_allocation
    assert (devolved.kind, devolved.version) == (Allocation.Kind.ADOPTED, adopted.version + 1)
    after = {r.district.slug: r.amount_pence for r in devolved.rows.filter(ward__isnull=True)}
    assert after[ward.district.slug] == asked.amount_pence
    assert sum(after.values()) == line.amount_pence
    assert "Cabinet devolved" in devolved.note and "12 March 2026" in devolved.note
    event = AuditEvent.objects.get(action="budgets.allocation_devolved")
    assert event.details["autonomy_request"] == asked.pk


def test_granting_a_power_without_a_line_moves_no_money(finance, administrator, request_):
    from coopcouncil.budgets.models import Allocation

    autonomy_request_assess(actor=finance, request=request_)
    granted = autonomy_cabinet_decide(
        actor=administrator, request=request_, is_granted=True, reason="Yes",
        decided_on=date(2026, 3, 12),
    )  # fmt: skip
    assert granted.devolved_allocation is None and not Allocation.objects.exists()


def test_a_devolved_line_keeps_ward_shares_in_the_old_proportions(
    finance, administrator, district_team, ward, line, equal_formula
):
    from coopcouncil.budgets.services import allocation_adopt

    allocation_adopt(actor=finance, formula=equal_formula)
    asked = autonomy_request_submit(
        actor=district_team, district=ward.district, title="Youth", justification="J",
        outcomes_promised="O", amount_pence=line.amount_pence // 2, line=line,
    )  # fmt: skip
    autonomy_request_assess(actor=finance, request=asked)
    devolved = autonomy_cabinet_decide(
        actor=administrator, request=asked, is_granted=True, reason="Yes",
        decided_on=date(2026, 3, 12),
    ).devolved_allocation  # fmt: skip
    for district_row in devolved.rows.filter(ward__isnull=True):
        ward_rows = devolved.rows.filter(district=district_row.district, ward__isnull=False)
        assert ward_rows.exists()
        assert sum(r.amount_pence for r in ward_rows) == district_row.amount_pence
