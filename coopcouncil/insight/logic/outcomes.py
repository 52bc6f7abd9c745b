"""The outcomes framework's pure rules: reading a measurements file, and an indicator's
trend against its target.

A measurements file is CSV with the header ``indicator,period,district,value``:
``indicator`` an indicator's code; ``period`` the first month of the period as
``YYYY-MM`` (or a full date); ``district`` a district's slug, blank for the whole borough
(an indicator measured "each district" needs one); ``value`` a number such as ``12.5``.
The file is loaded whole or not at all, and every problem is reported with its row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

HEADER = ("indicator", "period", "district", "value")
MAX_VALUE = Decimal("9999999999.99")


@dataclass(frozen=True)
class MeasurementRow:
    line: int
    indicator: str
    period: date
    district: str
    value: Decimal


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message: str


@dataclass(frozen=True)
class MeasurementFile:
    rows: tuple[MeasurementRow, ...]
    problems: tuple[RowProblem, ...]


def _period(text: str) -> date | None:
    parts = text.strip().split("-")
    try:
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return None


def _value(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > MAX_VALUE:
        return None
    return value.quantize(Decimal("0.01"))


def measurement_file_read(
    text: str, *, geographies: Mapping[str, str], districts: set[str]
) -> MeasurementFile:
    """Check every row of a measurements file against the known indicators (code →
    geography, "borough" or "district") and district slugs.

    >>> result = measurement_file_read("indicator,period,district,value\\nx,2026-01,,3",
    ...     geographies={"x": "borough"}, districts=set())
    >>> result.rows[0].value, result.problems
    (Decimal('3.00'), ())
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        records = list(reader)
    except csv.Error as error:
        return MeasurementFile((), (RowProblem(reader.line_num, "file", f"not CSV: {error}"),))
    header = tuple(name.strip() for name in reader.fieldnames or ())
    if header != HEADER:
        return MeasurementFile((), (RowProblem(1, "header", "expected " + ",".join(HEADER)),))
    rows: list[MeasurementRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, date, str], int] = {}
    for line, record in enumerate(records, start=2):
        found = _row_problems(line, record, geographies, districts)
        if found:
            problems += found
            continue
        row = MeasurementRow(
            line=line,
            indicator=record["indicator"].strip(),
            period=_period(record["period"]) or date.min,
            district=(record["district"] or "").strip(),
            value=_value(record["value"]) or Decimal(0),
        )
        key = (row.indicator, row.period, row.district)
        if key in seen:
            problems.append(RowProblem(line, "period", f"repeats row {seen[key]}"))
            continue
        seen[key] = line
        rows.append(row)
    if not rows and not problems:
        problems.append(RowProblem(1, "file", "no measurements in the file"))
    return MeasurementFile(tuple(rows), tuple(problems))


def _row_problems(
    line: int, record: dict, geographies: Mapping[str, str], districts: set[str]
) -> list[RowProblem]:
    problems = []
    code = (record.get("indicator") or "").strip()
    district = (record.get("district") or "").strip()
    if code not in geographies:
        problems.append(RowProblem(line, "indicator", f"no indicator has the code '{code}'"))
    elif geographies[code] == "district" and not district:
        problems.append(RowProblem(line, "district", "this indicator is measured by district"))
    elif geographies[code] == "borough" and district:
        problems.append(RowProblem(line, "district", "this indicator is for the whole borough"))
    if district and district not in districts:
        problems.append(RowProblem(line, "district", f"no district is called '{district}'"))
    if _period(record.get("period") or "") is None:
        problems.append(RowProblem(line, "period", "write the period as YYYY-MM"))
    if _value(record.get("value") or "") is None:
        problems.append(RowProblem(line, "value", "write the value as a number, e.g. 12.5"))
    return problems


@dataclass(frozen=True)
class Progress:
    """Where the latest value stands between baseline and target (0–100, may pass 100)."""

    latest: Decimal | None
    percent_of_way: int | None
    is_met: bool


def progress_to_target(
    *, baseline: Decimal, target: Decimal, latest: Decimal | None, is_higher_better: bool
) -> Progress:
    """How far the latest value has come from the baseline towards the target.

    >>> progress_to_target(baseline=Decimal(10), target=Decimal(20), latest=Decimal(15),
    ...                    is_higher_better=True).percent_of_way
    50
    """
    if latest is None:
        return Progress(None, None, False)
    is_met = latest >= target if is_higher_better else latest <= target
    distance = target - baseline
    if distance == 0:
        return Progress(latest, 100 if is_met else 0, is_met)
    percent = int(((latest - baseline) / distance * 100).to_integral_value())
    return Progress(latest, percent, is_met)
