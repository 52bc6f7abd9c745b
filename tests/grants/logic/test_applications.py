"""The checks before submission and the award limit."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.grants.logic.applications import (
    ApplicationFacts,
    RoundRules,
    award_problem,
    is_report_late,
    match_funding_needed,
    submission_problems,
)

RULES = RoundRules(
    opens_at=datetime(2026, 1, 1, tzinfo=UTC),
    closes_at=datetime(2026, 3, 1, tzinfo=UTC),
    eligible_kinds=("community_group",),
    district_id=1,
    max_award_pence=2_500_000,
    match_funding_percent=10,
)


def _facts(**changes) -> ApplicationFacts:
    fields = {
        "title": "Hydro",
        "project": "A turbine",
        "outcomes": "Cheaper power",
        "amount_pence": 1_000_000,
        "budget_line_pence": [600_000, 400_000],
        "match_funding_pence": 100_000,
        "organisation_kind": "community_group",
        "ward_district_id": 1,
    }
    fields.update(changes)
    return ApplicationFacts(**fields)


def test_a_complete_application_has_no_problems():
    assert submission_problems(RULES, _facts()) == []


def test_a_ward_in_another_district_is_refused():
    assert [p.code for p in submission_problems(RULES, _facts(ward_district_id=2))] == [
        "ward_other_district"
    ]


def test_match_funding_is_rounded_up_to_the_penny():
    assert match_funding_needed(1_001, 10) == 101


@given(
    amount=st.integers(1, 10**7),
    asked=st.integers(1, 10**7),
    round_amount=st.integers(1, 10**8),
    so_far=st.integers(0, 10**8),
)
def test_an_allowed_award_never_takes_the_round_over_its_amount(
    amount, asked, round_amount, so_far
):
    if (
        award_problem(
            amount_pence=amount,
            asked_pence=asked,
            round_amount_pence=round_amount,
            awarded_so_far_pence=so_far,
        )
        is None
    ):
        assert so_far + amount <= round_amount
        assert amount <= asked


def test_a_report_is_late_only_after_its_due_date_and_grace():
    due = date(2027, 10, 1)
    assert not is_report_late(due_on=due, submitted_on=None, today=due, grace_days=0)
    assert is_report_late(due_on=due, submitted_on=None, today=date(2027, 10, 2), grace_days=0)
    assert not is_report_late(due_on=due, submitted_on=None, today=date(2027, 10, 2), grace_days=3)
    assert is_report_late(due_on=due, submitted_on=date(2027, 10, 5), today=due, grace_days=0)
