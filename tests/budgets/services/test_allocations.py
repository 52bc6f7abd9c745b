"""Budget lines, formulas, scenario saves and adoption: permission, validation, versions, audit."""

from decimal import Decimal

import pytest

from coopcouncil.budgets.models import Allocation, AllocationRow, ServiceBudgetLine
from coopcouncil.budgets.services import (
    allocation_adopt,
    allocation_save_scenario,
    budget_line_create,
    formula_create,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.places.models import Ward


def test_a_finance_officer_creates_a_line_and_it_is_audited(line):
    assert ServiceBudgetLine.objects.get(slug="youth-service").amount_pence == 120_000_000
    assert AuditEvent.objects.filter(action="budgets.line_created", target_id=str(line.pk)).exists()


def test_creating_the_same_line_again_returns_it_and_a_different_one_conflicts(finance, line):
    again = budget_line_create(
        actor=finance, name="Youth Service", slug="youth-service", financial_year="2026/27",
        amount_pence=120_000_000,
    )  # fmt: skip
    assert again.pk == line.pk
    with pytest.raises(Conflict) as error:
        budget_line_create(
            actor=finance, name="Youth", slug="youth-service", financial_year="2026/27",
            amount_pence=1,
        )  # fmt: skip
    assert error.value.field == "slug"


def test_a_councillor_may_not_create_a_line(councillor, places):
    with pytest.raises(NotAllowed):
        budget_line_create(
            actor=councillor, name="X", slug="x", financial_year="2026/27", amount_pence=1
        )
    assert not ServiceBudgetLine.objects.exists()


def test_a_financial_year_must_read_like_2026_27(finance, places):
    with pytest.raises(DomainError) as error:
        budget_line_create(
            actor=finance, name="X", slug="x", financial_year="2026/28", amount_pence=1
        )
    assert error.value.code == "financial_year_invalid" and error.value.field == "financial_year"


def test_weights_not_adding_up_to_100_are_refused_on_the_weights_field(finance, line):
    with pytest.raises(DomainError) as error:
        formula_create(
            actor=finance, line=line, name="Bad", equal_share_percent=50, population_percent=40
        )
    assert error.value.code == "formula_invalid" and error.value.field == "weights"
    assert not line.formulas.exists()


def test_an_unknown_need_figure_is_refused_on_its_field(finance, line):
    with pytest.raises(DomainError) as error:
        formula_create(
            actor=finance, line=line, name="Bad", need_percent=100, need_indicator="shoe_size"
        )
    assert error.value.field == "need_indicator"


def test_weights_with_more_than_two_decimal_places_are_refused(finance, line):
    with pytest.raises(DomainError) as error:
        formula_create(
            actor=finance, line=line, name="Thirds", equal_share_percent=Decimal("33.333"),
            population_percent=Decimal("33.333"), need_percent=Decimal("33.334"),
            need_indicator="imd_score",
        )  # fmt: skip
    assert error.value.field == "equal_share_percent"


def test_adopting_publishes_version_1_with_rows_that_add_up_to_the_line(finance, need_formula):
    allocation = allocation_adopt(actor=finance, formula=need_formula, note="Cabinet 1 March")
    assert (allocation.kind, allocation.version) == ("adopted", 1)
    assert allocation.published_at is not None
    districts = AllocationRow.objects.filter(allocation=allocation, ward__isnull=True)
    wards = AllocationRow.objects.filter(allocation=allocation, ward__isnull=False)
    assert districts.count() == 6 and wards.count() == Ward.objects.count()
    assert sum(r.amount_pence for r in districts) == 120_000_000
    assert sum(r.amount_pence for r in wards) == 120_000_000
    row = wards.first()
    terms = [line["term"] for line in row.explanation["lines"]]
    assert terms == ["equal_share", "population", "need", "ring_fence", "rounding"]
    assert sum(line["pence"] for line in row.explanation["lines"]) == row.amount_pence
    assert AuditEvent.objects.filter(action="budgets.allocation_adopted").count() == 1


def test_adopting_again_the_same_formula_returns_the_version_in_force(finance, need_formula):
    first = allocation_adopt(actor=finance, formula=need_formula)
    assert allocation_adopt(actor=finance, formula=need_formula).pk == first.pk
    assert Allocation.objects.filter(kind="adopted").count() == 1


def test_adopting_another_formula_publishes_version_2_and_keeps_version_1(
    finance, need_formula, equal_formula
):
    first = allocation_adopt(actor=finance, formula=need_formula)
    second = allocation_adopt(actor=finance, formula=equal_formula)
    assert second.version == 2
    first.refresh_from_db()
    assert first.formula_snapshot["need_indicator"] == "imd_score"
    assert first.rows.count() == second.rows.count()


def test_a_published_allocation_keeps_the_figures_it_used(finance, need_formula, ward):
    allocation = allocation_adopt(actor=finance, formula=need_formula)
    before = allocation.rows.get(ward=ward).amount_pence
    Ward.objects.filter(pk=ward.pk).update(imd_score=Decimal("1.00"))
    allocation.refresh_from_db()
    assert allocation.rows.get(ward=ward).amount_pence == before
    assert allocation.ward_figures[ward.code]["imd_score"] != "1.00"


def test_only_finance_may_adopt(councillor, need_formula):
    with pytest.raises(NotAllowed):
        allocation_adopt(actor=councillor, formula=need_formula)
    assert not Allocation.objects.exists()


def test_a_saved_scenario_is_not_versioned_or_published(finance, equal_formula):
    scenario = allocation_save_scenario(actor=finance, formula=equal_formula)
    assert scenario.kind == "scenario" and scenario.version is None
    assert scenario.published_at is None
    assert allocation_save_scenario(actor=finance, formula=equal_formula).pk == scenario.pk
