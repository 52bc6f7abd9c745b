"""Writes for co-operatives and mutuals; import them from here.

``mutuals_erase`` is the app's part of a person's erasure (people's ``user_erase`` calls it
once wired): memberships end, pending share applications go; who voted stays, pointing at
the erased account, so every ballot's turnout and count stay right.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.mutuals.models import Member, Mutual, ShareApplication
from coopcouncil.mutuals.services.ballots import (
    ballot_open,
    ballot_vote,
    election_ballots_import,
    election_count,
    election_open,
    election_vote,
)
from coopcouncil.mutuals.services.governance import (
    PAPER_MAX_BYTES,
    board_seat_fill,
    constituency_add,
    paper_publish,
)
from coopcouncil.mutuals.services.register import (
    member_facts_change,
    member_join,
    members_import,
    members_recheck,
    membership_class_add,
    mutual_register,
    secretary_appoint,
)
from coopcouncil.mutuals.services.service_links import mutual_service_link
from coopcouncil.mutuals.services.shares import (
    interest_year_record,
    share_apply,
    share_offer_allocate,
    share_offer_create,
)
from coopcouncil.mutuals.services.spinouts import (
    spin_out_stage_sign_off,
    spin_out_stage_update,
    spin_out_start,
)
from coopcouncil.people.models import User

__all__ = [
    "PAPER_MAX_BYTES",
    "ballot_open",
    "ballot_vote",
    "board_seat_fill",
    "constituency_add",
    "election_ballots_import",
    "election_count",
    "election_open",
    "election_vote",
    "interest_year_record",
    "member_facts_change",
    "mutual_service_link",
    "member_join",
    "members_import",
    "members_recheck",
    "membership_class_add",
    "mutual_register",
    "mutuals_erase",
    "paper_publish",
    "secretary_appoint",
    "share_apply",
    "share_offer_allocate",
    "share_offer_create",
    "spin_out_stage_sign_off",
    "spin_out_stage_update",
    "spin_out_start",
]


def mutuals_erase(*, user: User) -> None:
    """End the person's memberships and secretaryships and drop unallocated share applications.

    Allocated shares stay (the society's share register is a legal record), as do the
    participation rows, so ballot turnouts are unchanged.
    """
    today = timezone.localdate()
    with transaction.atomic():
        Member.objects.filter(user=user, left_on__isnull=True).update(
            left_on=today, is_tenant=False, is_employee=False
        )
        ShareApplication.objects.filter(user=user, allocated_pence__isnull=True).delete()
        for mutual in Mutual.objects.filter(secretaries=user):
            mutual.secretaries.remove(user)
        audit_record(
            actor=None,
            action="mutuals.erased",
            target=user,
            summary="Co-operative memberships ended on erasure",
        )
