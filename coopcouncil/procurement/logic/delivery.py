"""Delivery monitoring: what each quarter owes against a commitment, shortfalls, return files.

Once a contract is let, each social value commitment in the winning bid becomes a KPI. The
promise is spread evenly over the calendar quarters the contract runs through, so a quarter
is short when what was delivered is below that quarter's share. Example: 52 apprenticeship
weeks over a contract of four quarters → 13 a quarter; a return of 9 is short by 4.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from coopcouncil.procurement.logic.bids import quantity_read
from coopcouncil.procurement.logic.problems import Problem

__all__ = [
    "RETURN_COLUMNS",
    "ChartBar",
    "ReturnRow",
    "chart_bars",
    "contract_quarters",
    "quarter_due",
    "quarter_of",
    "return_rows_read",
]

RETURN_COLUMNS = ("measure", "delivered", "evidence")


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1–4) of a date: 15 May 2026 → (2026, 2)."""
    return day.year, (day.month - 1) // 3 + 1


def contract_quarters(starts_on: date, ends_on: date) -> list[tuple[int, int]]:
    """Every calendar quarter a contract runs through, first to last (at least one)."""
    year, quarter = quarter_of(starts_on)
    last = quarter_of(max(starts_on, ends_on))
    quarters = [(year, quarter)]
    while (year, quarter) < last:
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        quarters.append((year, quarter))
    return quarters


def quarter_due(promised: Decimal, quarter_count: int) -> Decimal:
    """One quarter's share of a promise, to two decimal places."""
    share = Fraction(promised) / max(quarter_count, 1)
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ReturnRow:
    """One line of a quarterly return: the measure's code, what was delivered, the evidence."""

    measure: str
    delivered: Decimal
    evidence: str


def return_rows_read(
    text: str, *, measures: Mapping[str, str]
) -> tuple[list[ReturnRow], list[tuple[int, Problem]]]:
    """Read a return CSV (``measure, delivered, evidence``) against the contract's measures.

    ``measures`` maps each commitment's measure code to its name. All-or-nothing: any problem
    (with the row number as a spreadsheet shows it, the header being row 1) means the caller
    stores nothing. Each commitment may appear once; one left out is a problem too, so a
    return is complete.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing_columns = [c for c in RETURN_COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing_columns:
        return [], [
            (
                1,
                Problem(
                    "columns_missing", "file", f"Missing column(s): {', '.join(missing_columns)}."
                ),
            )
        ]
    rows: list[ReturnRow] = []
    problems: list[tuple[int, Problem]] = []
    seen: set[str] = set()
    for number, line in enumerate(reader, start=2):
        code = (line.get("measure") or "").strip()
        if code not in measures:
            problems.append(
                (
                    number,
                    Problem(
                        "measure_not_committed",
                        "measure",
                        f"'{code}' is not one of this contract's commitments.",
                    ),
                )
            )
            continue
        if code in seen:
            problems.append(
                (number, Problem("measure_repeated", "measure", f"'{code}' appears twice."))
            )
            continue
        seen.add(code)
        try:
            delivered = quantity_read(line.get("delivered") or "")
        except ValueError as error:
            problems.append((number, Problem("quantity_invalid", "delivered", str(error))))
            continue
        rows.append(ReturnRow(code, delivered, (line.get("evidence") or "").strip()))
    left_out = sorted(set(measures) - seen)
    if not problems and left_out:
        problems.append(
            (
                1,
                Problem(
                    "measure_missing",
                    "file",
                    f"No row for: {', '.join(measures[c] for c in left_out)}.",
                ),
            )
        )
    return rows, problems


@dataclass(frozen=True)
class ChartBar:
    """One pair of bars (promised, delivered) in a chart, in the chart's own units."""

    label: str
    promised: int
    delivered: int
    promised_width: int
    delivered_width: int
    y: int


def chart_bars(
    rows: Sequence[tuple[str, int, int]], *, width: int = 400, row_height: int = 36
) -> list[ChartBar]:
    """Lay out promised-vs-delivered bars: the largest value spans ``width``."""
    largest = max((max(promised, delivered) for _, promised, delivered in rows), default=0)
    scale = Fraction(width, largest) if largest else Fraction(0)
    return [
        ChartBar(
            label=label,
            promised=promised,
            delivered=delivered,
            promised_width=round(promised * scale),
            delivered_width=round(delivered * scale),
            y=index * row_height,
        )
        for index, (label, promised, delivered) in enumerate(rows)
    ]
