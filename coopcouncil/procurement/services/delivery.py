"""Writes for delivery monitoring: quarterly returns (form or CSV) and remedies for shortfalls.

A return is all or nothing: one bad row of a CSV and nothing is stored, every row's problem
reported (``core.errors.RowErrors``). Each line records the quarter's due share of the
promise beside what was delivered, so a shortfall is flagged as it is stored and stays as it
was judged even if the contract's dates change later.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.procurement.logic.delivery import (
    ReturnRow,
    contract_quarters,
    quarter_due,
    return_rows_read,
)
from coopcouncil.procurement.models import Contract, QuarterlyReturn, ReturnLine


def quarterly_return_submit(
    *,
    actor: Actor,
    contract: Contract,
    year: int,
    quarter: int,
    rows: Sequence[ReturnRow],
) -> QuarterlyReturn:
    """The supplier reports what it delivered against each commitment in one quarter."""
    require(actor, "procurement.submit_return", contract)
    quarters = contract_quarters(contract.starts_on, contract.ends_on)
    if (year, quarter) not in quarters:
        raise DomainError(
            "quarter_outside_contract",
            gettext("That quarter is outside the contract's term."),
            "quarter",
        )
    commitments = {c.measure.code: c for c in contract.commitments.select_related("measure")}
    if not commitments:
        raise Conflict("no_commitments", gettext("This contract has no social value commitments."))
    by_code = {row.measure: row for row in rows}
    if set(by_code) != set(commitments) or len(by_code) != len(rows):
        raise DomainError("return_incomplete", gettext("Report once on every commitment."), "lines")
    try:
        with transaction.atomic():
            filed = QuarterlyReturn.objects.create(
                contract=contract, year=year, quarter=quarter, submitted_by=acting_user(actor)
            )
            lines = ReturnLine.objects.bulk_create(
                ReturnLine(
                    quarterly_return=filed,
                    commitment=commitment,
                    delivered=by_code[code].delivered,
                    due=quarter_due(commitment.promised, len(quarters)),
                    evidence=by_code[code].evidence,
                )
                for code, commitment in sorted(commitments.items())
            )
            short = [line.commitment.measure.code for line in lines if line.is_short]
            audit_record(
                actor=actor,
                action="procurement.return_submitted",
                target=filed,
                summary=f"{contract}: {year} Q{quarter}"
                + (f", short on {', '.join(short)}" if short else ""),
                details={"short": short},
            )
    except IntegrityError:
        raise Conflict(
            "return_exists", gettext("This quarter's return has already been made."), "quarter"
        ) from None
    return filed


def quarterly_return_import(
    *, actor: Actor, contract: Contract, year: int, quarter: int, text: str
) -> QuarterlyReturn:
    """A quarterly return from a CSV (``measure, delivered, evidence``); all rows or none."""
    require(actor, "procurement.submit_return", contract)
    measures = {
        c.measure.code: c.measure.name for c in contract.commitments.select_related("measure")
    }
    rows, problems = return_rows_read(text, measures=measures)
    if problems:
        raise RowErrors(
            "return_file_invalid",
            gettext("The file has errors; nothing was stored."),
            [(number, problem.field, problem.message) for number, problem in problems],
        )
    return quarterly_return_submit(
        actor=actor, contract=contract, year=year, quarter=quarter, rows=rows
    )


def remedy_record(
    *, actor: Actor, line: ReturnLine, remedy: str, now: datetime | None = None
) -> ReturnLine:
    """Record what the supplier will do to make good a shortfall."""
    require(actor, "procurement.record_remedy", line.quarterly_return.contract)
    if not line.is_short:
        raise Conflict("not_short", gettext("This line met its quarter's share."))
    if not remedy.strip():
        raise DomainError("remedy_required", gettext("Describe the remedy."), "remedy")
    with transaction.atomic():
        line.remedy = remedy.strip()
        line.remedy_recorded_by = acting_user(actor)
        line.remedy_recorded_at = now or timezone.now()
        line.save(update_fields=["remedy", "remedy_recorded_by", "remedy_recorded_at"])
        audit_record(
            actor=actor,
            action="procurement.remedy_recorded",
            target=line.quarterly_return,
            summary=f"Remedy for {line.commitment.measure.code}: {remedy[:200]}",
        )
    return line
