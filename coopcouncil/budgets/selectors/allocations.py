"""Reads for budget lines, formulas and allocations, and the bridge from models to the logic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from coopcouncil.budgets.logic.allocation import Allocation as AllocationResult
from coopcouncil.budgets.logic.allocation import Formula, WardFigures, allocate_budget_line
from coopcouncil.budgets.logic.formula import FormulaError
from coopcouncil.budgets.logic.scenarios import Scenario, ScenarioComparison, compare_scenarios
from coopcouncil.budgets.models import (
    WARD_INDICATORS,
    Allocation,
    AllocationFormula,
    AllocationRow,
    ServiceBudgetLine,
)
from coopcouncil.core.errors import NotFound
from coopcouncil.places.models import District, Ward


def ward_figures_for_formulas() -> list[WardFigures]:
    """Every ward's published figures, keyed by ward code and district slug, as the logic reads."""
    return [
        WardFigures(
            ward_id=ward.code,
            district_id=ward.district.slug,
            population=ward.population,
            figures={name: getattr(ward, name) for name in WARD_INDICATORS},
        )
        for ward in Ward.objects.select_related("district").order_by("code")
    ]


def formula_from_values(values: dict) -> Formula:
    """A logic ``Formula`` from model fields or a JSON formula file (strings become Decimals).

    Raises ``FormulaError`` naming the field for a value that is not a number or an unknown
    ward figure.
    """
    numbers: dict[str, Decimal] = {}
    for name in ("equal_share_percent", "population_percent", "need_percent", "ring_fence_percent"):
        value = values.get(name, 0)
        number = _finite_number(value)
        if number is None:
            raise FormulaError(name, f"{name} must be a number, not {value!r}.")
        numbers[name] = number
    indicators: dict[str, str | None] = {}
    for name in ("need_indicator", "ring_fence_indicator"):
        indicator = values.get(name) or None
        if indicator is not None and indicator not in WARD_INDICATORS:
            known = ", ".join(WARD_INDICATORS)
            raise FormulaError(name, f"There is no ward figure '{indicator}'; use one of {known}.")
        indicators[name] = indicator
    return Formula(
        equal_share_percent=numbers["equal_share_percent"],
        population_percent=numbers["population_percent"],
        need_percent=numbers["need_percent"],
        ring_fence_percent=numbers["ring_fence_percent"],
        need_indicator=indicators["need_indicator"],
        ring_fence_indicator=indicators["ring_fence_indicator"],
    )


def _finite_number(value: object) -> Decimal | None:
    """``value`` as a finite Decimal, or None (a flag is not a number)."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def formula_logic(formula: AllocationFormula) -> Formula:
    return formula_from_values(formula.as_dict())


def line_list(*, financial_year: str = "") -> QuerySet[ServiceBudgetLine]:
    lines = ServiceBudgetLine.objects.all()
    return lines.filter(financial_year=financial_year) if financial_year else lines


def line_get(slug_or_id: str | int) -> ServiceBudgetLine:
    """A line by its slug or its number; ``NotFound`` on the field ``line`` otherwise."""
    lines = ServiceBudgetLine.objects.all()
    line = lines.filter(slug=str(slug_or_id)).first()
    if line is None and str(slug_or_id).isdigit():
        line = lines.filter(pk=int(slug_or_id)).first()
    if line is None:
        raise NotFound("line_not_found", f"There is no budget line '{slug_or_id}'.", "line")
    return line


def formula_list(line: ServiceBudgetLine) -> QuerySet[AllocationFormula]:
    return line.formulas.order_by("created_at", "id")


def formula_get(formula_id: int) -> AllocationFormula:
    formula = AllocationFormula.objects.select_related("line").filter(pk=formula_id).first()
    if formula is None:
        raise NotFound("formula_not_found", f"There is no formula {formula_id}.", "formula")
    return formula


def allocation_compute(line: ServiceBudgetLine, formula: Formula) -> AllocationResult:
    """Run a formula over a line and today's ward figures (nothing is stored)."""
    return allocate_budget_line(
        amount_pence=line.amount_pence, formula=formula, wards=ward_figures_for_formulas()
    )


@dataclass(frozen=True)
class ComparisonView:
    """A scenario comparison with district names, ready for the table and the bar chart."""

    line: ServiceBudgetLine
    formulas: tuple[AllocationFormula, ...]
    comparison: ScenarioComparison
    district_names: dict[str, str]
    max_pence: int

    def chart_rows(self) -> list[dict]:
        """One row per district: each scenario's amount and its bar width in percent."""
        rows = []
        for row in self.comparison.districts:
            bars = [
                {
                    "name": name,
                    "pence": amount,
                    "width": round(100 * amount / self.max_pence, 1) if self.max_pence else 0,
                }
                for name, amount in zip(
                    self.comparison.scenario_names, row.amounts_pence, strict=True
                )
            ]
            rows.append(
                {"district": self.district_names.get(row.area_id, row.area_id), "row": row,
                 "bars": bars}
            )  # fmt: skip
        return rows


def scenario_comparison(
    line: ServiceBudgetLine, formulas: Sequence[AllocationFormula]
) -> ComparisonView:
    """Compare two or more of a line's formulas district by district; the first is the baseline."""
    comparison = compare_scenarios(
        amount_pence=line.amount_pence,
        wards=ward_figures_for_formulas(),
        scenarios=[Scenario(f.name, formula_logic(f)) for f in formulas],
    )
    names = dict(District.objects.values_list("slug", "name"))
    max_pence = max((max(row.amounts_pence) for row in comparison.districts), default=0)
    return ComparisonView(line, tuple(formulas), comparison, names, max_pence)


def _allocations_with_rows() -> QuerySet[Allocation]:
    """Allocations with their line, formula and every district and ward row."""
    return Allocation.objects.select_related("line", "formula").prefetch_related(
        Prefetch("rows", queryset=AllocationRow.objects.select_related("district", "ward"))
    )


def allocation_get(allocation_id: int) -> Allocation:
    allocation = _allocations_with_rows().filter(pk=allocation_id).first()
    if allocation is None:
        raise NotFound(
            "allocation_not_found", f"There is no allocation {allocation_id}.", "allocation"
        )
    return allocation


def allocation_list(*, line: ServiceBudgetLine | None = None, kind: str = "") -> QuerySet:
    allocations = Allocation.objects.select_related("line")
    if line is not None:
        allocations = allocations.filter(line=line)
    if kind:
        allocations = allocations.filter(kind=kind)
    return allocations.order_by("line__name", "-version", "-created_at")


def allocation_current(line: ServiceBudgetLine) -> Allocation | None:
    """The line's latest adopted version with its rows, or None before anything is adopted."""
    adopted = _allocations_with_rows().filter(line=line, kind=Allocation.Kind.ADOPTED)
    return adopted.order_by("-version").first()


def current_allocation_ids() -> list[int]:
    latest: dict[int, int] = {}
    adopted = Allocation.objects.filter(kind=Allocation.Kind.ADOPTED).order_by("-version")
    for allocation_id, line_id in adopted.values_list("pk", "line_id"):
        latest.setdefault(line_id, allocation_id)
    return list(latest.values())


def current_allocations() -> QuerySet[Allocation]:
    """The latest adopted version of every line, with district and ward rows."""
    return (
        Allocation.objects.filter(pk__in=current_allocation_ids())
        .select_related("line")
        .prefetch_related(
            Prefetch("rows", queryset=AllocationRow.objects.select_related("district", "ward"))
        )
        .order_by("line__name")
    )


def ward_allocation_rows(
    *, district: District | None = None, ward: Ward | None = None
) -> list[AllocationRow]:
    """Each ward's share in the latest adopted allocation of every line devolved on to wards."""
    rows = AllocationRow.objects.filter(
        allocation_id__in=current_allocation_ids(),
        allocation__line__is_devolved_to_wards=True,
        ward__isnull=False,
    )
    if district is not None:
        rows = rows.filter(district=district)
    if ward is not None:
        rows = rows.filter(ward=ward)
    return list(
        rows.select_related("allocation__line", "ward").order_by(
            "allocation__line__name", "ward__name"
        )
    )


def district_allocation_rows(district: District) -> list[AllocationRow]:
    """The district's amount in the latest adopted allocation of every line."""
    return list(
        AllocationRow.objects.filter(
            allocation_id__in=current_allocation_ids(), district=district, ward__isnull=True
        )
        .select_related("allocation__line")
        .order_by("allocation__line__name")
    )
