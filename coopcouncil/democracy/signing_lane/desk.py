"""The signing desk: group commit of call-in signatures on one PostgreSQL connection.

Requests queue while a batch is in flight; the next batch takes every one of them
(up to ``BATCH_LIMIT``) through three statements — the sessions, the users, then the
shared signature statement, which commits durably before anyone is answered. A burst
therefore costs a few round trips and one WAL flush per batch instead of per signer.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import close_old_connections
from psycopg.conninfo import make_conninfo

from coopcouncil.core.caching import pages_changed
from coopcouncil.core.ratelimits import (
    counts_add_sql,
    counts_return_sql,
    rate_limit_names,
    window_start,
)
from coopcouncil.democracy import policy
from coopcouncil.democracy.models import CallInSignature
from coopcouncil.democracy.selectors import call_in_page_topic
from coopcouncil.democracy.services.decisions import call_in_threshold_check
from coopcouncil.democracy.services.signing import (
    SignatureRequest,
    SignatureWritten,
    signatures_insert_params,
    signatures_insert_sql,
    signatures_written,
)
from coopcouncil.democracy.signing_lane.credentials import Claim, Credentials
from coopcouncil.people.models import User

logger = logging.getLogger(__name__)

BATCH_LIMIT = 500
# Connection settings that are Django's own, not libpq's.
_DJANGO_OPTIONS = {"pool", "isolation_level", "server_side_binding", "assume_role"}


@dataclass
class _Waiting:
    claim: Claim
    answer: asyncio.Future


def connection_info() -> str:
    """libpq connection string for the default database, from Django's settings."""
    db = settings.DATABASES["default"]
    options = {k: v for k, v in db.get("OPTIONS", {}).items() if k not in _DJANGO_OPTIONS}
    parts = {
        "dbname": db["NAME"],
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
        "host": db.get("HOST"),
        "port": str(db.get("PORT") or ""),
        "application_name": "coopcouncil-signing-lane",
        **options,
    }
    return make_conninfo(**{k: v for k, v in parts.items() if v})


def _answer(batch: list[_Waiting], written: list[SignatureWritten | None]) -> None:
    for waiting, signature in zip(batch, written, strict=True):
        if not waiting.answer.done():
            waiting.answer.set_result(signature)


def _threshold_check_in_thread(petition_id: int) -> None:
    try:
        call_in_threshold_check(petition_id)
    finally:
        close_old_connections()


async def _pages_changed(written: list[SignatureWritten | None]) -> None:
    """One page-cache write per batch, before anyone is answered: from then on every reader
    of the decisions signed sees the new count (core/caching.py)."""
    decisions = {w.decision_id for w in written if w is not None}
    if not decisions:
        return
    try:
        await asyncio.to_thread(pages_changed, [call_in_page_topic(d) for d in decisions])
    except Exception:  # noqa: BLE001 - the signatures are committed; the page TTL bounds it
        logger.exception("page cache not told of %d signed decisions", len(decisions))


class SigningDesk:
    """Takes claims, returns the written signature (or None: let Django answer)."""

    def __init__(self, credentials: Credentials, conninfo: str) -> None:
        self.credentials = credentials
        self.conninfo = conninfo
        # Read once at start-up, as the lane's other settings are.
        self.rate_limit = policy.call_in_signature_rate_limit()
        self._queue: list[_Waiting] = []
        self._draining = False
        self._connection: psycopg.AsyncConnection | None = None
        self._checks: dict[int, asyncio.Future] = {}
        self._session_sql = (
            f"SELECT session_key, session_data FROM {Session._meta.db_table}"
            " WHERE session_key = ANY(%s) AND expire_date > %s"
        )
        self._count_sql = (
            f"SELECT petition_id, count(*) FROM {CallInSignature._meta.db_table}"
            " WHERE petition_id = ANY(%s) GROUP BY petition_id"
        )
        self._user_sql = (
            f"SELECT id, password FROM {User._meta.db_table} WHERE id = ANY(%s) AND is_active"
        )

    async def sign(self, claim: Claim) -> SignatureWritten | None:
        """Queue the claim for the next batch and wait for its commit."""
        answer = asyncio.get_running_loop().create_future()
        self._queue.append(_Waiting(claim, answer))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await answer

    async def open(self) -> None:
        """Connect now, so the first signers do not wait for it (it reconnects if lost)."""
        if self._connection is None or self._connection.closed:
            self._connection = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)

    async def close(self) -> None:
        """Finish the threshold checks under way, then disconnect."""
        await self.settled()
        await self._disconnect()

    async def _disconnect(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[:BATCH_LIMIT], self._queue[BATCH_LIMIT:]
                try:
                    written = await self._commit([w.claim for w in batch])
                except Exception:  # noqa: BLE001 - Django answers each request instead
                    logger.exception("signing batch of %d failed; Django will answer", len(batch))
                    await self._disconnect()
                    written = [None] * len(batch)
                await _pages_changed(written)
                _answer(batch, written)
                await self._thresholds_check(written)
        finally:
            self._draining = False

    async def signers(self, claims: list[Claim], *, now: datetime) -> list[int | None]:
        """The user each claim's session signs in, as Django's session and authentication
        middleware would find them at ``now`` (None where Django might find no one):
        an unexpired session naming an active user, issued for their current password."""
        await self.open()
        db = self._connection
        keys = sorted({c.session_key for c in claims})
        sessions = await (await db.execute(self._session_sql, [keys, now])).fetchall()
        named = {key: self.credentials.session_user(data) for key, data in sessions}
        user_ids = sorted({found[0] for found in named.values() if found})
        users = dict(await (await db.execute(self._user_sql, [user_ids])).fetchall())
        signer: list[int | None] = []
        for claim in claims:
            found = named.get(claim.session_key)
            password = users.get(found[0]) if found else None
            ok = password is not None and self.credentials.hash_matches(password, found[1])
            signer.append(found[0] if ok else None)
        return signer

    async def _commit(self, claims: list[Claim]) -> list[SignatureWritten | None]:
        now = datetime.now(UTC)
        signer = await self.signers(claims, now=now)
        db = self._connection
        if not self.rate_limit.is_on:
            return await self._insert(claims, signer, now=now)
        # The counts and the signatures commit together: one WAL flush per batch, as before.
        async with db.transaction():
            names = self._rate_limit_names(claims, signer)
            signer = await self._within_limits(signer, names, now=now)
            answers = await self._insert(claims, signer, now=now)
            await self._counts_return(names, answers, now=now)
            return answers

    def _rate_limit_names(
        self, claims: list[Claim], signer: list[int | None]
    ) -> list[list[tuple[str, int]]]:
        return [
            rate_limit_names(self.rate_limit, account_id=s, address=c.address)
            if s is not None
            else []
            for s, c in zip(signer, claims, strict=True)
        ]

    async def _within_limits(
        self, signer: list[int | None], names: list[list[tuple[str, int]]], *, now: datetime
    ) -> list[int | None]:
        """Count each signer's attempt against the call-in signature rate limit, with the
        statement Django's ``core.ratelimits`` uses; one past either limit reads as no
        signer, so Django answers it (and refuses it, 429)."""
        added = Counter(name for claim_names in names for name, _ in claim_names)
        if not added:
            return signer
        start = window_start(self.rate_limit, now)
        params = [value for name, count in added.items() for value in (name, start, count)]
        rows = await (await self._connection.execute(counts_add_sql(len(added)), params)).fetchall()
        # Claims count in arrival order: a counter's first claim here saw the count before it.
        seen = {name: total - added[name] for name, total in rows}
        within: list[int | None] = []
        for s, claim_names in zip(signer, names, strict=True):
            allowed = True
            for name, limit in claim_names:
                seen[name] += 1
                allowed = allowed and seen[name] <= limit
            within.append(s if allowed else None)
        return within

    async def _counts_return(
        self,
        names: list[list[tuple[str, int]]],
        answers: list[SignatureWritten | None],
        *,
        now: datetime,
    ) -> None:
        """Take back the counts of requests handed to Django, which counts them itself."""
        handed = Counter(
            name
            for claim_names, answer in zip(names, answers, strict=True)
            if answer is None
            for name, _ in claim_names
        )
        if handed:
            start = window_start(self.rate_limit, now)
            rows = [(count, name, start) for name, count in handed.items()]
            async with self._connection.cursor() as cursor:
                await cursor.executemany(counts_return_sql(), rows)

    async def _insert(
        self, claims: list[Claim], signer: list[int | None], *, now: datetime
    ) -> list[SignatureWritten | None]:
        db = self._connection
        requests = [
            SignatureRequest(signer_id=s, decision_id=c.decision_id, show_name=c.show_name)
            for s, c in zip(signer, claims, strict=True)
            if s is not None
        ]
        written: dict[tuple[int, int], SignatureWritten] = {}
        if requests:
            stamp = datetime.now(UTC)
            params = signatures_insert_params(requests, now=now, stamp=stamp)
            rows = await (await db.execute(signatures_insert_sql(), params)).fetchall()
            for signature in signatures_written(rows, stamp=stamp):
                written[signature.signer_id, signature.decision_id] = signature
        answers: list[SignatureWritten | None] = []
        for s, claim in zip(signer, claims, strict=True):
            # Each stored signature answers one request; a repeat in the batch goes to Django.
            answers.append(written.pop((s, claim.decision_id), None) if s is not None else None)
        return answers

    async def _thresholds_check(self, written: list[SignatureWritten | None]) -> None:
        """After the commit (and the replies): start Django's threshold check for each
        open petition that has reached its threshold — one running check per petition.

        Django counts again under a row lock and suspends the decision exactly once. The
        signers are not kept waiting for the suspension (its emails take a while); if a
        check fails, the next signature's batch starts it again.
        """
        thresholds = {w.petition_id: w.threshold for w in written if w and w.petition_open}
        if not thresholds or self._connection is None:
            return
        try:
            counts = await (
                await self._connection.execute(self._count_sql, [sorted(thresholds)])
            ).fetchall()
        except Exception:  # noqa: BLE001 - the next signature's batch counts again
            logger.exception("counting signatures failed")
            return
        for petition_id, count in counts:
            if count >= thresholds[petition_id] and petition_id not in self._checks:
                check = asyncio.ensure_future(self._threshold_check(petition_id))
                self._checks[petition_id] = check
                check.add_done_callback(lambda done, pk=petition_id: self._check_done(pk, done))

    def _check_done(self, petition_id: int, check: asyncio.Future) -> None:
        del self._checks[petition_id]
        if not check.cancelled() and check.exception() is not None:
            logger.error("call-in threshold check failed", exc_info=check.exception())

    async def settled(self) -> None:
        """Wait for the threshold checks under way (at shutdown, and in tests)."""
        while self._checks:
            await asyncio.gather(*self._checks.values(), return_exceptions=True)

    async def _threshold_check(self, petition_id: int) -> None:
        """Django's own check (count after commit, row lock, suspend once), off the loop."""
        await asyncio.to_thread(_threshold_check_in_thread, petition_id)
