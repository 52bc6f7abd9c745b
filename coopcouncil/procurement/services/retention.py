"""How long an unsuccessful bid keeps its bidder's contact (registered in the app config).

The default, one year after the award, is the Local Government Retention Guidelines' rule
for unsuccessful tenders (the IRMS's: process complete plus one year, long enough for a
challenge to the award). Only the person who submitted the bid is cleared: the bid, its
prices, offers and the panel's scores stay, as the award decision and its published
breakdown (OCDS) rest on them, and the organisation that bid is not a person. The winning
bid and the contract are the public record of the contract and are kept.
"""

from __future__ import annotations

from datetime import datetime

from coopcouncil.core.interfaces import RetentionRule
from coopcouncil.procurement.models import Bid


def _unsuccessful_bidder_contacts(*, before: datetime, dry_run: bool) -> int:
    # ``contract`` on a bid is the contract it won; a lost bid has none.
    lost = Bid.objects.filter(
        lot__contract__awarded_at__lt=before, contract__isnull=True, submitted_by__isnull=False
    )
    return lost.count() if dry_run else lost.update(submitted_by=None)


PROCUREMENT_RETENTION_RULES = (
    RetentionRule(
        "procurement.unsuccessful_bidder_contacts",
        "Who submitted a bid that lost, after the lot's award.",
        "anonymised",
        365,
        _unsuccessful_bidder_contacts,
    ),
    RetentionRule(
        "procurement.evaluations",
        "Bids, tender panel seats, quality scores and contracts: procurement records, "
        "kept for the contract's life and audit; the evaluator is anonymised on erasure.",
        "kept",
    ),
)
