"""How long an energy registration keeps its household (registered in the app config).

Once a switching round's acceptance window has closed the council has no further use for
who registered: the offers have been accepted or not, and the supplier has the accepted
households. The default, a year after that, covers a complaint about the switch reaching
the Energy Ombudsman (twelve months from the supplier's final answer); then the
registration loses its person, as on erasure, and keeps its figures (ward, region, use and
costs), so the round's public figures, its result and the finder's fee still add up.
"""

from __future__ import annotations

from datetime import datetime

from coopcouncil.core.interfaces import RetentionRule
from coopcouncil.membership.models import HouseholdRegistration


def _energy_registrations(*, before: datetime, dry_run: bool) -> int:
    past = HouseholdRegistration.objects.filter(
        round__acceptance_closes__lt=before, user__isnull=False
    )
    return past.count() if dry_run else past.update(user=None)


MEMBERSHIP_RETENTION_RULES = (
    RetentionRule(
        "membership.energy_registrations",
        "Who registered a household for an energy switching round, after the round's "
        "acceptance window closes.",
        "anonymised",
        365,
        _energy_registrations,
    ),
    RetentionRule(
        "membership.members",
        "Co-op membership, pledges and benefit codes: the society's register of members, "
        "kept as the society's rules require; erasure removes the membership and its "
        "pledges.",
        "kept",
    ),
)
