"""Read and write ward-figure CSV files, checking every row before anything is saved.

The import is all-or-nothing: ``parse_ward_rows`` returns every row's problems, and
the service writes only when there are none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

COLUMNS = (
    "ward_code",
    "ward",
    "district",
    "population",
    "under16_share",
    "bme_share",
    "unemployment_rate",
    "life_expectancy_male",
    "life_expectancy_female",
    "imd_score",
    "imd_rank",
)
PERCENT_COLUMNS = ("under16_share", "bme_share", "unemployment_rate")
DECIMAL_COLUMNS = PERCENT_COLUMNS + ("life_expectancy_male", "life_expectancy_female", "imd_score")
INTEGER_COLUMNS = ("population", "imd_rank")


@dataclass(frozen=True)
class WardFigureRow:
    """One valid row: the ward it names and the figures to store."""

    row_number: int
    ward_code: str
    figures: Mapping[str, Decimal | int]


@dataclass(frozen=True)
class RowProblem:
    row_number: int
    field: str
    message: str


def _read_number(column: str, text: str) -> Decimal | int:
    text = text.strip()
    if column in INTEGER_COLUMNS:
        try:
            value: Decimal | int = int(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a whole number") from None
    else:
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{text}' is not a number") from None
        if not value.is_finite():
            raise ValueError(f"'{text}' is not a number")
    if value < 0:
        raise ValueError("must not be negative")
    if column in PERCENT_COLUMNS and value > 100:
        raise ValueError("a percentage must be between 0 and 100")
    return value


def parse_ward_rows(
    text: str, known_ward_codes: Iterable[str]
) -> tuple[list[WardFigureRow], list[RowProblem]]:
    """Check a ward-figures CSV against the wards that exist.

    Rows are numbered as a spreadsheet shows them (the header is row 1). A row is
    matched on ``ward_code``; ``ward`` and ``district`` are there for people reading
    the file and are not used to match.
    """
    known = set(known_ward_codes)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header and c not in ("ward", "district")]
    if missing:
        return [], [RowProblem(1, column, "column is missing") for column in missing]
    rows: list[WardFigureRow] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        code = (raw.get("ward_code") or "").strip()
        row_problems: list[RowProblem] = []
        if code not in known:
            row_problems.append(RowProblem(number, "ward_code", f"unknown ward '{code}'"))
        elif code in seen:
            row_problems.append(RowProblem(number, "ward_code", f"ward '{code}' appears twice"))
        seen.add(code)
        figures: dict[str, Decimal | int] = {}
        for column in INTEGER_COLUMNS + DECIMAL_COLUMNS:
            try:
                figures[column] = _read_number(column, raw.get(column) or "")
            except ValueError as error:
                row_problems.append(RowProblem(number, column, str(error)))
        if row_problems:
            problems.extend(row_problems)
        else:
            rows.append(WardFigureRow(number, code, figures))
    if not rows and not problems:
        problems.append(RowProblem(1, "file", "the file has no ward rows"))
    return rows, problems


def write_ward_rows(wards: Iterable[Mapping[str, object]]) -> str:
    """Write ward figures as CSV in the column order ``parse_ward_rows`` reads."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ward in wards:
        writer.writerow({column: ward[column] for column in COLUMNS})
    return out.getvalue()
