"""Published awards in the 360Giving Data Standard: JSON, and the flat CSV/XLSX layout.

Every file is streamed: awards are read from the database in chunks and written as they
come, so 100,000 awards take no more memory than a few thousand (bench/grants_360giving.py).
The JSON is a 360Giving package (``{"grants": [...]}``); the CSV and XLSX have one row per
grant under the column names flattentool writes and reads back (``logic.threesixtygiving.
FLAT_COLUMNS``), so ``flatten-tool unflatten`` turns them into the same grants.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO

from django.utils import timezone

from coopcouncil.grants import policy
from coopcouncil.grants.logic.threesixtygiving import (
    FLAT_COLUMNS,
    AwardRecord,
    Funder,
    flat_row,
    grant_json,
)
from coopcouncil.grants.models import Application
from coopcouncil.places.selectors import borough_current

CHUNK = 2000
_FIELDS = (
    "pk",
    "title",
    "project",
    "amount_pence",
    "awarded_pence",
    "decided_at",
    "planned_start",
    "planned_end",
    "organisation__name",
    "organisation__slug",
    "organisation__charity_number",
    "organisation__company_number",
    "ward__code",
    "ward__name",
    "ward__district__slug",
    "ward__district__name",
    "round__slug",
    "round__title",
)


def award_records() -> Iterator[AwardRecord]:
    """Every award, oldest first, read in chunks (one query per chunk on PostgreSQL)."""
    zone = timezone.get_current_timezone()
    rows = Application.objects.awards_published().order_by("decided_at", "pk").values_list(*_FIELDS)
    for row in rows.iterator(chunk_size=CHUNK):
        (pk, title, project, asked, awarded, decided_at, start, end, name, slug, charity,
         company, ward_code, ward_name, district_slug, district_name, round_slug,
         round_title) = row  # fmt: skip
        yield AwardRecord(
            number=pk,
            title=title,
            description=project,
            amount_applied_pence=asked,
            amount_awarded_pence=awarded,
            award_date=decided_at.astimezone(zone).date(),
            planned_start=start,
            planned_end=end,
            recipient_name=name,
            recipient_slug=slug,
            charity_number=charity,
            company_number=company,
            ward_code=ward_code,
            ward_name=ward_name,
            district_code=district_slug,
            district_name=district_name,
            programme_code=round_slug,
            programme_title=round_title,
        )


def funder() -> Funder:
    """The council as the funding organisation, identified under its own prefix."""
    borough = borough_current()
    name = f"{borough.name} Council" if borough is not None else "The council"
    return Funder(identifier=f"360G-{policy.identifier_prefix()}", name=name)


def grants_json() -> Iterator[dict]:
    prefix, giver = policy.identifier_prefix(), funder()
    for record in award_records():
        yield grant_json(record, prefix=prefix, funder=giver)


def _batches(items: Iterator, size: int = CHUNK) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def json_chunks() -> Iterator[str]:
    """The 360Giving package, a few thousand grants at a time (for a stream or a file)."""
    yield '{"version": "1.4", "license": "http://www.nationalarchives.gov.uk/doc/'
    yield 'open-government-licence/version/3/", "grants": [\n'
    encode = json.JSONEncoder(ensure_ascii=False).encode
    separator = ""
    for batch in _batches(grants_json()):
        yield separator + ",\n".join(map(encode, batch))
        separator = ",\n"
    yield "\n]}\n"


class _Echo:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_chunks() -> Iterator[str]:
    """The flat layout, header first, a few thousand rows at a time."""
    yield csv.writer(_Echo()).writerow(FLAT_COLUMNS)
    for batch in _batches(grants_json()):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(map(flat_row, batch))
        yield buffer.getvalue()


def xlsx_write(target: IO[bytes]) -> None:
    """The flat layout as an XLSX workbook (sheet ``grants``), written in openpyxl's
    streaming mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("grants")
    sheet.append(list(FLAT_COLUMNS))
    for grant in grants_json():
        sheet.append(flat_row(grant))
    workbook.save(target)
