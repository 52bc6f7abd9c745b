"""How long a mutual keeps a former member's personal details (registered in the app
config).

The default, ten years after they left, is the rule a company's register of members
follows (Companies Act 2006, s. 121: a former member's entry may be removed ten years
after they ceased to be a member), applied here to every legal form until the council's
records-management schedule, or a society's rules, say otherwise
(``COOPCOUNCIL_RETENTION_MUTUALS_FORMER_MEMBERS_DAYS``).

The membership row stays without its person (and without whether they were a tenant or
an employee), and so do the share applications they made to that mutual: their amounts
are the share register, and each ballot's and election's electors and participation point
at the row, so turnouts, tallies and share totals are unchanged.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef

from coopcouncil.core.interfaces import RetentionRule
from coopcouncil.mutuals.models import Member, ShareApplication


def _former_members(*, before: datetime, dry_run: bool) -> int:
    former = Member.objects.filter(left_on__lt=before.date(), user__isnull=False)
    if dry_run:
        return former.count()
    their_applications = ShareApplication.objects.filter(
        Exists(former.filter(mutual=OuterRef("offer__mutual"), user=OuterRef("user")))
    )
    # The share applications first: once the memberships lose the person, nothing joins them.
    their_applications.update(user=None)
    return former.update(user=None, is_tenant=False, is_employee=False)


MUTUALS_RETENTION_RULES = (
    RetentionRule(
        "mutuals.former_members",
        "Who a former member was (and whether a tenant or employee), on their membership "
        "and their share applications, after they left.",
        "anonymised",
        10 * 365,
        _former_members,
    ),
    RetentionRule(
        "mutuals.memberships",
        "Current memberships: the mutual's register of members, kept while they are "
        "members; the member is anonymised on erasure.",
        "kept",
    ),
)
