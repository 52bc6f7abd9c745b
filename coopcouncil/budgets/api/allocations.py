"""Endpoints for budget lines, formulas, scenario comparisons and adopted allocations.

Reading is public (the formula and every allocation are published); writing needs a finance
officer's session.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.security import django_auth

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import Allocation, AllocationFormula, ServiceBudgetLine
from coopcouncil.core.errors import DomainError

router = Router(tags=["budgets: allocations"])


class LineIn(Schema):
    name: str
    slug: str
    financial_year: str
    amount_pence: int
    description: str = ""
    is_devolved_to_wards: bool = False


class LineOut(Schema):
    id: int
    slug: str
    name: str
    financial_year: str
    amount_pence: int
    description: str
    is_devolved_to_wards: bool


class WardDevolutionIn(Schema):
    is_devolved_to_wards: bool


class FormulaIn(Schema):
    name: str
    equal_share_percent: Decimal = Decimal(0)
    population_percent: Decimal = Decimal(0)
    need_percent: Decimal = Decimal(0)
    need_indicator: str | None = None
    ring_fence_percent: Decimal = Decimal(0)
    ring_fence_indicator: str | None = None
    ring_fence_purpose: str = ""


class FormulaOut(Schema):
    id: int
    line: str
    name: str
    equal_share_percent: Decimal
    population_percent: Decimal
    need_percent: Decimal
    need_indicator: str
    ring_fence_percent: Decimal
    ring_fence_indicator: str
    ring_fence_purpose: str

    @staticmethod
    def resolve_line(formula: AllocationFormula) -> str:
        return formula.line.slug


class AdoptIn(Schema):
    note: str = ""


class ExplanationLineOut(Schema):
    term: str
    label: str
    reason: str
    pence: int


class RowOut(Schema):
    district: str
    ward: str | None
    amount_pence: int
    explanation: list[ExplanationLineOut]


class AllocationOut(Schema):
    id: int
    line: str
    kind: str
    version: int | None
    formula_name: str
    formula: dict
    amount_pence: int
    note: str
    published_at: datetime | None


class AllocationDetailOut(AllocationOut):
    districts: list[RowOut]
    wards: list[RowOut]


class ScenarioRowOut(Schema):
    district: str
    amounts_pence: list[int]
    differences_pence: list[int]


class ComparisonOut(Schema):
    line: str
    amount_pence: int
    scenarios: list[str]
    districts: list[ScenarioRowOut]


def _allocation_out(allocation: Allocation) -> dict:
    return {
        "id": allocation.pk,
        "line": allocation.line.slug,
        "kind": allocation.kind,
        "version": allocation.version,
        "formula_name": allocation.formula_name,
        "formula": allocation.formula_snapshot,
        "amount_pence": allocation.amount_pence,
        "note": allocation.note,
        "published_at": allocation.published_at,
    }


def _row_out(row) -> dict:
    return {
        "district": row.district.slug,
        "ward": row.ward.code if row.ward_id else None,
        "amount_pence": row.amount_pence,
        "explanation": row.explanation["lines"],
    }


@router.get("/lines", response=list[LineOut], summary="Service budget lines")
def line_list(request: HttpRequest, financial_year: str = ""):
    return selectors.line_list(financial_year=financial_year)


@router.post("/lines", response={201: LineOut}, auth=django_auth, summary="Create a line")
def line_create(request: HttpRequest, payload: LineIn):
    return 201, services.budget_line_create(actor=request.user, **payload.dict())


@router.post(
    "/lines/{line}/ward-devolution",
    response=LineOut,
    auth=django_auth,
    summary="Say whether the line's ward shares are held by the wards or their districts",
)
def line_ward_devolution(request: HttpRequest, line: str, payload: WardDevolutionIn):
    return services.budget_line_devolve_to_wards(
        actor=request.user,
        line=selectors.line_get(line),
        is_devolved_to_wards=payload.is_devolved_to_wards,
    )


@router.get("/lines/{line}", response=LineOut, summary="One line, by slug or number")
def line_detail(request: HttpRequest, line: str):
    return selectors.line_get(line)


@router.get("/lines/{line}/formulas", response=list[FormulaOut], summary="A line's formulas")
def formula_list(request: HttpRequest, line: str):
    return selectors.formula_list(selectors.line_get(line)).select_related("line")


@router.post(
    "/lines/{line}/formulas",
    response={201: FormulaOut},
    auth=django_auth,
    summary="Add a formula to a line (weights must add up to 100)",
)
def formula_create(request: HttpRequest, line: str, payload: FormulaIn):
    return 201, services.formula_create(
        actor=request.user, line=selectors.line_get(line), **payload.dict()
    )


class CompareQuery(Schema):
    formula: list[int]


@router.get(
    "/lines/{line}/scenarios/compare",
    response=ComparisonOut,
    summary="Compare formulas district by district (the first is the baseline)",
)
def scenario_compare(request: HttpRequest, line: str, query: Query[CompareQuery]):
    budget_line: ServiceBudgetLine = selectors.line_get(line)
    formulas = [selectors.formula_get(formula_id) for formula_id in query.formula]
    if any(formula.line_id != budget_line.pk for formula in formulas):
        raise DomainError("formula_other_line", "Compare formulas of this line only.", "formula")
    view = selectors.scenario_comparison(budget_line, formulas)
    return {
        "line": budget_line.slug,
        "amount_pence": budget_line.amount_pence,
        "scenarios": list(view.comparison.scenario_names),
        "districts": [
            {
                "district": row.area_id,
                "amounts_pence": list(row.amounts_pence),
                "differences_pence": list(row.differences_pence),
            }
            for row in view.comparison.districts
        ],
    }


@router.post(
    "/formulas/{formula_id}/adopt",
    response={201: AllocationOut},
    auth=django_auth,
    summary="Adopt a formula: publish the line's next allocation version",
)
def allocation_adopt(request: HttpRequest, formula_id: int, payload: AdoptIn):
    allocation = services.allocation_adopt(
        actor=request.user, formula=selectors.formula_get(formula_id), note=payload.note
    )
    return 201, _allocation_out(allocation)


@router.post(
    "/formulas/{formula_id}/scenario",
    response={201: AllocationOut},
    auth=django_auth,
    summary="Keep a formula's allocation as a scenario (not adopted)",
)
def allocation_save_scenario(request: HttpRequest, formula_id: int):
    allocation = services.allocation_save_scenario(
        actor=request.user, formula=selectors.formula_get(formula_id)
    )
    return 201, _allocation_out(allocation)


@router.get("/allocations", response=list[AllocationOut], summary="Allocations, newest first")
def allocation_list(request: HttpRequest, line: str = "", kind: str = ""):
    budget_line = selectors.line_get(line) if line else None
    return [_allocation_out(a) for a in selectors.allocation_list(line=budget_line, kind=kind)]


@router.get(
    "/allocations/{allocation_id}",
    response=AllocationDetailOut,
    summary="An allocation with every district and ward amount and its explanation",
)
def allocation_detail(request: HttpRequest, allocation_id: int):
    allocation = selectors.allocation_get(allocation_id)
    rows = list(allocation.rows.all())
    return {
        **_allocation_out(allocation),
        "districts": [_row_out(row) for row in rows if row.ward_id is None],
        "wards": [_row_out(row) for row in rows if row.ward_id is not None],
    }
