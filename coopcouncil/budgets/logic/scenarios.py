"""Compare formulas for the same budget line side by side, district by district.

Before a formula goes to Cabinet, finance officers and district partnerships look at what each
option would give every district and how far it moves money from the current formula (the
first scenario, the baseline). Each row carries every scenario's amount and its difference from
the baseline in pence, ready for a table or a grouped bar chart.

Example: a line of £10,000.00 over districts A (1 ward, 1,000 people) and B (1 ward, 3,000
people); "equal" gives A £5,000 and B £5,000, "population" gives A £2,500 (−£2,500) and B £7,500
(+£2,500).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coopcouncil.budgets.logic.allocation import Allocation, allocate_budget_line
from coopcouncil.budgets.logic.formula import Formula, FormulaError, WardFigures
from coopcouncil.core.money import format_pence

__all__ = ["Scenario", "ScenarioComparison", "ScenarioRow", "compare_scenarios"]


@dataclass(frozen=True)
class Scenario:
    """A named formula to try, e.g. ``Scenario("Current formula", Formula(...))``."""

    name: str
    formula: Formula


@dataclass(frozen=True)
class ScenarioRow:
    """One district (or ward): each scenario's amount and its difference from the baseline."""

    area_id: str
    amounts_pence: tuple[int, ...]
    differences_pence: tuple[int, ...]

    @property
    def amounts_pounds(self) -> tuple[str, ...]:
        return tuple(format_pence(amount) for amount in self.amounts_pence)

    @property
    def differences_pounds(self) -> tuple[str, ...]:
        """Signed, so a chart label reads "+£2,500.00" or "-£2,500.00"."""
        return tuple(
            ("+" if difference > 0 else "") + format_pence(difference)
            for difference in self.differences_pence
        )

    @property
    def differences_percent(self) -> tuple[Decimal | None, ...]:
        """Change from the baseline in percent to one place; ``None`` when the baseline is 0."""
        baseline = self.amounts_pence[0]
        if not baseline:
            return tuple(None for _ in self.differences_pence)
        return tuple(
            _one_place(Fraction(100 * difference, baseline))
            for difference in self.differences_pence
        )


@dataclass(frozen=True)
class ScenarioComparison:
    """Every scenario's allocation of one line; ``districts`` and ``wards`` rows sorted by id."""

    amount_pence: int
    scenario_names: tuple[str, ...]
    districts: tuple[ScenarioRow, ...]
    wards: tuple[ScenarioRow, ...]
    allocations: tuple[Allocation, ...]

    def series(self) -> dict[str, list[int]]:
        """Scenario name → district amounts in pence, in ``districts`` order, for a chart."""
        return {
            name: [row.amounts_pence[i] for row in self.districts]
            for i, name in enumerate(self.scenario_names)
        }


def _one_place(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"))


def _rows(area_ids: Iterable[str], amounts: Sequence[dict[str, int]]) -> tuple[ScenarioRow, ...]:
    rows = []
    for area_id in area_ids:
        row = tuple(scenario.get(area_id, 0) for scenario in amounts)
        rows.append(ScenarioRow(area_id, row, tuple(amount - row[0] for amount in row)))
    return tuple(rows)


def compare_scenarios(
    *, amount_pence: int, wards: Iterable[WardFigures], scenarios: Sequence[Scenario]
) -> ScenarioComparison:
    """Allocate one line by each scenario's formula and line the results up by district.

    The first scenario is the baseline. Raises ``FormulaError`` (field ``scenarios``) for fewer
    than two scenarios or a repeated name, and the allocation's own ``FormulaError`` for a bad
    formula, with the scenario's name in the message.
    """
    if len(scenarios) < 2:
        raise FormulaError("scenarios", "Compare at least two formulas.")
    names = tuple(scenario.name for scenario in scenarios)
    if len(set(names)) != len(names):
        raise FormulaError("scenarios", "Give each scenario a different name.")
    wards = list(wards)
    allocations = []
    for scenario in scenarios:
        try:
            allocations.append(
                allocate_budget_line(
                    amount_pence=amount_pence, formula=scenario.formula, wards=wards
                )
            )
        except FormulaError as error:
            field = error.field or "scenarios"
            raise FormulaError(field, f"{scenario.name}: {error.message}") from error
    first = allocations[0]
    return ScenarioComparison(
        amount_pence=amount_pence,
        scenario_names=names,
        districts=_rows(
            (d.district_id for d in first.districts),
            [{d.district_id: d.allocation_pence for d in a.districts} for a in allocations],
        ),
        wards=_rows(
            (w.ward_id for w in first.wards),
            [{w.ward_id: w.allocation_pence for w in a.wards} for a in allocations],
        ),
        allocations=tuple(allocations),
    )
