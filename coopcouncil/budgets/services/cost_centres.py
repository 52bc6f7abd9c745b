"""Writes for the ledger's cost-centre codes: the finance officer maps each code once.

Mapping a code again moves it (the ledger renumbered, or a line for a new year); the audit
record keeps what it meant before, because spend already imported stays where it landed.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.budgets.models import CostCentre, ServiceBudgetLine
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District, Ward

#: Ledger codes are short and plain (CC4410, 31-200-07); a spreadsheet cell with spaces or
#: punctuation in it is a typing slip, not a code.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}")


def cost_centre_save(
    *,
    actor: Actor,
    code: str,
    district: District,
    line: ServiceBudgetLine,
    ward: Ward | None = None,
) -> CostCentre:
    """Map a ledger cost-centre code to a district, a budget line and, optionally, a ward."""
    require(actor, "budgets.manage_cost_centres")
    code = code.strip()
    if not _CODE.fullmatch(code):
        raise DomainError(
            "cost_centre_code_invalid",
            gettext("Write the ledger's code as it appears in the finance system, e.g. CC4410."),
            "code",
        )
    if ward is not None and ward.district_id != district.pk:
        raise DomainError(
            "ward_other_district",
            gettext("%(ward)s ward is not in %(district)s.") % {"ward": ward, "district": district},
            "ward",
        )
    with transaction.atomic():
        earlier = CostCentre.objects.select_for_update().filter(code=code).first()
        before = (
            {"district": earlier.district_id, "line": earlier.line_id, "ward": earlier.ward_id}
            if earlier
            else None
        )
        cost_centre, _ = CostCentre.objects.update_or_create(
            code=code,
            defaults={
                "district": district,
                "line": line,
                "ward": ward,
                "updated_by": acting_user(actor),
            },
        )
        audit_record(
            actor=actor,
            action="budgets.cost_centre_mapped",
            target=cost_centre,
            summary=f"Cost centre {code} → {district} / {line}" + (f" / {ward}" if ward else ""),
            details={"before": before},
        )
    return cost_centre
