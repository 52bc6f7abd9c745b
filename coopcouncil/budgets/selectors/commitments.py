"""Reads for commitments made elsewhere: the money sources that have no commitment yet.

Three things commit a district's money before any invoice lands: a district partnership's
published decision with a budget, a PB project once its process has moved into delivery, and
a ward budget allocation the district team approved. Budgets reads them through democracy's
and participation's selectors (both sit below budgets) and ``commitments_sync`` turns each
into one commitment linked to its source. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.budgets.logic.monitoring import financial_year_label
from coopcouncil.budgets.models import Commitment, WardBudgetAllocation
from coopcouncil.democracy.selectors import decision_list
from coopcouncil.participation.selectors import delivery_list, process_list
from coopcouncil.places.models import District, Ward

Source = Commitment.Source

#: Decisions in force: published, or confirmed or amended after a call-in review. A
#: suspended or withdrawn decision commits nothing.
DECISIONS_IN_FORCE = ("published", "confirmed", "amended")


@dataclass(frozen=True)
class CommitmentSource:
    """One source of committed money and the commitment it makes (``district`` None: it cannot
    make one yet, and ``waiting_reason`` says why)."""

    kind: str
    source_id: int
    title: str
    amount_pence: int
    committed_on: date
    district: District | None
    ward: Ward | None = None
    waiting_reason: str = ""

    @property
    def kind_label(self) -> str:
        return str(Source(self.kind).label)


def _local_date(moment: datetime | None) -> date:
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


def _decision_sources(financial_year: str) -> list[CommitmentSource]:
    committed = Commitment.objects.filter(decision=OuterRef("pk"))
    decisions = (
        decision_list()
        .filter(status__in=DECISIONS_IN_FORCE, budget_pence__gt=0)
        .exclude(Exists(committed))
    )
    sources = []
    for decision in decisions:
        published_on = _local_date(decision.published_at)
        if financial_year_label(published_on) != financial_year:
            continue
        wards = list(decision.wards.all())
        sources.append(
            CommitmentSource(
                kind=Source.DECISION,
                source_id=decision.pk,
                title=decision.title,
                amount_pence=decision.budget_pence,
                committed_on=published_on,
                district=decision.partnership.district,
                # A decision for one ward draws on that ward's share; more wards, the district's.
                ward=wards[0] if len(wards) == 1 else None,
            )
        )
    return sources


def _pb_sources(financial_year: str) -> list[CommitmentSource]:
    sources = []
    for process in process_list(phase="delivery"):
        started = process.delivery_at or process.results_at or process.voting_close_at
        started_on = _local_date(started)
        if financial_year_label(started_on) != financial_year:
            continue
        deliveries = (
            delivery_list(process)
            .exclude(status="cancelled")
            .exclude(project__budget_commitments__isnull=False)
        )
        for delivery in deliveries:
            project = delivery.project
            ward = project.ward
            district = process.district or (ward.district if ward else None)
            sources.append(
                CommitmentSource(
                    kind=Source.PB_PROJECT,
                    source_id=project.pk,
                    title=f"{process.title}: {project.display_title}",
                    amount_pence=project.cost_pence,
                    committed_on=started_on,
                    district=district,
                    ward=ward if ward and district and ward.district_id == district.pk else None,
                    waiting_reason=""
                    if district
                    else gettext("A borough-wide project with no ward: record it by hand."),
                )
            )
    return sources


def _ward_allocation_sources(financial_year: str) -> list[CommitmentSource]:
    allocations = (
        WardBudgetAllocation.objects.filter(
            status=WardBudgetAllocation.Status.APPROVED,
            ward_budget__financial_year=financial_year,
            commitments__isnull=True,
        )
        .select_related("ward__district", "recipient_organisation")
        .order_by("decided_at", "pk")
    )
    return [
        CommitmentSource(
            kind=Source.WARD_ALLOCATION,
            source_id=allocation.pk,
            title=f"{allocation.ward}: {allocation.recipient_name}",
            amount_pence=allocation.amount_pence,
            committed_on=_local_date(allocation.decided_at),
            district=allocation.ward.district,
            ward=allocation.ward,
        )
        for allocation in allocations
    ]


def commitment_sources(*, financial_year: str) -> list[CommitmentSource]:
    """Every source in the financial year that has no commitment yet, by kind then date.

    A decision falls in the year it was published; a PB project in the year its process
    moved into delivery; a ward allocation in its ward budget's year.
    """
    return (
        _decision_sources(financial_year)
        + _pb_sources(financial_year)
        + _ward_allocation_sources(financial_year)
    )
