"""Ward budgets: only the eligible councillor allocates, never below zero, district team decides."""

import threading

import pytest
from django.db import connection

from coopcouncil.budgets.models import WardBudget, WardBudgetAllocation
from coopcouncil.budgets.selectors import councillor_allocated_pence
from coopcouncil.budgets.services import (
    ward_allocation_decide,
    ward_budget_allocate,
    ward_budgets_open,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent


def _allocate(ward_budget, councillor, amount, **extra):
    extra.setdefault("recipient_project", "Bulb planting on Rochdale Road")
    return ward_budget_allocate(
        actor=councillor, ward_budget=ward_budget, amount_pence=amount, purpose="Bulbs", **extra
    )


def test_opening_the_year_gives_every_councillor_the_set_amount_once(ward_budget, finance):
    assert ward_budget.amount_pence == 330_000
    assert ward_budgets_open(actor=finance, financial_year="2026/27") == 0
    assert WardBudget.objects.count() == 1


def test_the_amount_is_a_setting(settings, councillor, finance):
    settings.COOPCOUNCIL_WARD_BUDGET_PENCE = 500_000
    ward_budgets_open(actor=finance, financial_year="2027/28")
    assert WardBudget.objects.get(financial_year="2027/28").amount_pence == 500_000


def test_an_eligible_councillor_allocates_and_it_waits_for_the_district(ward_budget, councillor):
    allocation = _allocate(ward_budget, councillor, 100_000)
    assert allocation.status == "pending"
    assert AuditEvent.objects.filter(action="budgets.ward_allocation_proposed").exists()


def test_a_councillor_who_missed_the_local_leaders_programme_may_not_allocate(
    ward_budget, councillor, programme_without_attendance
):
    with pytest.raises(NotAllowed) as error:
        _allocate(ward_budget, councillor, 100_000)
    assert "Local Leaders Programme" in error.value.message
    assert not WardBudgetAllocation.objects.exists()


def test_another_councillor_may_not_spend_someone_elses_budget(ward_budget, make_role, ward):
    colleague = make_role("councillor", ward=ward)
    with pytest.raises(NotAllowed):
        _allocate(ward_budget, colleague, 100)


def test_an_allocation_beyond_what_is_left_is_refused(ward_budget, councillor):
    _allocate(ward_budget, councillor, 300_000)
    with pytest.raises(DomainError) as error:
        _allocate(ward_budget, councillor, 30_001)
    assert error.value.code == "amount_exceeds_remaining" and error.value.field == "amount_pence"


def test_without_a_ward_poll_an_allocation_claims_no_residents_choice(ward_budget, councillor):
    allocation = _allocate(ward_budget, councillor, 100, councillor_reason="Asked at surgery")
    assert not allocation.is_override_of_residents_choice
    assert allocation.ward_poll_option is None
    assert allocation.councillor_reason == "Asked at surgery"


def test_partner_co_funding_is_recorded_beside_the_council_money(ward_budget, councillor):
    allocation = _allocate(
        ward_budget, councillor, 100_000, partner_name="First Choice Homes",
        partner_co_funding_pence=50_000,
    )  # fmt: skip
    assert (allocation.amount_pence, allocation.partner_co_funding_pence) == (100_000, 50_000)


def test_a_recipient_must_be_a_community_group_or_a_named_project(
    ward_budget, councillor, community_group
):
    with pytest.raises(DomainError) as error:
        _allocate(ward_budget, councillor, 100, recipient_project="")
    assert error.value.code == "recipient_required"
    allocation = _allocate(
        ward_budget, councillor, 100, recipient_project="", recipient_organisation=community_group
    )
    assert allocation.recipient_name == "Coldhurst Women's Network"


def test_the_district_team_approves_and_it_counts_for_the_annual_report(
    ward_budget, councillor, district_team
):
    allocation = _allocate(ward_budget, councillor, 100_000)
    ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)
    assert councillor_allocated_pence(councillor, "2026/27") == 100_000
    assert councillor_allocated_pence(councillor, 2026) == 100_000
    assert AuditEvent.objects.filter(action="budgets.ward_allocation_approved").exists()
    again = ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=True)
    assert again.status == "approved"
    with pytest.raises(Conflict):
        ward_allocation_decide(
            actor=district_team, allocation=allocation, is_approved=False, reason="No"
        )


def test_a_refusal_needs_a_reason_and_frees_the_money(ward_budget, councillor, district_team):
    allocation = _allocate(ward_budget, councillor, 330_000)
    with pytest.raises(DomainError) as error:
        ward_allocation_decide(actor=district_team, allocation=allocation, is_approved=False)
    assert error.value.field == "reason"
    ward_allocation_decide(
        actor=district_team, allocation=allocation, is_approved=False, reason="Not in the ward"
    )
    assert _allocate(ward_budget, councillor, 330_000).status == "pending"


def test_another_districts_team_may_not_decide(ward_budget, councillor, make_role, other_ward):
    allocation = _allocate(ward_budget, councillor, 100)
    outsider = make_role("officer", team="district_team", district=other_ward.district)
    with pytest.raises(NotAllowed):
        ward_allocation_decide(actor=outsider, allocation=allocation, is_approved=True)


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_take_the_budget_below_zero(places, make_role, ward, finance):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises every write anyway")
    councillor = make_role("councillor", ward=ward)
    ward_budgets_open(actor=finance, financial_year="2026/27")
    ward_budget = WardBudget.objects.get(councillor=councillor)
    barrier = threading.Barrier(4)
    outcomes = []

    def attempt():
        barrier.wait()
        try:
            _allocate(ward_budget, councillor, 100_000)
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["amount_exceeds_remaining", "ok", "ok", "ok"]
    total = sum(a.amount_pence for a in WardBudgetAllocation.objects.all())
    assert total == 300_000 <= ward_budget.amount_pence
