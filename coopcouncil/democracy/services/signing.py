"""Call-in signatures written many at a time, in one statement, on PostgreSQL.

The signing lane in front of Django writes every signer whose request arrived while
the last batch was committing with this statement. It re-checks, inside the database,
every rule a signature needs (published decision, open window, active signer with a
confirmed email and a verified, unexpired residency) and inserts the signature with its
audit record, so a row it returns is a signature that is allowed, stored and audited —
and a request it returns no row for is left to the Django endpoint to refuse with the
exact reason.

The Django endpoint checks the same rules in Python (``democracy.sign_call_in`` and
``services.decisions.call_in_sign``) on every database. The two must agree on every
combination of account, email, residency, decision, petition and window:
tests/democracy/signing_lane/test_one_signing_rule.py enumerates them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import CallInPetition, CallInSignature, Decision
from coopcouncil.people.models import Residency, User
from coopcouncil.places.models import Ward

SIGNED_ACTION = "democracy.call_in_signed"


@dataclass(frozen=True)
class SignatureRequest:
    """One resident asking to sign the call-in of one decision."""

    signer_id: int
    decision_id: int
    show_name: bool


@dataclass(frozen=True)
class SignatureWritten:
    """A stored (and audited) signature, with what the reply and threshold need."""

    id: int
    signer_id: int
    decision_id: int
    show_name: bool
    signed_at: datetime
    ward_id: int
    ward_name: str
    signer_name: str
    petition_id: int
    petition_open: bool
    threshold: int

    @property
    def shown_name(self) -> str | None:
        return self.signer_name if self.show_name else None


@cache
def signatures_insert_sql() -> str:
    """The statement; its parameters come from ``signatures_insert_params``.

    ``DISTINCT ON`` keeps one row per signer and petition when a burst carries the
    same request twice, and ``ON CONFLICT DO NOTHING`` turns a second signature into
    no row, so the unique constraint never aborts the other signers' batch.
    """
    decision, petition = Decision._meta, CallInPetition._meta
    signature, audit = CallInSignature._meta, AuditEvent._meta
    user, residency, ward = User._meta, Residency._meta, Ward._meta
    return f"""
        WITH request AS (
            SELECT * FROM unnest(
                %(signers)s::bigint[], %(decisions)s::bigint[], %(show_names)s::boolean[]
            ) AS r(signer_id, decision_id, show_name)
        ), allowed AS (
            SELECT DISTINCT ON (r.signer_id, p.id)
                r.signer_id, r.decision_id, r.show_name, p.id AS petition_id,
                p.status AS petition_status, p.threshold, d.title, u.full_name, home.ward_id
            FROM request r
            JOIN {user.db_table} u
                ON u.id = r.signer_id AND u.is_active AND u.email_verified_at IS NOT NULL
            JOIN {decision.db_table} d ON d.id = r.decision_id AND d.status <> %(draft)s
            JOIN {petition.db_table} p
                ON p.decision_id = d.id AND p.status <> %(closed)s
                AND p.opens_at <= %(now)s AND %(now)s < p.closes_at
            JOIN LATERAL (
                SELECT ward_id FROM {residency.db_table}
                WHERE user_id = r.signer_id AND status = %(verified)s AND expires_at > %(now)s
                ORDER BY verified_at DESC LIMIT 1
            ) home ON TRUE
            ORDER BY r.signer_id, p.id
        ), signature AS (
            INSERT INTO {signature.db_table}
                (petition_id, signer_id, ward_id, show_name, signed_at)
            SELECT petition_id, signer_id, ward_id, show_name, %(stamp)s FROM allowed
            ON CONFLICT ON CONSTRAINT one_signature_per_person DO NOTHING
            RETURNING id, petition_id, signer_id
        ), audit AS (
            INSERT INTO {audit.db_table}
                (created_at, actor_id, action, target_type, target_id, summary, details)
            SELECT %(stamp)s, s.signer_id, %(action)s, %(target_type)s, s.id::text,
                left('Signed the call-in of ''' || a.title || '''', 300), '{{}}'::jsonb
            FROM signature s JOIN allowed a USING (petition_id, signer_id)
        )
        SELECT s.id, s.signer_id, a.decision_id, a.show_name, a.ward_id, w.name,
            a.full_name, s.petition_id, a.petition_status = %(open)s, a.threshold
        FROM signature s
        JOIN allowed a USING (petition_id, signer_id)
        JOIN {ward.db_table} w ON w.id = a.ward_id
    """


def signatures_insert_params(
    requests: Sequence[SignatureRequest], *, now: datetime, stamp: datetime
) -> dict:
    """Parameters for ``signatures_insert_sql``: the rules are checked as at ``now``."""
    return {
        "signers": [r.signer_id for r in requests],
        "decisions": [r.decision_id for r in requests],
        "show_names": [r.show_name for r in requests],
        "draft": Decision.Status.DRAFT,
        "closed": CallInPetition.Status.CLOSED,
        "open": CallInPetition.Status.OPEN,
        "verified": Residency.Status.VERIFIED,
        "now": now,
        "stamp": stamp,
        "action": SIGNED_ACTION,
        "target_type": CallInSignature._meta.label_lower,
    }


def signatures_written(rows: Iterable[Sequence], *, stamp: datetime) -> list[SignatureWritten]:
    """The statement's rows as ``SignatureWritten`` (``stamp`` is their signed_at)."""
    return [
        SignatureWritten(
            id=row[0],
            signer_id=row[1],
            decision_id=row[2],
            show_name=row[3],
            signed_at=stamp,
            ward_id=row[4],
            ward_name=row[5],
            signer_name=row[6],
            petition_id=row[7],
            petition_open=row[8],
            threshold=row[9],
        )
        for row in rows
    ]
