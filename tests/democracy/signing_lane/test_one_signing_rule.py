"""The lane's signing statement and the Django endpoint allow exactly the same signers.

Every combination of the signer's account, email and residency with the decision's
status, its petition's status and the window goes to both: the statement (all at once,
as one batch, rolled back) and the endpoint's own function (one by one). Each
combination must be accepted by both or refused by both.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.utils import timezone

from coopcouncil.core.errors import DomainError
from coopcouncil.democracy.api.decisions import sign
from coopcouncil.democracy.api.schemas import SignatureIn
from coopcouncil.democracy.models import CallInPetition, Decision
from coopcouncil.democracy.services.signing import (
    SignatureRequest,
    signatures_insert_params,
    signatures_insert_sql,
    signatures_written,
)
from coopcouncil.people.models import Residency

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the lane's statement runs on PostgreSQL"
    ),
]

DAY = timedelta(days=1)
# Each residency history as (status, days until it expires or None), oldest first.
RESIDENCIES = {
    "none": (),
    "pending": ((Residency.Status.PENDING, None),),
    "pending-with-expiry": ((Residency.Status.PENDING, 30),),
    "verified": ((Residency.Status.VERIFIED, 30),),
    "verified-expired": ((Residency.Status.VERIFIED, -1),),
    "verified-no-expiry": ((Residency.Status.VERIFIED, None),),
    "revoked": ((Residency.Status.REVOKED, 30),),
    "revoked-expired": ((Residency.Status.REVOKED, -1),),
    "lapsed-then-renewed": ((Residency.Status.VERIFIED, -1), (Residency.Status.VERIFIED, 30)),
    "verified-then-revoked": (
        (Residency.Status.VERIFIED, 30),
        (Residency.Status.REVOKED, 30),
    ),
}
# The window as (days from now it opens, days from now it closes).
WINDOWS = {"not-yet-open": (1, 2), "open": (-1, 1), "closed": (-2, -1)}
PETITIONS = [*CallInPetition.Status.values, None]  # None: the decision has no petition


def _signer(make_user, ward, *, active, email, residency, now):
    user = make_user(verified_email=email, is_active=active)
    for age, (status, expires_in) in enumerate(RESIDENCIES[residency]):
        Residency.objects.create(
            user=user,
            ward=ward,
            status=status,
            verified_at=now - timedelta(days=10 - age),
            expires_at=now + expires_in * DAY if expires_in is not None else None,
        )
    return user


def _decision(partnership, *, status, petition_status, window, now):
    decision = Decision.objects.create(
        partnership=partnership, title=f"{status} {petition_status} {window}", status=status
    )
    if petition_status is not None:
        opens, closes = WINDOWS[window]
        CallInPetition.objects.create(
            decision=decision,
            opens_at=now + opens * DAY,
            closes_at=now + closes * DAY,
            threshold=1_000_000,  # no suspension: it would change later combinations
            status=petition_status,
        )
    return decision


def _statement_accepts(pairs, now) -> set[tuple[int, int]]:
    requests = [
        SignatureRequest(signer_id=u.pk, decision_id=d.pk, show_name=False) for u, d in pairs
    ]
    stamp = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            signatures_insert_sql(), signatures_insert_params(requests, now=now, stamp=stamp)
        )
        written = signatures_written(cursor.fetchall(), stamp=stamp)
        transaction.set_rollback(True)
    return {(w.signer_id, w.decision_id) for w in written}


def _endpoint_accepts(user, decision) -> bool:
    request = SimpleNamespace(user=user, META={"REMOTE_ADDR": "127.0.0.1"})
    try:
        sign(request, decision.pk, SignatureIn(show_name=False))
    except DomainError:
        return False
    return True


def test_the_statement_and_the_endpoint_accept_exactly_the_same_signers(
    make_user, ward, partnership, settings
):
    # The rule of who may sign, not how often: rate limits (tested on their own) are off.
    settings.COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ACCOUNT = 0
    settings.COOPCOUNCIL_RATE_LIMIT_CALL_IN_SIGNATURE_PER_ADDRESS = 0
    now = timezone.now()
    signers = [
        _signer(make_user, ward, active=active, email=email, residency=residency, now=now)
        for active, email, residency in itertools.product((True, False), (True, False), RESIDENCIES)
    ]
    decisions = [
        _decision(partnership, status=status, petition_status=petition, window=window, now=now)
        for status, petition, window in itertools.product(
            Decision.Status.values, PETITIONS, WINDOWS
        )
        if petition is not None or window == "open"  # no petition, no window
    ]
    pairs = list(itertools.product(signers, decisions))
    by_statement = _statement_accepts(pairs, now)
    disagreements = [
        (user.email, decision.title)
        for user, decision in pairs
        if _endpoint_accepts(user, decision) != ((user.pk, decision.pk) in by_statement)
    ]
    assert disagreements == []
    assert by_statement, "some combination must be allowed, or the test proves nothing"
