"""Bid checks, tender terms, Living Wage rates, quotations and delivery: the pure rules."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.procurement.logic.bids import BidTerms, bid_problems, quantity_read
from coopcouncil.procurement.logic.delivery import (
    chart_bars,
    contract_quarters,
    quarter_due,
    return_rows_read,
)
from coopcouncil.procurement.logic.living_wage import PUBLISHED_RATES, living_wage_rate
from coopcouncil.procurement.logic.quotations import quotation_problems
from coopcouncil.procurement.logic.terms import tender_terms_problems

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
MEASURES = frozenset({"local-fte", "carbon-saved"})


def _terms(**changes) -> BidTerms:
    values = {
        "submitted_at": NOW,
        "deadline": NOW + timedelta(hours=1),
        "price_pence": 100_000,
        "pays_real_living_wage": True,
        "accepts_local_clauses": True,
        "quantities": {"local-fte": "2"},
    }
    return BidTerms(**{**values, **changes})


def _codes(problems) -> list[str]:
    return [problem.code for problem in problems]


def test_a_bid_meeting_every_condition_has_no_problems():
    assert bid_problems(_terms(), known_measures=MEASURES) == []


def test_a_bid_after_the_deadline_is_refused():
    late = _terms(submitted_at=NOW + timedelta(hours=1, seconds=1))
    assert _codes(bid_problems(late, known_measures=MEASURES)) == ["bid_after_deadline"]


def test_a_bid_without_the_mandatory_conditions_is_refused_on_each():
    terms = _terms(pays_real_living_wage=False, accepts_local_clauses=False)
    assert _codes(bid_problems(terms, known_measures=MEASURES)) == [
        "living_wage_required",
        "local_clauses_required",
    ]


@pytest.mark.parametrize("text", ["-1", "lots", "NaN", "Infinity", "1e999", "2.555", ""])
def test_negative_or_non_numeric_quantities_are_refused(text):
    problems = bid_problems(_terms(quantities={"local-fte": text}), known_measures=MEASURES)
    assert _codes(problems) == ["quantity_invalid"]
    assert problems[0].field == "quantity_local-fte"


def test_quantities_are_read_exactly():
    assert quantity_read("12,000.50") == Decimal("12000.50")


@given(st.decimals(min_value=0, max_value=10**12 - 1, places=2, allow_nan=False))
def test_any_non_negative_two_place_decimal_is_accepted(quantity):
    assert quantity_read(str(quantity)) == quantity


def test_weights_must_sum_to_100_and_social_value_meet_the_minimum():
    problems = tender_terms_problems(
        price_weight=70,
        quality_weight=25,
        social_value_weight=5,
        minimum_social_value_weight=10,
        criteria_weights=[60, 30],
        lot_count=1,
        deadline=NOW,
        now=NOW,
    )
    assert _codes(problems) == [
        "social_value_weight_below_minimum",
        "criteria_weights_do_not_sum",
        "deadline_in_past",
    ]
    unbalanced = tender_terms_problems(
        price_weight=50,
        quality_weight=30,
        social_value_weight=10,
        minimum_social_value_weight=10,
        criteria_weights=[100],
        lot_count=0,
        deadline=NOW + timedelta(days=1),
        now=NOW,
    )
    assert _codes(unbalanced) == ["weights_do_not_sum", "lots_required"]


def test_the_living_wage_rate_in_force_is_the_latest_that_took_effect():
    assert living_wage_rate(PUBLISHED_RATES, date(2024, 10, 21)) is None
    assert living_wage_rate(PUBLISHED_RATES, date(2025, 6, 1)).for_area("uk") == 1260
    rate = living_wage_rate(PUBLISHED_RATES, date(2025, 10, 22))
    assert (rate.for_area("uk"), rate.for_area("london")) == (1345, 1480)


def test_quotation_awards_need_three_quotes_or_a_reason_and_stay_under_the_limit():
    assert (
        quotation_problems(
            value_pence=900_000,
            threshold_pence=2_500_000,
            quotes_pence=[900_000, 1_000_000, 1_100_000],
            winning_quote_pence=900_000,
            reason="",
            is_supplier_local=True,
        )
        == []
    )
    problems = quotation_problems(
        value_pence=3_000_000,
        threshold_pence=2_500_000,
        quotes_pence=[3_000_000],
        winning_quote_pence=3_000_000,
        reason=" ",
        is_supplier_local=True,
    )
    assert _codes(problems) == ["above_delegated_limit", "quotes_required"]
    with_reason = quotation_problems(
        value_pence=900_000,
        threshold_pence=2_500_000,
        quotes_pence=[900_000],
        winning_quote_pence=900_000,
        reason="The only youth provider in the ward.",
        is_supplier_local=True,
    )
    assert with_reason == []


def test_a_quotation_award_goes_only_to_a_local_supplier():
    problems = quotation_problems(
        value_pence=900_000,
        threshold_pence=2_500_000,
        quotes_pence=[900_000, 1_000_000, 1_100_000],
        winning_quote_pence=900_000,
        reason="",
        is_supplier_local=False,
    )
    assert [(p.code, p.field) for p in problems] == [("supplier_not_local", "supplier")]


def test_a_contract_runs_through_each_calendar_quarter_it_touches():
    assert contract_quarters(date(2026, 4, 1), date(2027, 3, 31)) == [
        (2026, 2),
        (2026, 3),
        (2026, 4),
        (2027, 1),
    ]
    assert quarter_due(Decimal(52), 4) == Decimal("13.00")


def test_a_return_file_with_a_bad_row_reports_every_problem_by_row():
    text = "measure,delivered,evidence\nlocal-fte,-2,payroll\nnot-ours,1,\nlocal-fte,1,\n"
    rows, problems = return_rows_read(text, measures={"local-fte": "Local FTE"})
    assert [(row, p.code) for row, p in problems] == [
        (2, "quantity_invalid"),
        (3, "measure_not_committed"),
        (4, "measure_repeated"),
    ]
    assert rows == []


def test_a_return_file_must_cover_every_commitment():
    text = "measure,delivered\nlocal-fte,1\n"
    rows, problems = return_rows_read(text, measures={"local-fte": "FTE", "carbon": "Carbon"})
    assert [p.code for _, p in problems] == ["measure_missing"]


def test_the_largest_bar_spans_the_chart():
    bars = chart_bars([("A", 100, 50), ("B", 200, 0)], width=400)
    assert [(b.promised_width, b.delivered_width) for b in bars] == [(200, 100), (400, 0)]
