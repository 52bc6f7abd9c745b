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
from collections.abc import Callable, Iterator
from typing import IO

from django.db.models import QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.grants import policy
from coopcouncil.grants.logic.threesixtygiving import (
    FLAT_COLUMNS,
    AwardRecord,
    Funder,
    flat_row,
    funder_json,
    grant_json,
    location_json,
    programme_json,
    recipient_json,
)
from coopcouncil.grants.models import Application
from coopcouncil.places.selectors import borough_current

CHUNK = 2000
# Each award's own columns; its group, round and ward are looked up in ``_Parts``.
_FIELDS = (
    "pk",
    "title",
    "project",
    "amount_pence",
    "awarded_pence",
    "award_date",
    "planned_start",
    "planned_end",
    "organisation_id",
    "round_id",
    "ward_id",
)
_RECIPIENT = (
    "organisation__name",
    "organisation__slug",
    "organisation__charity_number",
    "organisation__company_number",
)
_PROGRAMME = ("round__slug", "round__title")
_LOCATION = ("ward__name", "ward__code", "ward__district__name", "ward__district__slug")


class _Parts(dict):
    """The recipient, programme or location object of each group, round or ward, built once
    and shared by all its awards. Filled up front in one query; a key first seen later (an
    award decided while the export runs) is read then."""

    def __init__(self, key: str, columns: tuple[str, ...], build: Callable[..., object]):
        super().__init__()
        self.key, self.columns, self.build = key, columns, build

    def fill(self, awards: QuerySet[Application]) -> _Parts:
        for key, *values in awards.order_by().values_list(self.key, *self.columns).distinct():
            self[key] = self.build(*values)
        return self

    def __missing__(self, key: int) -> object:
        found = Application.objects.filter(**{self.key: key}).values_list(*self.columns)
        self[key] = self.build(*found[0])
        return self[key]


def award_records(prefix: str) -> Iterator[AwardRecord]:
    """Every published award, oldest first, read in chunks (one query per chunk on
    PostgreSQL) from the applications' own columns: each group, round and ward's part of
    the grant is built once, not once per award."""
    awards = Application.objects.awards_published()
    recipients = _Parts(
        "organisation_id",
        _RECIPIENT,
        lambda name, slug, charity, company: recipient_json(
            prefix, name=name, slug=slug, charity_number=charity, company_number=company
        ),
    ).fill(awards)
    programmes = _Parts(
        "round_id", _PROGRAMME, lambda code, title: programme_json(code=code, title=title)
    ).fill(awards)
    locations = _Parts(
        "ward_id",
        _LOCATION,
        lambda ward_name, ward_code, district_name, district_code: location_json(
            ward_name=ward_name,
            ward_code=ward_code,
            district_name=district_name,
            district_code=district_code,
        ),
    ).fill(awards)
    joint = _joint_partners(awards)
    rows = (
        awards.annotate(award_date=TruncDate("decided_at", tzinfo=timezone.get_current_timezone()))
        .order_by("decided_at", "pk")
        .values_list(*_FIELDS)
    )
    for (pk, title, project, asked, awarded, award_date, start, end, organisation_id,
         round_id, ward_id) in rows.iterator(chunk_size=CHUNK):  # fmt: skip
        if pk in joint:
            project = _with_partners(project or title, joint[pk])
        yield AwardRecord(
            pk, title, project, asked, awarded, award_date, start, end,
            recipients[organisation_id], programmes[round_id], locations[ward_id],
        )  # fmt: skip


def _joint_partners(awards: QuerySet[Application]) -> dict[int, list[str]]:
    """Partner names of the joint awards, by award (one query; joint awards are few)."""
    joint: dict[int, list[str]] = {}
    rows = awards.filter(partners__isnull=False).values_list("pk", "partners__name")
    for pk, name in rows.order_by("pk", "partners__name"):
        joint.setdefault(pk, []).append(name)
    return joint


def _with_partners(description: str, partners: list[str]) -> str:
    """360Giving names one recipient, the lead; the partners holding the grant with it are
    named in the description instead."""
    return gettext("%(description)s Joint application with %(partners)s.") % {
        "description": description,
        "partners": ", ".join(partners),
    }


def funder() -> Funder:
    """The council as the funding organisation, identified under its own prefix."""
    borough = borough_current()
    name = f"{borough.name} Council" if borough is not None else "The council"
    return Funder(identifier=f"360G-{policy.identifier_prefix()}", name=name)


def grants_json() -> Iterator[dict]:
    prefix, giver = policy.identifier_prefix(), funder_json(funder())
    for record in award_records(prefix):
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
