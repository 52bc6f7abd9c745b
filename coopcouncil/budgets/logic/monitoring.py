"""Budget monitoring for devolved money: variance per district and line, by quarter, from CSV.

Councils monitor revenue budgets quarterly against the UK financial year, which runs from
1 April to 31 March (Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March)
and is written "2026/27". For each district and budget line::

    variance = budget − commitments − actual spend

A positive variance is money not yet spoken for; a negative one is an overspend. Commitments
(orders raised, grants awarded but unpaid) count against the budget before the invoice lands,
as in ordinary local-authority budget monitoring, so a district cannot spend the same pound twice.

Where a line is devolved on to wards, ``ward_variances`` gives the same sum per ward, counting
only commitments and spend that name the ward: money the finance system charged to the district
as a whole stays with the district and is never shared out among its wards by guesswork.

Actual spend arrives as a CSV exported from the finance system. The parser reads every row and
returns every problem it finds (row number, field, message), so the finance officer can fix the
whole file at once; whether to import nothing until it is clean is the caller's decision.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coopcouncil.core.money import parse_pounds

__all__ = [
    "CSV_COLUMNS",
    "BudgetPosition",
    "CostCentreCodes",
    "FinancialQuarter",
    "QuarterSpend",
    "RowError",
    "SpendImport",
    "SpendRow",
    "Variance",
    "budget_variances",
    "financial_quarter",
    "financial_year_label",
    "parse_actual_spend_csv",
    "spend_by_quarter",
    "ward_variances",
]

CSV_COLUMNS = ("date", "district", "line", "amount_pounds", "description", "reference")
#: Columns a file may add; ``ward`` is a ward code (slug) within the row's district, and
#: ``cost_centre`` a ledger code the finance officer has mapped (then district and line may go).
OPTIONAL_CSV_COLUMNS = ("ward", "cost_centre")
#: The columns a cost centre stands for.
COST_CENTRE_COLUMNS = ("district", "line")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UK_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_AMOUNT = re.compile(r"-?£?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


@dataclass(frozen=True, order=True)
class FinancialQuarter:
    """A quarter of the UK financial year that starts on 1 April of ``start_year``."""

    start_year: int
    quarter: int

    @property
    def year_label(self) -> str:
        """Written like 2026/27; the turn of the century reads 1999/00."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def label(self) -> str:
        return f"{self.year_label} Q{self.quarter}"


def financial_quarter(day: date) -> FinancialQuarter:
    """The financial quarter a date falls in: 1 April 2026 is 2026/27 Q1, 31 March 2027 Q4."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return FinancialQuarter(start_year, (day.month - 4) % 12 // 3 + 1)


def financial_year_label(day: date) -> str:
    """The financial year a date falls in, written "2026/27"."""
    return financial_quarter(day).year_label


@dataclass(frozen=True)
class SpendRow:
    """One line of actual spend; ``row_number`` is its row in the file (the header is row 1)."""

    row_number: int
    spent_on: date
    district_code: str
    line_code: str
    amount_pence: int
    description: str
    reference: str
    ward_code: str = ""


@dataclass(frozen=True)
class RowError:
    """One problem in the file: which row, which column, and what to fix."""

    row_number: int
    field: str
    message: str


@dataclass(frozen=True)
class SpendImport:
    """Everything read from a file: rows that parsed and every error found."""

    rows: tuple[SpendRow, ...]
    errors: tuple[RowError, ...]

    @property
    def is_clean(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class CostCentreCodes:
    """What a ledger cost centre means here: a district, a budget line, and maybe a ward."""

    district_code: str
    line_code: str
    ward_code: str = ""


def _apply_cost_centre(
    row_number: int, cells: dict[str, str], cost_centres: Mapping[str, CostCentreCodes]
) -> tuple[dict[str, str], list[RowError]]:
    """The row's cells with its cost centre's codes filled in, or the reason it cannot be.

    A row may still write the district, line or ward beside its cost centre, but they must
    agree with the mapping: a disagreement means the ledger and the file have drifted apart,
    which the finance officer must see rather than have one silently win.
    """
    code = cells.get("cost_centre", "")
    if not code:
        return cells, []
    codes = cost_centres.get(code)
    if codes is None:
        message = (
            f"Cost centre '{code}' is not mapped to a district and budget line; "
            "the finance officer maps it once on the cost centres page"
        )
        return cells, [RowError(row_number, "cost_centre", message)]
    mapped = {"district": codes.district_code, "line": codes.line_code, "ward": codes.ward_code}
    errors = [
        RowError(
            row_number,
            name,
            f"Cost centre '{code}' is mapped to {name} '{mapped[name]}', not '{cells[name]}'",
        )
        for name in mapped
        if cells.get(name) and cells[name] != mapped[name]
    ]
    return {**cells, **mapped}, errors


def _parse_date(text: str) -> date:
    iso, uk = _ISO_DATE.fullmatch(text), _UK_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    else:
        raise ValueError(f"'{text}' is not a date; write 2026-04-30 or 30/04/2026")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


def _parse_amount(text: str) -> int:
    if not _AMOUNT.fullmatch(text):
        raise ValueError(f"'{text}' is not an amount in pounds, such as 1234.56")
    return parse_pounds(text)


def _parse_code(text: str, known: Collection[str], what: str) -> str:
    if text not in known:
        raise ValueError(f"Unknown {what} '{text}'")
    return text


def _parse_ward(cells: dict[str, str], district: str | None, wards: Mapping[str, str]) -> str:
    """The row's ward code, or "" when the row names none; it must lie in the row's district."""
    ward = cells.get("ward", "")
    if not ward:
        return ""
    if ward not in wards:
        raise ValueError(f"Unknown ward '{ward}'")
    if district is not None and wards[ward] != district:
        raise ValueError(f"Ward '{ward}' is not in district '{district}'")
    return ward


def _parse_row(
    row_number: int,
    cells: dict[str, str],
    known_districts: Collection[str],
    known_lines: Collection[str],
    known_wards: Mapping[str, str],
) -> tuple[SpendRow | None, list[RowError]]:
    parsers = {
        "date": _parse_date,
        "district": lambda text: _parse_code(text, known_districts, "district"),
        "line": lambda text: _parse_code(text, known_lines, "budget line"),
        "amount_pounds": _parse_amount,
    }
    # Each parser returns its own type (date, code, pence); SpendRow checks them below.
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for name, parse in parsers.items():
        text = cells.get(name, "")
        try:
            if not text:
                raise ValueError("Missing")
            values[name] = parse(text)
        except ValueError as error:
            errors.append(RowError(row_number, name, str(error)))
    try:
        ward = _parse_ward(cells, values.get("district"), known_wards)
    except ValueError as error:
        errors.append(RowError(row_number, "ward", str(error)))
    if errors:
        return None, errors
    row = SpendRow(
        row_number=row_number,
        spent_on=values["date"],
        district_code=values["district"],
        line_code=values["line"],
        amount_pence=values["amount_pounds"],
        description=cells.get("description", ""),
        reference=cells.get("reference", ""),
        ward_code=ward,
    )
    return row, []


def parse_actual_spend_csv(
    text: str,
    *,
    known_districts: Collection[str],
    known_lines: Collection[str],
    known_wards: Mapping[str, str] | None = None,
    cost_centres: Mapping[str, CostCentreCodes] | None = None,
) -> SpendImport:
    """Read actual-spend rows from CSV text, returning every row-level error, not just the first.

    Columns (any order, header required): ``date, district, line, amount_pounds, description,
    reference``, and optionally ``ward`` (a code from ``known_wards``, which maps each ward to
    its district; blank = charged to the district as a whole). A file may instead give the
    ledger's ``cost_centre``, looked up in ``cost_centres``; with that column, ``district``
    and ``line`` may be left out, and a code that is not mapped is an error on its row
    (a file with the ledger's code ``CC4410`` and no mapping for it imports nothing, rather
    than spend landing on a guessed line). Dates are ISO (2026-04-30) or
    UK (30/04/2026); amounts are pounds with at most two decimal places, optionally with "£"
    and thousands commas; negative amounts are refunds and credit notes. Blank rows are
    skipped. Row numbers count the header as row 1, as a spreadsheet does.
    """
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = [cell.strip().lower() for cell in records[0]] if records else []
    optional = COST_CENTRE_COLUMNS if "cost_centre" in header else ()
    missing = [column for column in CSV_COLUMNS if column not in header and column not in optional]
    if missing:
        message = f"The header row is missing: {', '.join(missing)}"
        return SpendImport((), (RowError(1, "header", message),))
    rows, errors = [], []
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            errors.append(
                RowError(row_number, "row", f"{len(record)} cells; expected {len(header)}")
            )
            continue
        cells = {name: cell.strip() for name, cell in zip(header, record, strict=False)}
        cells, code_errors = _apply_cost_centre(row_number, cells, cost_centres or {})
        row, row_errors = _parse_row(
            row_number, cells, known_districts, known_lines, known_wards or {}
        )
        if code_errors:
            # The codes are wrong at their source, the cost centre: say so once, there.
            row = None
            codes = ("district", "line", "ward")
            row_errors = code_errors + [e for e in row_errors if e.field not in codes]
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    return SpendImport(tuple(rows), tuple(errors))


@dataclass(frozen=True)
class BudgetPosition:
    """What a district has for one line this year, and what is committed but not yet paid."""

    district_code: str
    line_code: str
    budget_pence: int
    commitments_pence: int = 0
    ward_code: str = ""


@dataclass(frozen=True)
class Variance:
    """Budget less commitments less actual spend; ``variance_percent`` is of the budget.

    ``ward_code`` is "" for a district's variance and names the ward in a ward breakdown.
    """

    district_code: str
    line_code: str
    budget_pence: int
    commitments_pence: int
    actual_pence: int
    variance_pence: int
    variance_percent: Decimal | None
    ward_code: str = ""

    @property
    def is_overspent(self) -> bool:
        return self.variance_pence < 0


def _percent_of(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def budget_variances(
    *, positions: Iterable[BudgetPosition], spend: Iterable[SpendRow]
) -> tuple[Variance, ...]:
    """Variance for every district and line, sorted by district then line.

    Spend against a district and line with no budget shows with a budget of 0 (an overspend
    the officer must see), and its variance percent is ``None`` because there is nothing to
    divide by. Positions for the same district and line are added together.
    """
    budgets: dict[tuple[str, str], list[int]] = {}
    for position in positions:
        key = (position.district_code, position.line_code)
        totals = budgets.setdefault(key, [0, 0, 0])
        totals[0] += position.budget_pence
        totals[1] += position.commitments_pence
    for row in spend:
        budgets.setdefault((row.district_code, row.line_code), [0, 0, 0])[2] += row.amount_pence
    return tuple(
        _variance(district, line, "", totals)
        for (district, line), totals in sorted(budgets.items())
    )


def _variance(district: str, line: str, ward: str, totals: list[int]) -> Variance:
    budget, commitments, actual = totals
    return Variance(
        district_code=district,
        line_code=line,
        budget_pence=budget,
        commitments_pence=commitments,
        actual_pence=actual,
        variance_pence=budget - commitments - actual,
        variance_percent=_percent_of(budget - commitments - actual, budget),
        ward_code=ward,
    )


def ward_variances(
    *, positions: Iterable[BudgetPosition], spend: Iterable[SpendRow]
) -> tuple[Variance, ...]:
    """Variance per ward for lines devolved on to wards, sorted by district, ward, then line.

    Only positions and spend that name a ward (``ward_code``) count; the rest belongs to the
    district as a whole and is left out rather than shared among wards. So a ward's figures
    add up to at most its district's, and ``budget_variances`` stays the complete account.
    """
    wards: dict[tuple[str, str, str], list[int]] = {}
    for position in positions:
        if position.ward_code:
            key = (position.district_code, position.ward_code, position.line_code)
            totals = wards.setdefault(key, [0, 0, 0])
            totals[0] += position.budget_pence
            totals[1] += position.commitments_pence
    for row in spend:
        if row.ward_code:
            key = (row.district_code, row.ward_code, row.line_code)
            wards.setdefault(key, [0, 0, 0])[2] += row.amount_pence
    return tuple(
        _variance(district, line, ward, totals)
        for (district, ward, line), totals in sorted(wards.items())
    )


@dataclass(frozen=True)
class QuarterSpend:
    """Actual spend for one district and line in one financial quarter."""

    district_code: str
    line_code: str
    quarter: FinancialQuarter
    actual_pence: int


def spend_by_quarter(spend: Iterable[SpendRow]) -> tuple[QuarterSpend, ...]:
    """Add up spend by financial quarter, district and line, in date order of quarter."""
    totals: dict[tuple[FinancialQuarter, str, str], int] = {}
    for row in spend:
        key = (financial_quarter(row.spent_on), row.district_code, row.line_code)
        totals[key] = totals.get(key, 0) + row.amount_pence
    return tuple(
        QuarterSpend(district, line, quarter, amount)
        for (quarter, district, line), amount in sorted(totals.items())
    )
