"""Writes that turn decisions, PB projects in delivery and approved ward allocations into
commitments, each linked to its source.

Why a sync the finance officer runs, not a signal fired when democracy publishes: budgets
sits above democracy and participation, so it may read their selectors, and neither of them
has to know budgets exists (no signal, no interface to keep in step). The sync is
idempotent: each source makes at most one commitment (database constraints, not only the
selector's "not yet committed"), so running it again, from the monitoring page, the API or
``coopcouncil budgets sync-commitments`` on a schedule, creates nothing twice. Each kind of
source is charged to the budget line the finance officer names for it; a kind with no line
named waits, listed on the page, rather than landing on a guessed line.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from coopcouncil.budgets.models import Commitment, ServiceBudgetLine
from coopcouncil.budgets.selectors.commitments import CommitmentSource, commitment_sources
from coopcouncil.budgets.services.allocations import check_financial_year
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import District

Source = Commitment.Source

#: The service's argument naming the line each kind of source is charged to.
LINE_ARGUMENTS = {
    Source.DECISION: "decision_line",
    Source.PB_PROJECT: "pb_line",
    Source.WARD_ALLOCATION: "ward_allocation_line",
}


@dataclass(frozen=True)
class CommitmentSync:
    """What one sync created, and the sources left waiting (no line named, or no district)."""

    created: tuple[Commitment, ...]
    waiting: tuple[CommitmentSource, ...]


def _check_lines(financial_year: str, lines: dict[Source, ServiceBudgetLine | None]) -> None:
    for kind, line in lines.items():
        if line is not None and line.financial_year != financial_year:
            raise DomainError(
                "line_other_year",
                gettext("%(line)s is a line of %(line_year)s, not %(year)s.")
                % {"line": line, "line_year": line.financial_year, "year": financial_year},
                LINE_ARGUMENTS[kind],
            )


def _commitment(
    source: CommitmentSource, district: District, line: ServiceBudgetLine, actor: Actor
) -> Commitment:
    return Commitment(
        district=district,
        line=line,
        ward=source.ward,
        amount_pence=source.amount_pence,
        description=source.title[:250],
        committed_on=source.committed_on,
        source=source.kind,
        decision_id=source.source_id if source.kind == Source.DECISION else None,
        pb_project_id=source.source_id if source.kind == Source.PB_PROJECT else None,
        ward_allocation_id=source.source_id if source.kind == Source.WARD_ALLOCATION else None,
        created_by=acting_user(actor),
    )


def commitments_sync(
    *,
    actor: Actor,
    financial_year: str,
    decision_line: ServiceBudgetLine | None = None,
    pb_line: ServiceBudgetLine | None = None,
    ward_allocation_line: ServiceBudgetLine | None = None,
    check_permission: bool = True,
) -> CommitmentSync:
    """Create a commitment for every source of the year that has none, on its kind's line.

    ``check_permission`` is False only for the command line (the operator's shell access).
    """
    if check_permission:
        require(actor, "budgets.sync_commitments")
    check_financial_year(financial_year)
    lines = {
        Source.DECISION: decision_line,
        Source.PB_PROJECT: pb_line,
        Source.WARD_ALLOCATION: ward_allocation_line,
    }
    _check_lines(financial_year, lines)
    try:
        with transaction.atomic():
            created, waiting = [], []
            for source in commitment_sources(financial_year=financial_year):
                line = lines[Source(source.kind)]
                if source.district is None or line is None:
                    waiting.append(source)
                    continue
                commitment = _commitment(source, source.district, line, actor)
                commitment.save()
                created.append(commitment)
            if created:
                _audit(actor, financial_year, created)
    except IntegrityError:
        # Another sync committed the same source between our read and our write.
        raise Conflict(
            "commitments_sync_overlap",
            gettext("Another sync ran at the same moment; run it again to pick up the rest."),
        ) from None
    return CommitmentSync(created=tuple(created), waiting=tuple(waiting))


def _audit(actor: Actor, financial_year: str, created: list[Commitment]) -> None:
    total = sum(commitment.amount_pence for commitment in created)
    audit_record(
        actor=actor,
        action="budgets.commitments_synced",
        target=created[0],
        summary=f"{len(created)} commitments ({format_pence(total)}) created for "
        f"{financial_year} from decisions, PB projects and ward allocations",
        details={
            "financial_year": financial_year,
            "commitments": [
                {
                    "commitment": commitment.pk,
                    "source": commitment.source,
                    "source_id": commitment.decision_id
                    or commitment.pb_project_id
                    or commitment.ward_allocation_id,
                    "amount_pence": commitment.amount_pence,
                }
                for commitment in created
            ],
        },
    )
