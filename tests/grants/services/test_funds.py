"""Funds, the income paid into them, and rounds with a published scoring scheme."""

from __future__ import annotations

import pytest

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, NotFound
from coopcouncil.core.models import AuditEvent
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import FundIncome


def test_income_is_recorded_once_per_reference(fund, finance):
    first = services.fund_income_record(
        actor=finance, fund=fund, amount_pence=125_000, source="energy-finder", reference="A-1"
    )
    again = services.fund_income_record(
        actor=finance, fund=fund, amount_pence=999, source="energy-finder", reference="A-1"
    )
    assert again.pk == first.pk
    assert FundIncome.objects.get().amount_pence == 125_000
    assert AuditEvent.objects.filter(action="grants.income_recorded").count() == 1
    assert selectors.fund_money(fund).income_pence == 125_000


def test_income_from_the_platform_itself_needs_no_person(fund):
    income = services.fund_income_record(
        actor=None, fund=fund, amount_pence=500, source="energy-finder", reference="B-7"
    )
    assert income.recorded_by is None


def test_income_of_nothing_is_refused(fund, finance):
    with pytest.raises(DomainError) as refused:
        services.fund_income_record(
            actor=finance, fund=fund, amount_pence=0, source="energy-finder", reference="C"
        )
    assert refused.value.field == "amount_pence"


def test_only_finance_records_income(fund, member):
    with pytest.raises(NotAllowed):
        services.fund_income_record(
            actor=member, fund=fund, amount_pence=100, source="gift", reference="D"
        )


def test_the_community_fund_is_found_by_slug_and_by_its_flag(fund):
    assert selectors.fund_get("community-dividend-fund") == fund
    assert selectors.community_fund() == fund
    with pytest.raises(NotFound):
        selectors.fund_get("no-such-fund")


def test_a_second_community_fund_is_refused(fund, district_officer):
    with pytest.raises(Conflict):
        services.fund_create(actor=district_officer, name="Another", is_community_fund=True)


def test_a_scheme_whose_weights_do_not_sum_to_100_is_refused(make_round):
    with pytest.raises(DomainError) as refused:
        make_round(criteria=[("Outcomes", 60), ("Values", 30)])
    assert refused.value.code == "scheme_invalid"
    assert "90%" in refused.value.message


def test_a_round_records_its_criteria_in_order(grant_round):
    assert [c.weight_percent for c in grant_round.criteria.all()] == [60, 40]
