"""The negotiated-autonomy scorecard and its presumption to devolve."""

from decimal import Decimal
from fractions import Fraction

import pytest

from coopcouncil.budgets.logic.autonomy import (
    AutonomyFigures,
    AutonomyThresholds,
    Outcome,
    Recommendation,
    ScorecardError,
    autonomy_scorecard,
    devolved_district_amounts,
)
from coopcouncil.core.errors import DomainError

STRONG = AutonomyFigures(
    district_id="north",
    population=20_000,
    leaders_programme_places=40,
    leaders_programme_attendances=32,  # 80 %
    questions_asked=300,
    call_in_signatures=200,
    pb_votes=1_400,
    meeting_attendance=100,  # 2,000 actions = 100 per 1,000
    budget_pence=10_000_000,
    outturn_pence=10_300_000,  # 3 % over
    papers_due=50,
    papers_published_on_time=48,  # 96 %
    minutes_published_on_time_rate=Decimal(95),
    pulse_survey_score=Decimal("71.5"),
    is_risk_assessment_passed=True,
)


def outcomes(scorecard):
    return {row.key: row.outcome for row in scorecard.rows}


def test_every_benchmark_is_computed_from_platform_figures():
    rows = {row.key: row for row in autonomy_scorecard(figures=STRONG).rows}
    assert rows["local_leaders"].figure == 80
    assert rows["citizen_participation"].figure == 100
    assert rows["financial_aptitude"].figure == 3
    assert rows["transparency"].figure == 96
    assert rows["community_cohesion"].figure == Fraction("71.5")
    assert rows["risk_mitigation"].figure_text == "pass"
    assert all(row.source for row in rows.values())


def test_all_benchmarks_met_means_devolve():
    scorecard = autonomy_scorecard(figures=STRONG)
    assert set(outcomes(scorecard).values()) == {Outcome.PASS}
    assert scorecard.recommendation is Recommendation.DEVOLVE
    assert scorecard.reason == "Devolve: no benchmark failed."


def test_underspend_counts_as_variance_too():
    figures = AutonomyFigures(district_id="x", budget_pence=1000, outturn_pence=800)
    rows = {row.key: row for row in autonomy_scorecard(figures=figures).rows}
    assert rows["financial_aptitude"].figure == 20
    assert rows["financial_aptitude"].outcome is Outcome.FAIL


def test_failure_without_a_recorded_reason_does_not_block_devolution():
    weak = AutonomyFigures(**{**STRONG.__dict__, "papers_published_on_time": 30})
    scorecard = autonomy_scorecard(figures=weak)
    assert outcomes(scorecard)["transparency"] is Outcome.FAIL
    assert scorecard.recommendation is Recommendation.DEVOLVE
    assert scorecard.failures_without_reason == ("transparency",)
    assert "presumption to devolve stands" in scorecard.reason


def test_failure_with_a_recorded_reason_holds_devolution_back():
    weak = AutonomyFigures(**{**STRONG.__dict__, "is_risk_assessment_passed": False})
    scorecard = autonomy_scorecard(
        figures=weak,
        reasons_failure_matters={"risk_mitigation": "No safeguarding lead for youth grants."},
    )
    assert scorecard.recommendation is Recommendation.NOT_YET
    assert "No safeguarding lead for youth grants." in scorecard.reason


def test_a_reason_for_a_benchmark_that_passed_does_not_block():
    scorecard = autonomy_scorecard(
        figures=STRONG, reasons_failure_matters={"transparency": "We care about this."}
    )
    assert scorecard.recommendation is Recommendation.DEVOLVE


def test_blank_reason_counts_as_no_reason():
    weak = AutonomyFigures(**{**STRONG.__dict__, "pulse_survey_score": Decimal(40)})
    scorecard = autonomy_scorecard(
        figures=weak, reasons_failure_matters={"community_cohesion": "  "}
    )
    assert scorecard.recommendation is Recommendation.DEVOLVE


def test_missing_figures_are_no_data_and_never_block():
    scorecard = autonomy_scorecard(
        figures=AutonomyFigures(district_id="new"),
        reasons_failure_matters={"financial_aptitude": "Matters a lot"},
    )
    assert set(outcomes(scorecard).values()) == {Outcome.NO_DATA}
    assert {row.figure_text for row in scorecard.rows} == {"no data"}
    assert scorecard.recommendation is Recommendation.DEVOLVE


def test_thresholds_are_negotiated_per_district():
    strict = AutonomyThresholds(leaders_programme_attendance_percent=Decimal(85))
    scorecard = autonomy_scorecard(figures=STRONG, thresholds=strict)
    assert outcomes(scorecard)["local_leaders"] is Outcome.FAIL


def test_at_most_benchmark_passes_exactly_on_the_threshold():
    on_the_line = AutonomyFigures(**{**STRONG.__dict__, "outturn_pence": 10_500_000})
    assert outcomes(autonomy_scorecard(figures=on_the_line))["financial_aptitude"] is Outcome.PASS


def test_reason_for_an_unknown_benchmark_is_refused():
    with pytest.raises(ScorecardError) as caught:
        autonomy_scorecard(figures=STRONG, reasons_failure_matters={"vibes": "bad"})
    assert caught.value.field == "reasons_failure_matters"


def test_a_published_on_time_rate_is_read_as_the_transparency_figure():
    figures = AutonomyFigures(district_id="x", papers_published_on_time_rate=Decimal("87.5"))
    row = {row.key: row for row in autonomy_scorecard(figures=figures).rows}["transparency"]
    assert row.figure == Fraction("87.5") and row.figure_text == "87.5"
    assert row.outcome is Outcome.FAIL


def test_the_rate_wins_over_a_count_when_both_are_given():
    figures = AutonomyFigures(**{**STRONG.__dict__, "papers_published_on_time_rate": 40})
    row = {row.key: row for row in autonomy_scorecard(figures=figures).rows}["transparency"]
    assert row.figure == 40 and row.outcome is Outcome.FAIL


def test_the_count_form_still_works_without_a_rate():
    figures = AutonomyFigures(district_id="x", papers_due=8, papers_published_on_time=8)
    row = {row.key: row for row in autonomy_scorecard(figures=figures).rows}["transparency"]
    assert row.figure == 100 and row.outcome is Outcome.PASS


@pytest.mark.parametrize("rate", [Decimal("-0.1"), Decimal("100.1")])
def test_a_rate_outside_0_to_100_is_refused(rate):
    with pytest.raises(ScorecardError) as raised:
        AutonomyFigures(district_id="x", papers_published_on_time_rate=rate)
    assert raised.value.field == "papers_published_on_time_rate"


def test_minutes_on_time_reads_the_minutes_rate_not_the_papers_rate():
    figures = AutonomyFigures(
        district_id="x",
        papers_published_on_time_rate=Decimal(100),
        minutes_published_on_time_rate=Decimal(40),
    )
    rows = {row.key: row for row in autonomy_scorecard(figures=figures).rows}
    assert rows["minutes_on_time"].name == "Minutes published on time (%)"
    assert (rows["minutes_on_time"].figure, rows["minutes_on_time"].outcome) == (40, Outcome.FAIL)
    assert (rows["transparency"].figure, rows["transparency"].outcome) == (100, Outcome.PASS)
    papers_only = AutonomyFigures(district_id="x", papers_published_on_time_rate=Decimal(100))
    rows = {row.key: row for row in autonomy_scorecard(figures=papers_only).rows}
    assert rows["minutes_on_time"].outcome is Outcome.NO_DATA


def test_commentary_sits_beside_a_figure_and_never_changes_it():
    scorecard = autonomy_scorecard(
        figures=STRONG, commentary={"local_leaders": "Two councillors were on leave."}
    )
    row = {row.key: row for row in scorecard.rows}["local_leaders"]
    assert (row.figure, row.commentary) == (80, "Two councillors were on leave.")
    with pytest.raises(ScorecardError) as raised:
        autonomy_scorecard(figures=STRONG, commentary={"vibes": "good"})
    assert raised.value.field == "commentary"


def test_devolving_part_of_a_line_leaves_the_rest_in_the_old_proportions():
    # £100 held 50/30/20; £60 devolved to a leaves £40 for b and c in 30:20.
    amounts = devolved_district_amounts(
        previous={"a": 5000, "b": 3000, "c": 2000}, district="a", amount_pence=6000,
        line_pence=10000,
    )  # fmt: skip
    assert amounts == {"a": 6000, "b": 2400, "c": 1600}
    uneven = devolved_district_amounts(
        previous={"a": 0, "b": 1, "c": 1}, district="a", amount_pence=9_999, line_pence=10_000
    )
    assert uneven == {"a": 9_999, "b": 1, "c": 0} and sum(uneven.values()) == 10_000


def test_devolving_more_than_the_line_is_refused():
    with pytest.raises(DomainError) as refused:
        devolved_district_amounts(previous={"a": 1}, district="a", amount_pence=2, line_pence=1)
    assert refused.value.field == "granted_amount_pence"
