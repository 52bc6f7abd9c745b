"""Writes for budget monitoring: commitments and actual-spend imports.

A spend file goes in whole or not at all: every row is checked first and every problem is
reported with its row number. Importing the same file twice is recognised by its checksum and
changes nothing the second time.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from coopcouncil.budgets.logic.monitoring import parse_actual_spend_csv
from coopcouncil.budgets.models import Commitment, ServiceBudgetLine, SpendImport, SpendRecord
from coopcouncil.budgets.selectors.cost_centres import cost_centre_codes
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError, RowErrors
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District, Ward


def commitment_record(
    *,
    actor: Actor,
    district: District,
    line: ServiceBudgetLine,
    amount_pence: int,
    description: str,
    committed_on: date,
    decision: Any = None,
    ward: Ward | None = None,
) -> Commitment:
    """Record money a district has committed from a line, optionally citing its decision.

    A commitment may name the ward whose share it comes from (for a line devolved on to
    wards); the ward must be in the district.
    """
    require(actor, "budgets.record_commitment", district)
    if type(amount_pence) is not int or amount_pence <= 0:
        raise DomainError("amount_invalid", "A commitment must be more than £0.00.", "amount_pence")
    if not description.strip():
        raise DomainError("description_required", "Say what the money is for.", "description")
    if decision is not None:
        _check_decision(decision, district)
    if ward is not None and ward.district_id != district.pk:
        raise DomainError("ward_other_district", f"{ward} ward is not in {district}.", "ward")
    with transaction.atomic():
        commitment = Commitment.objects.create(
            district=district,
            line=line,
            amount_pence=amount_pence,
            description=description.strip(),
            committed_on=committed_on,
            created_by=acting_user(actor),
            decision=decision,
            ward=ward,
        )
        audit_record(
            actor=actor,
            action="budgets.commitment_recorded",
            target=commitment,
            summary=f"{district}: {format_pence(amount_pence)} committed from {line}",
        )
    return commitment


_DECIDED = ("published", "confirmed", "amended")


def _check_decision(decision: Any, district: District) -> None:
    """Money is committed by a published decision of this district's partnership."""
    if decision.partnership.district_id != district.pk:
        raise DomainError(
            "decision_other_district",
            f"'{decision}' is a decision of {decision.partnership.district}, not {district}.",
            "decision",
        )
    if decision.status not in _DECIDED:
        raise DomainError(
            "decision_not_in_force",
            f"'{decision}' is {decision.get_status_display().lower()}; only a published "
            "decision commits money.",
            "decision",
        )


def spend_import(
    *, actor: Actor, text: str, file_name: str = "", check_permission: bool = True
) -> SpendImport:
    """Import actual spend from CSV text; any bad row stops the import and nothing is written.

    ``check_permission`` is False only for the command line, which runs with the operator's
    shell access rather than a platform account. Returns the import (the earlier one when the
    same file was imported before).
    """
    if check_permission:
        require(actor, "budgets.import_spend")
    checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
    districts = {d.slug: d for d in District.objects.all()}
    lines = {line.slug: line for line in ServiceBudgetLine.objects.all()}
    wards = {ward.slug: ward for ward in Ward.objects.select_related("district")}
    parsed = parse_actual_spend_csv(
        text,
        known_districts=districts,
        known_lines=lines,
        known_wards={slug: ward.district.slug for slug, ward in wards.items()},
        cost_centres=cost_centre_codes(),
    )
    if not parsed.is_clean:
        raise RowErrors(
            "spend_import_invalid",
            f"The file has {len(parsed.errors)} problem(s); nothing was imported.",
            [(error.row_number, error.field, error.message) for error in parsed.errors],
        )
    if not parsed.rows:
        raise DomainError("spend_import_empty", "The file has no rows of spend.", "file")
    try:
        return _spend_write(actor, parsed.rows, (districts, lines, wards), checksum, file_name)
    except IntegrityError:
        # The same file arrived twice at once: the other request imported it.
        return SpendImport.objects.get(content_sha256=checksum)


#: A year of a council's spend lines is a few megabytes; anything far larger is a wrong file.
SPEND_FILE_MAX_BYTES = 20 * 1024 * 1024


def spend_import_file(*, actor: Actor, upload: Any) -> SpendImport:
    """Import actual spend from an uploaded CSV file (the web form and the API's upload).

    The file must be UTF-8 (a spreadsheet's "CSV UTF-8", byte-order mark allowed); problems
    with the file itself are errors on the field ``file``.
    """
    require(actor, "budgets.import_spend")
    if upload is None:
        raise DomainError("file_required", "Choose the CSV file of spend to import.", "file")
    if upload.size is not None and upload.size > SPEND_FILE_MAX_BYTES:
        raise DomainError(
            "file_too_large",
            f"The file is larger than {SPEND_FILE_MAX_BYTES // (1024 * 1024)} MB.",
            "file",
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            "file_not_utf8", "The file is not UTF-8 text; save it as CSV UTF-8.", "file"
        ) from None
    return spend_import(actor=actor, text=text, file_name=upload.name or "")


def _spend_write(actor: Actor, rows, known: tuple, checksum: str, file_name: str) -> SpendImport:
    districts, lines, wards = known
    with transaction.atomic():
        earlier = SpendImport.objects.select_for_update().filter(content_sha256=checksum).first()
        if earlier is not None:
            return earlier
        batch = SpendImport.objects.create(
            file_name=file_name[:200],
            content_sha256=checksum,
            row_count=len(rows),
            total_pence=sum(row.amount_pence for row in rows),
            imported_by=acting_user(actor),
        )
        SpendRecord.objects.bulk_create(
            SpendRecord(
                spend_import=batch,
                district=districts[row.district_code],
                line=lines[row.line_code],
                spent_on=row.spent_on,
                amount_pence=row.amount_pence,
                description=row.description[:250],
                reference=row.reference[:80],
                ward=wards.get(row.ward_code),
            )
            for row in rows
        )
        audit_record(
            actor=actor,
            action="budgets.spend_imported",
            target=batch,
            summary=f"{batch.row_count} spend rows ({format_pence(batch.total_pence)}) imported",
            details={"file_name": file_name, "sha256": checksum},
        )
    return batch
