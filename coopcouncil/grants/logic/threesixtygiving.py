"""360Giving Data Standard (1.4) shapes for one award: identifiers and the grant record.

Grant identifiers are ``360G-<prefix>-<number>``, the prefix the council's (a setting).
Recipients are identified by their public register number where known — a registered
charity ``GB-CHC-<number>``, else a company ``GB-COH-<number>`` — and otherwise by an
identifier under the council's prefix, ``360G-<prefix>-ORG-<slug>``, as the standard's
guidance allows for groups with no register number.

The flat (CSV/XLSX) layout is the one flattentool produces and reads: one row per grant,
columns such as ``recipientOrganization/0/id`` (see ``FLAT_COLUMNS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


def grant_identifier(prefix: str, number: int) -> str:
    return f"360G-{prefix}-{number}"


def organisation_identifier(
    prefix: str, *, charity_number: str, company_number: str, slug: str
) -> str:
    if charity_number.strip():
        return f"GB-CHC-{charity_number.strip()}"
    if company_number.strip():
        return f"GB-COH-{company_number.strip()}"
    return f"360G-{prefix}-ORG-{slug}"


def pounds(pence: int) -> int | float:
    """360Giving amounts are numbers in pounds; whole pounds stay integers."""
    pounds_, rest = divmod(pence, 100)
    return pounds_ if rest == 0 else pence / 100


def recipient_json(
    prefix: str, *, name: str, slug: str, charity_number: str, company_number: str
) -> dict:
    """The recipient organisation object, identified by its register number where known."""
    recipient: dict = {
        "id": organisation_identifier(
            prefix, charity_number=charity_number, company_number=company_number, slug=slug
        ),
        "name": name,
    }
    if charity_number:
        recipient["charityNumber"] = charity_number
    if company_number:
        recipient["companyNumber"] = company_number
    return recipient


def programme_json(*, code: str, title: str) -> list:
    """``grantProgramme``: the round the award came from."""
    return [{"code": code, "title": title}]


def location_json(
    *, ward_name: str, ward_code: str, district_name: str, district_code: str
) -> list:
    """``beneficiaryLocation``: the ward (ONS code, ``WD``) and its district."""
    return [
        {"name": ward_name, "geoCode": ward_code, "geoCodeType": "WD"},
        {"name": district_name, "geoCode": district_code},
    ]


@dataclass(frozen=True)
class Funder:
    identifier: str
    name: str


def funder_json(funder: Funder) -> list:
    """``fundingOrganization``: the council."""
    return [{"id": funder.identifier, "name": funder.name}]


class AwardRecord(NamedTuple):
    """What one published award says, in the council's terms.

    Its recipient, programme and location are the objects ``recipient_json``,
    ``programme_json`` and ``location_json`` build, made once per group, round and ward and
    shared by their awards. A named tuple, not a dataclass: an export builds 100,000 of them.
    """

    number: int
    title: str
    description: str
    amount_applied_pence: int
    amount_awarded_pence: int
    award_date: date
    planned_start: date | None
    planned_end: date | None
    recipient: dict
    programme: list
    location: list


def grant_json(record: AwardRecord, *, prefix: str, funder: list) -> dict:
    """The 360Giving grant object for one award (valid against the 1.4 schema);
    ``funder`` is ``funder_json``'s."""
    grant: dict = {
        "id": grant_identifier(prefix, record.number),
        "title": record.title,
        "description": record.description or record.title,
        "currency": "GBP",
        "amountAppliedFor": pounds(record.amount_applied_pence),
        "amountAwarded": pounds(record.amount_awarded_pence),
        "awardDate": record.award_date.isoformat(),
        "recipientOrganization": [record.recipient],
        "fundingOrganization": funder,
        "grantProgramme": record.programme,
        "beneficiaryLocation": record.location,
    }
    if record.planned_start is not None:
        planned = {"startDate": record.planned_start.isoformat()}
        if record.planned_end is not None:
            planned["endDate"] = record.planned_end.isoformat()
        grant["plannedDates"] = [planned]
    return grant


FLAT_COLUMNS = (
    "id",
    "title",
    "description",
    "currency",
    "amountAppliedFor",
    "amountAwarded",
    "awardDate",
    "plannedDates/0/startDate",
    "plannedDates/0/endDate",
    "recipientOrganization/0/id",
    "recipientOrganization/0/name",
    "recipientOrganization/0/charityNumber",
    "recipientOrganization/0/companyNumber",
    "fundingOrganization/0/id",
    "fundingOrganization/0/name",
    "grantProgramme/0/code",
    "grantProgramme/0/title",
    "beneficiaryLocation/0/name",
    "beneficiaryLocation/0/geoCode",
    "beneficiaryLocation/0/geoCodeType",
    "beneficiaryLocation/1/name",
    "beneficiaryLocation/1/geoCode",
)


# Each column's path into the grant object, split once: ("recipientOrganization", 0, "id").
_PATHS = tuple(
    tuple(int(part) if part.isdigit() else part for part in column.split("/"))
    for column in FLAT_COLUMNS
)


def flat_row(grant: dict) -> list:
    """One grant object as a row under ``FLAT_COLUMNS`` (blank where it has no value)."""
    row = []
    for path in _PATHS:
        value: object = grant
        for part in path:
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) and part < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
            if value is None:
                break
        row.append("" if value is None else value)
    return row
