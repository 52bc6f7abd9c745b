"""Writes for places. Every write checks permission, runs in one transaction and is audited."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.places.logic.ward_csv import parse_ward_rows
from coopcouncil.places.models import Ward
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
