"""Writes for places. Every write checks permission, runs in one transaction and is audited."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils.translation import gettext, ngettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.places.logic.addresses import parse_address_list
from coopcouncil.places.logic.postcodes import RowProblem, parse_postcode_directory
from coopcouncil.places.logic.ward_csv import parse_ward_rows
from coopcouncil.places.models import Address, Postcode, Ward
from coopcouncil.places.selectors import borough_current


def ward_figures_import(
    *, actor: AbstractBaseUser | AnonymousUser | None, text: str, check_permission: bool = True
) -> int:
    """Replace ward figures from a CSV; every row is checked and nothing is written on error.

    ``check_permission`` is False only for the command line, which runs with the
    operator's shell access rather than a platform account.
    Returns the number of wards updated.
    """
    if check_permission:
        require(actor, "places.edit_figures")
    wards = {w.code: w for w in Ward.objects.all()}
    rows, problems = parse_ward_rows(text, wards.keys())
    if problems:
        raise RowErrors(
            "ward_import_invalid",
            f"The file has {len(problems)} problem(s); no ward was changed.",
            [(p.row_number, p.field, p.message) for p in problems],
        )
    with transaction.atomic():
        for row in rows:
            ward = wards[row.ward_code]
            for field, value in row.figures.items():
                setattr(ward, field, value)
            ward._change_reason = "ward figures import"  # type: ignore[attr-defined]  # simple-history
            ward.save()
        borough = borough_current()
        if borough is not None:
            audit_record(
                actor=actor,
                action="places.ward_figures_imported",
                target=borough,
                summary=f"Ward figures imported for {len(rows)} wards",
                details={"wards": [r.ward_code for r in rows]},
            )
    return len(rows)


Actor = AbstractBaseUser | AnonymousUser | None


def _refuse_rows(code: str, problems: Sequence[RowProblem], what: str) -> RowErrors:
    message = ngettext(
        "The file has %(count)d problem; no %(what)s was changed.",
        "The file has %(count)d problems; no %(what)s was changed.",
        len(problems),
    ) % {"count": len(problems), "what": what}
    return RowErrors(code, message, [(p.line, p.field, p.message) for p in problems])


def _audit_on_borough(*, actor: Actor, action: str, summary: str, details: dict) -> None:
    borough = borough_current()
    if borough is not None:
        audit_record(actor=actor, action=action, target=borough, summary=summary, details=details)


def _delete_in_batches(model: type[Postcode] | type[Address], pks: list[int]) -> None:
    # SQLite caps the parameters of one statement; a re-drawn ward can drop thousands of rows.
    for start in range(0, len(pks), 500):
        model.objects.filter(pk__in=pks[start : start + 500]).delete()


@dataclass(frozen=True)
class PostcodeImportSummary:
    kept: int
    terminated: int
    skipped: int  # rows of postcodes in other councils' wards


def postcode_directory_import(
    *, actor: Actor, lines: Iterable[str], check_permission: bool = True
) -> PostcodeImportSummary:
    """Replace the borough's postcodes from the ONS postcode directory, all or nothing.

    ``lines`` is the CSV (an open file streams the national file rather than holding it).
    Postcodes in the new file are updated in place and any the file no longer lists are
    removed, so loading the same file twice changes nothing. ``check_permission`` is False
    only for the command line, run with the operator's shell access.
    """
    if check_permission:
        require(actor, "places.load_addresses")
    wards = {w.code: w for w in Ward.objects.all()}
    reading = parse_postcode_directory(lines, wards.keys())
    if reading.problems:
        raise _refuse_rows("postcodes_invalid", reading.problems, gettext("postcode"))
    with transaction.atomic():
        Postcode.objects.bulk_create(
            [
                Postcode(
                    postcode=row.postcode,
                    ward=wards[row.ward_code],
                    latitude=row.latitude,
                    longitude=row.longitude,
                    terminated_on=row.terminated_on,
                )
                for row in reading.postcodes
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["ward", "latitude", "longitude", "terminated_on"],
        )
        listed = {row.postcode for row in reading.postcodes}
        gone = [
            pk for pk, code in Postcode.objects.values_list("pk", "postcode") if code not in listed
        ]
        _delete_in_batches(Postcode, gone)
        summary = PostcodeImportSummary(
            kept=len(reading.postcodes),
            terminated=sum(1 for row in reading.postcodes if row.terminated_on is not None),
            skipped=reading.skipped,
        )
        _audit_on_borough(
            actor=actor,
            action="places.postcodes_imported",
            summary=f"Postcode directory imported: {summary.kept} postcodes",
            details={"kept": summary.kept, "terminated": summary.terminated, "removed": len(gone)},
        )
    return summary


def address_list_import(
    *, actor: Actor, lines: Iterable[str], check_permission: bool = True
) -> int:
    """Replace the council's address list from a gazetteer (LLPG) extract, all or nothing.

    Addresses are matched on UPRN: updated in place, added, or removed when the extract no
    longer lists them. Returns the number of addresses in the list.
    """
    if check_permission:
        require(actor, "places.load_addresses")
    wards = {w.code: w for w in Ward.objects.all()}
    reading = parse_address_list(lines, wards.keys())
    if reading.problems:
        raise _refuse_rows("addresses_invalid", reading.problems, gettext("address"))
    with transaction.atomic():
        Address.objects.bulk_create(
            [
                Address(
                    uprn=row.uprn,
                    address_line_1=row.address_line_1,
                    address_line_2=row.address_line_2,
                    address_line_3=row.address_line_3,
                    town=row.town,
                    postcode=row.postcode,
                    ward=wards[row.ward_code],
                )
                for row in reading.addresses
            ],
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["uprn"],
            update_fields=[
                "address_line_1",
                "address_line_2",
                "address_line_3",
                "town",
                "postcode",
                "ward",
            ],
        )
        listed = {row.uprn for row in reading.addresses}
        gone = [pk for pk, uprn in Address.objects.values_list("pk", "uprn") if uprn not in listed]
        _delete_in_batches(Address, gone)
        _audit_on_borough(
            actor=actor,
            action="places.addresses_imported",
            summary=f"Address list imported: {len(reading.addresses)} addresses",
            details={"addresses": len(reading.addresses), "removed": len(gone)},
        )
    return len(reading.addresses)
