"""Reads for budget monitoring: budget, commitments, spend and variance per district and line.

The budget of a district for a line is its amount in the line's latest adopted allocation. For
a line devolved on to wards the report adds a ward breakdown: each ward's adopted amount, and
the commitments and spend that name the ward (the rest stays with the district).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db.models import Sum

from coopcouncil.budgets.logic.monitoring import (
    BudgetPosition,
    QuarterSpend,
    SpendRow,
    Variance,
    budget_variances,
    spend_by_quarter,
    ward_variances,
)
from coopcouncil.budgets.models import (
    AllocationRow,
    Commitment,
    ServiceBudgetLine,
    SpendImport,
    SpendRecord,
)
from coopcouncil.budgets.selectors.allocations import current_allocation_ids
from coopcouncil.core.errors import NotFound
from coopcouncil.core.money import format_pence
from coopcouncil.places.models import District, Ward

FINANCIAL_YEAR = re.compile(r"\d{4}/\d{2}")


def financial_years() -> list[str]:
    """Years that have budget lines, latest first."""
    # order_by() drops the model's ordering, which would otherwise enter the DISTINCT.
    years = ServiceBudgetLine.objects.order_by().values_list("financial_year", flat=True)
    return sorted(years.distinct(), reverse=True)


def _spend_rows(lines: list[ServiceBudgetLine]) -> list[SpendRow]:
    records = SpendRecord.objects.filter(line__in=lines).select_related("district", "line", "ward")
    return [
        SpendRow(
            row_number=record.pk,
            spent_on=record.spent_on,
            district_code=record.district.slug,
            line_code=record.line.slug,
            amount_pence=record.amount_pence,
            description=record.description,
            reference=record.reference,
            ward_code=record.ward.slug if record.ward else "",
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


def _ward_positions(lines: list[ServiceBudgetLine]) -> list[BudgetPosition]:
    """Each ward's adopted amount and the commitments naming it, for lines devolved to wards."""
    budgets = AllocationRow.objects.filter(
        allocation_id__in=current_allocation_ids(), allocation__line__in=lines, ward__isnull=False
    ).values_list("district__slug", "allocation__line__slug", "amount_pence", "ward__slug")
    positions = [BudgetPosition(d, line, amount, 0, ward) for d, line, amount, ward in budgets]
    committed = (
        Commitment.objects.filter(line__in=lines, ward__isnull=False)
        .values_list("district__slug", "line__slug", "ward__slug")
        .annotate(total=Sum("amount_pence"))
    )
    positions += [BudgetPosition(d, line, 0, total, ward) for d, line, ward, total in committed]
    return positions


@dataclass(frozen=True)
class MonitoringReport:
    """Variance per district and line for one financial year, and spend by quarter."""

    financial_year: str
    variances: tuple[Variance, ...]
    quarters: tuple[QuarterSpend, ...]
    district_names: dict[str, str]
    line_names: dict[str, str]
    ward_variances: tuple[Variance, ...] = ()
    ward_names: dict[str, str] = field(default_factory=dict)

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
                **self._line_and_figures(variance),
            }
            for variance in self.variances
        ]

    def ward_rows(self) -> list[dict]:
        """The ward breakdown of lines devolved on to wards, as plain values."""
        return [
            {
                "district": variance.district_code,
                "ward": variance.ward_code,
                "ward_name": self.ward_names.get(variance.ward_code, ""),
                **self._line_and_figures(variance),
            }
            for variance in self.ward_variances
        ]

    def _line_and_figures(self, variance: Variance) -> dict:
        """The line and money columns district rows and ward rows share."""
        return {
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

    def as_json(self) -> dict:
        """The report as the JSON export and the API give it (pence)."""
        return {
            "financial_year": self.financial_year,
            "variances": self.rows(),
            "wards": self.ward_rows(),
            "quarters": self.quarter_rows(),
            "totals": self.totals,
        }

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
        """District rows (ward blank), then the ward breakdown of lines devolved to wards.

        Ward rows break a district row down; adding them to it would count money twice.
        """
        out = io.StringIO()
        columns = ["district", "line", "ward", "budget", "commitments", "actual", "variance",
                   "percent"]  # fmt: skip
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in self.rows() + self.ward_rows():
            writer.writerow(
                [row["district"], row["line"], row.get("ward", "")]
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
    """The monitoring report for a year (the latest year with lines when none is given).

    A year that is not written like ``2026/27`` is refused (it also names the download).
    """
    if financial_year and not FINANCIAL_YEAR.fullmatch(financial_year):
        raise NotFound(
            "financial_year_unknown",
            f"'{financial_year[:20]}' is not a financial year like 2026/27.",
            "financial_year",
        )
    years = financial_years()
    year = financial_year or (years[0] if years else "")
    lines = list(ServiceBudgetLine.objects.filter(financial_year=year))
    spend = _spend_rows(lines)
    to_wards = [line for line in lines if line.is_devolved_to_wards]
    ward_spend = [row for row in spend if row.line_code in {line.slug for line in to_wards}]
    return MonitoringReport(
        financial_year=year,
        variances=budget_variances(positions=_positions(lines), spend=spend),
        quarters=spend_by_quarter(spend),
        district_names=dict(District.objects.values_list("slug", "name")),
        line_names={line.slug: line.name for line in lines},
        ward_variances=ward_variances(positions=_ward_positions(to_wards), spend=ward_spend),
        ward_names=dict(Ward.objects.values_list("slug", "name")) if to_wards else {},
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
    commitments = Commitment.objects.select_related("district", "line", "ward", "decision")
    if district is not None:
        commitments = commitments.filter(district=district)
    return list(commitments)
