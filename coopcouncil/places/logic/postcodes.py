"""Postcodes and the ONS postcode directory, checked row by row before anything is saved.

The council loads the ONS postcode directory (NSPL or ONSPD) in the CSV layout ONS
publishes, columns named as there: ``pcds`` (the postcode with one space), the ward code
(``ward`` in the NSPL, ``osward`` in the ONSPD, ``wdNNcd`` in the headers of some
editions), ``lat`` and ``long`` (WGS84) and ``doterm`` (the year and month a postcode was
terminated, ``YYYYMM``; empty while it is live). Other columns are ignored.

The file covers the whole country, so a row whose ward is not one of the borough's is
skipped, not an error, and is not checked further. A row in the borough with a malformed
postcode, latitude, longitude or termination date is a problem: the service writes
nothing unless there are none. Lines are numbered as a text editor shows them (the
header is line 1).

ONS gives a postcode with no grid reference the latitude 99.999999 and longitude 0; such
a postcode is kept with no position.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

# The shape of a UK postcode: outward code (area, district, optional sub-district) and an
# inward code of a digit and two letters. Format only: it does not say the postcode exists.
POSTCODE_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
WARD_COLUMNS = ("ward", "osward")
WARD_COLUMN_PATTERN = re.compile(r"^wd\d\dcd$")
NO_GRID_LATITUDE = Decimal("99.999999")


class PostcodeInvalid(ValueError):
    """The text is not shaped like a UK postcode."""


def postcode_normalise(text: str) -> str:
    """The postcode in upper case with one space before the inward code.

    >>> postcode_normalise(" ol1  1aa ")
    'OL1 1AA'
    >>> postcode_normalise("ol11aa")
    'OL1 1AA'

    Raises ``PostcodeInvalid`` for text not shaped like a UK postcode.
    """
    compact = "".join(text.split()).upper()
    postcode = f"{compact[:-3]} {compact[-3:]}"
    if not POSTCODE_SHAPE.match(postcode):
        raise PostcodeInvalid(f"'{text.strip()}' is not a UK postcode")
    return postcode


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message: str


@dataclass(frozen=True)
class DirectoryPostcode:
    """One postcode of the borough, as the directory gives it."""

    line: int
    postcode: str
    ward_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    terminated_on: date | None


@dataclass(frozen=True)
class DirectoryReading:
    """What a directory file holds for the borough: its postcodes, problems and skipped rows."""

    postcodes: list[DirectoryPostcode] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: int = 0


def _ward_column(header: list[str]) -> str | None:
    for name in header:
        if name in WARD_COLUMNS or WARD_COLUMN_PATTERN.match(name):
            return name
    return None


def _coordinate(text: str, limit: int) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    if not value.is_finite() or abs(value) > limit:
        raise ValueError(f"'{text}' is not between -{limit} and {limit}")
    return value


def _coordinate_or_none(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _termination(text: str) -> date | None:
    """``doterm``: ``YYYYMM`` in the published files; a month is kept as its first day."""
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{6}", text) or not 1 <= int(text[4:]) <= 12:
        raise ValueError(f"'{text}' is not a year and month (YYYYMM)")
    return date(int(text[:4]), int(text[4:]), 1)


def _directory_row(
    line: int, raw: dict[str, str], ward_code: str
) -> tuple[DirectoryPostcode | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    values: dict[str, object] = {}
    if _coordinate_or_none(raw.get("lat") or "") == NO_GRID_LATITUDE:
        raw = {**raw, "lat": "", "long": ""}
    checks = (
        ("pcds", "postcode", postcode_normalise),
        ("lat", "latitude", lambda text: _coordinate(text, 90)),
        ("long", "longitude", lambda text: _coordinate(text, 180)),
        ("doterm", "terminated_on", _termination),
    )
    for column, name, read in checks:
        try:
            values[name] = read(raw.get(column) or "")
        except ValueError as error:
            problems.append(RowProblem(line, column, str(error)))
    if problems:
        return None, problems
    return DirectoryPostcode(line=line, ward_code=ward_code, **values), []  # type: ignore[arg-type]


def parse_postcode_directory(lines: Iterable[str], ward_codes: Iterable[str]) -> DirectoryReading:
    """Read the borough's postcodes from an ONS postcode directory CSV.

    ``ward_codes`` are the borough's wards; rows in any other ward are skipped.
    A postcode listed twice in the borough is a problem on its second line.
    """
    ours = set(ward_codes)
    reader = csv.DictReader(
        line.lstrip("\ufeff") if i == 0 else line for i, line in enumerate(lines)
    )
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    ward_column = _ward_column(header)
    missing = [c for c in ("pcds", "lat", "long", "doterm") if c not in header]
    if ward_column is None:
        missing.append("ward")
    if missing:
        return DirectoryReading(problems=[RowProblem(1, c, "column is missing") for c in missing])
    reading = DirectoryReading()
    seen: set[str] = set()
    skipped = 0
    for raw in reader:
        line = reader.line_num
        ward_code = (raw.get(ward_column) or "").strip()
        if ward_code not in ours:
            skipped += 1
            continue
        row, problems = _directory_row(line, raw, ward_code)
        if row is not None and row.postcode in seen:
            problems = [RowProblem(line, "pcds", f"postcode {row.postcode} appears twice")]
        if problems:
            reading.problems.extend(problems)
        elif row is not None:
            seen.add(row.postcode)
            reading.postcodes.append(row)
    if not reading.postcodes and not reading.problems:
        reading.problems.append(RowProblem(1, "file", "no postcode in the file is in the borough"))
    return DirectoryReading(reading.postcodes, reading.problems, skipped)
