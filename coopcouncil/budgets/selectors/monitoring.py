"""Reads for budget monitoring: budget, commitments, spend and variance per district and line.

The budget of a district for a line is its amount in the line's latest adopted allocation.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db.models import Sum

from coopcouncil.budgets.logic.monitoring import (
    BudgetPosition,
    QuarterSpend,
    SpendRow,
    Variance,
    budget_variances,
    spend_by_quarter,
)
from coopcouncil.budgets.models import (
    AllocationRow,
    Commitment,
    ServiceBudgetLine,
    SpendImport,
    SpendRecord,
)
from coopcouncil.budgets.selectors.allocations import current_allocation_ids
from coopcouncil.core.money import format_pence
from coopcouncil.places.models import District


def financial_years() -> list[str]:
    """Years that have budget lines, latest first."""
    years = ServiceBudgetLine.objects.values_list("financial_year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def _spend_rows(lines: list[ServiceBudgetLine]) -> list[SpendRow]:
    records = SpendRecord.objects.filter(line__in=lines).select_related("district", "line")
    return [
        SpendRow(
            row_number=record.pk,
            spent_on=record.spent_on,
            district_code=record.district.slug,
            line_code=record.line.slug,
            amount_pence=record.amount_pence,
            description=record.description,
            reference=record.reference,
        )
        for record in records
    ]


def _positions(lines: list[ServiceBudgetLine]) -> list[BudgetPosition]:
    budgets = AllocationRow.objects.filter(
        allocation_id__in=current_allocation_ids(),
        allocation__line__in=lines,
        ward__isnull=True,
    ).values_list("district__slug", "allocation__line__slug", "amount_pence")
    positions = [BudgetPosition(d, line, amount) for d, line, amount in budgets]
    committed = (
        Commitment.objects.filter(line__in=lines)
        .values_list("district__slug", "line__slug")
        .annotate(total=Sum("amount_pence"))
    )
    positions += [BudgetPosition(d, line, 0, total) for d, line, total in committed]
    return positions


@dataclass(frozen=True)
class MonitoringReport:
    """Variance per district and line for one financial year, and spend by quarter."""

    financial_year: str
    variances: tuple[Variance, ...]
    quarters: tuple[QuarterSpend, ...]
    district_names: dict[str, str]
    line_names: dict[str, str]

    @property
    def totals(self) -> dict[str, int]:
        keys = ("budget_pence", "commitments_pence", "actual_pence", "variance_pence")
        return {key: sum(getattr(v, key) for v in self.variances) for key in keys}

    def rows(self) -> list[dict]:
        """Plain values for the page, the JSON export and the CSV export."""
        return [
            {
                "district": variance.district_code,
                "district_name": self.district_names.get(variance.district_code, ""),
                "line": variance.line_code,
                "line_name": self.line_names.get(variance.line_code, ""),
                "budget_pence": variance.budget_pence,
                "commitments_pence": variance.commitments_pence,
                "actual_pence": variance.actual_pence,
                "variance_pence": variance.variance_pence,
                "variance_percent": (
                    None if variance.variance_percent is None else str(variance.variance_percent)
                ),
                "is_overspent": variance.is_overspent,
            }
            for variance in self.variances
        ]

    def quarter_rows(self) -> list[dict]:
        return [
            {
                "quarter": quarter.quarter.label,
                "district": quarter.district_code,
                "line": quarter.line_code,
                "actual_pence": quarter.actual_pence,
            }
            for quarter in self.quarters
        ]

    def as_csv(self) -> str:
        out = io.StringIO()
        columns = ["district", "line", "budget", "commitments", "actual", "variance", "percent"]
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in self.rows():
            writer.writerow(
                [row["district"], row["line"]]
                + [
                    format_pence(row[key]).replace("£", "").replace(",", "")
                    for key in (
                        "budget_pence",
                        "commitments_pence",
                        "actual_pence",
                        "variance_pence",
                    )
                ]  # fmt: skip
                + [row["variance_percent"] or ""]
            )
        return out.getvalue()


def monitoring_report(*, financial_year: str = "") -> MonitoringReport:
    """The monitoring report for a year (the latest year with lines when none is given)."""
    years = financial_years()
    year = financial_year or (years[0] if years else "")
    lines = list(ServiceBudgetLine.objects.filter(financial_year=year))
    spend = _spend_rows(lines)
    return MonitoringReport(
        financial_year=year,
        variances=budget_variances(positions=_positions(lines), spend=spend),
        quarters=spend_by_quarter(spend),
        district_names=dict(District.objects.values_list("slug", "name")),
        line_names={line.slug: line.name for line in lines},
    )


def district_budget_and_outturn(district: District, *, financial_year: str) -> tuple[int, int]:
    """A district's devolved budget and actual spend (outturn) on the lines of a year.

    Feeds the "financial aptitude" benchmark of negotiated autonomy, read for the last
    completed financial year so that a year half spent does not look like an underspend.
    """
    budget = AllocationRow.objects.filter(
        allocation_id__in=current_allocation_ids(),
        allocation__line__financial_year=financial_year,
        district=district,
        ward__isnull=True,
    ).aggregate(total=Sum("amount_pence"))["total"]
    outturn = SpendRecord.objects.filter(
        district=district, line__financial_year=financial_year
    ).aggregate(total=Sum("amount_pence"))["total"]
    return budget or 0, outturn or 0


def spend_import_list() -> list[SpendImport]:
    return list(SpendImport.objects.select_related("imported_by")[:20])


def commitment_list(*, district: District | None = None) -> list[Commitment]:
    commitments = Commitment.objects.select_related("district", "line")
    if district is not None:
        commitments = commitments.filter(district=district)
    return list(commitments)
