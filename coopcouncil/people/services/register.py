"""Writes for the register route: loading an extract, matching a resident, an officer's review.

A council loads its electoral register or council tax list (``coopcouncil people
import-register`` or the officer page). Each line is kept only as a keyed hash of its
reference and postcode (``people/logic/residency.py``), so a resident who types the same
pair is verified in that line's ward. One entry verifies at most one account: a second
account that matches it waits for an officer, unverified. Failed tries are limited per
account and per IP address (``people/policy.py``), as a reference is short enough to guess.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.people.logic.residency import normalise_postcode, register_digest
from coopcouncil.people.models import (
    RegisterClaim,
    RegisterEntry,
    RegisterExtract,
    RegisterMatchAttempt,
    RegisterSource,
    Residency,
    User,
)
from coopcouncil.people.policy import register_match_window_hours
from coopcouncil.people.selectors import Actor, acting_user, register_attempts_exceeded
from coopcouncil.people.services.residency import residency_mark_verified
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import ward_list

REGISTER_COLUMNS = ("reference", "postcode", "ward_code")
# A borough's whole register is a few megabytes; anything far larger is the wrong file.
REGISTER_FILE_MAX_BYTES = 50 * 1024 * 1024


def _key() -> str:
    return settings.COOPCOUNCIL["REGISTER_HASH_KEY"]


def _extract_read(text: str, wards: dict[str, Ward]) -> dict[str, Ward]:
    """Each line's keyed hash and ward; every bad line is reported with its line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in REGISTER_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise RowErrors(
            "register_invalid",
            gettext("The extract has problems; nothing was imported."),
            [(1, column, gettext("the column is missing")) for column in missing],
        )
    problems: list[tuple[int, str, str]] = []
    entries: dict[str, Ward] = {}
    for row in reader:
        line = reader.line_num
        reference = (row.get("reference") or "").strip()
        postcode = (row.get("postcode") or "").strip()
        ward_code = (row.get("ward_code") or "").strip()
        ward = wards.get(ward_code)
        if not reference:
            problems.append((line, "reference", gettext("is empty")))
        if len("".join(postcode.split())) < 5:
            problems.append((line, "postcode", gettext("is not a full postcode")))
        if ward is None:
            problems.append(
                (line, "ward_code", gettext("unknown ward '%(code)s'") % {"code": ward_code})
            )
        if reference and ward is not None:
            entries[register_digest(_key(), reference, postcode)] = ward
    if problems:
        raise RowErrors(
            "register_invalid", gettext("The extract has problems; nothing was imported."), problems
        )
    if not entries:
        raise DomainError(
            "register_empty", gettext("The extract has no lines; nothing was imported."), "file"
        )
    return entries


def register_import(
    *,
    actor: Actor,
    text: str,
    source: str,
    extract_date: date,
    file_name: str = "",
    check_permission: bool = True,
    now: datetime | None = None,
) -> RegisterExtract:
    """Load an electoral-register / council tax extract as keyed hashes, all or nothing.

    The CSV has the columns ``reference, postcode, ward_code``. A newer (or same-dated)
    extract replaces the one held for its source; an older one is refused, so a stale file
    cannot bring back people who have moved away. Account holders already verified keep
    their claims: a claim is by hash, and the hashes of the same people do not change.
    """
    if check_permission:
        require(actor, "people.import_register")
    now = now or timezone.now()
    if source not in RegisterSource.values:
        raise DomainError(
            "register_source_unknown",
            gettext("Choose the electoral register or council tax."),
            "source",
        )
    if extract_date > timezone.localdate(now):
        raise DomainError(
            "register_extract_date_future",
            gettext("The extract date is in the future."),
            "extract_date",
        )
    entries = _extract_read(text, {ward.code: ward for ward in ward_list()})
    try:
        with transaction.atomic():
            return _extract_replace(actor, source, extract_date, file_name, entries, now)
    except IntegrityError:
        # Another officer loaded this source at the same moment; theirs stands.
        raise Conflict(
            "register_import_clash",
            gettext("Another extract of this source was loaded at the same time; try again."),
            "file",
        ) from None


def _extract_replace(
    actor: Actor,
    source: str,
    extract_date: date,
    file_name: str,
    entries: dict[str, Ward],
    now: datetime,
) -> RegisterExtract:
    held = (
        RegisterExtract.objects.select_for_update()
        .filter(source=source, replaced_at__isnull=True)
        .first()
    )
    if held is not None and extract_date < held.extract_date:
        raise Conflict(
            "register_extract_older",
            gettext(
                "This extract is dated %(new)s, older than the %(source)s extract held"
                " (%(held)s); nothing was imported."
            )
            % {
                "new": f"{extract_date:%d %B %Y}",
                "source": held.get_source_display(),
                "held": f"{held.extract_date:%d %B %Y}",
            },
            "extract_date",
        )
    if held is not None:
        held.entries.all().delete()
        held.replaced_at = now
        held.save(update_fields=["replaced_at"])
    extract = RegisterExtract.objects.create(
        source=source,
        extract_date=extract_date,
        row_count=len(entries),
        file_name=file_name[:200],
        loaded_by=acting_user(actor),
        loaded_at=now,
    )
    RegisterEntry.objects.bulk_create(
        [RegisterEntry(extract=extract, reference_hash=h, ward=w) for h, w in entries.items()],
        batch_size=2000,
    )
    audit_record(
        actor=actor,
        action="people.register_imported",
        target=extract,
        summary=f"{extract} loaded: {len(entries)} lines",
        details={"replaced": held.pk if held else None, "rows": len(entries)},
    )
    return extract


def register_import_file(
    *, actor: Actor, upload: Any, source: str, extract_date: date
) -> RegisterExtract:
    """Load an extract from an uploaded CSV file (UTF-8; a byte-order mark is allowed)."""
    require(actor, "people.import_register")
    if upload is None:
        raise DomainError("file_required", gettext("Choose the CSV file to load."), "file")
    if upload.size is not None and upload.size > REGISTER_FILE_MAX_BYTES:
        raise DomainError(
            "file_too_large",
            gettext("The file is larger than %(mb)s MB.")
            % {"mb": REGISTER_FILE_MAX_BYTES // (1024 * 1024)},
            "file",
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            "file_not_utf8", gettext("The file is not UTF-8 text; save it as CSV UTF-8."), "file"
        ) from None
    return register_import(
        actor=actor,
        text=text,
        source=source,
        extract_date=extract_date,
        file_name=upload.name or "",
    )


def residency_match_register(
    *,
    user: User,
    reference: str,
    postcode: str,
    ip_address: str | None,
    now: datetime | None = None,
) -> RegisterClaim:
    """Match a resident's reference and postcode against the current extracts.

    Returns the claim: verified (with its residency), or waiting for an officer when
    another account already holds the entry. A failed try is recorded and counted.
    """
    now = now or timezone.now()
    reference_hash = register_digest(_key(), reference, postcode)
    with transaction.atomic():
        # One try at a time per account, so parallel guesses cannot slip past the limit.
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        if register_attempts_exceeded(user=user, ip_address=ip_address, now=now):
            raise NotAllowed(
                "register_attempts_exceeded",
                gettext(
                    "Too many references did not match. Verify your address by post or at a"
                    " district office instead; an officer will check it."
                ),
                "reference",
            )
        RegisterMatchAttempt.objects.filter(
            at__lt=now - timedelta(hours=register_match_window_hours())
        ).delete()
        entry = (
            RegisterEntry.objects.select_for_update(of=("self",))
            .filter(reference_hash=reference_hash, extract__replaced_at__isnull=True)
            .select_related("ward")
            .order_by("pk")
            .first()
        )
        RegisterMatchAttempt.objects.create(
            user=user, ip_address=ip_address, at=now, is_matched=entry is not None
        )
        if entry is not None:
            return _entry_claim(user, entry, postcode, now)
    raise DomainError(
        "register_no_match",
        gettext(
            "We could not match that reference and postcode. Check your poll card or council"
            " tax bill, or ask for a letter instead."
        ),
        "reference",
    )


def _entry_claim(user: User, entry: RegisterEntry, postcode: str, now: datetime) -> RegisterClaim:
    holder = RegisterClaim.objects.filter(
        reference_hash=entry.reference_hash, status=RegisterClaim.Status.VERIFIED
    ).first()
    if holder is not None and holder.user_id != user.pk:
        return _claim_hold_for_review(user, entry, postcode, now)
    if holder is None:
        try:
            with transaction.atomic():
                holder = RegisterClaim.objects.create(
                    reference_hash=entry.reference_hash,
                    user=user,
                    ward=entry.ward,
                    status=RegisterClaim.Status.VERIFIED,
                    claimed_at=now,
                )
        except IntegrityError:
            # Another account claimed the entry in the same instant and won.
            return _claim_hold_for_review(user, entry, postcode, now)
    residency = Residency.objects.create(
        user=user, ward=entry.ward, postcode=normalise_postcode(postcode)
    )
    residency_mark_verified(
        residency=residency, method=Residency.Method.REGISTER_MATCH, officer=None, now=now
    )
    holder.residency = residency
    holder.ward = entry.ward
    holder.save(update_fields=["residency", "ward"])
    return holder


def _claim_hold_for_review(
    user: User, entry: RegisterEntry, postcode: str, now: datetime
) -> RegisterClaim:
    earlier = RegisterClaim.objects.filter(
        user=user,
        reference_hash=entry.reference_hash,
        status__in=[RegisterClaim.Status.NEEDS_REVIEW, RegisterClaim.Status.REFUSED],
    ).first()
    if earlier is not None and earlier.status == RegisterClaim.Status.REFUSED:
        raise Conflict(
            "register_claim_refused",
            gettext(
                "An officer has refused your claim to this register entry. Verify your address"
                " by post or at a district office instead."
            ),
            "reference",
        )
    if earlier is not None:
        return earlier
    claim = RegisterClaim.objects.create(
        reference_hash=entry.reference_hash,
        user=user,
        ward=entry.ward,
        postcode=normalise_postcode(postcode),
        status=RegisterClaim.Status.NEEDS_REVIEW,
        claimed_at=now,
    )
    audit_record(
        actor=user,
        action="people.register_claim_held",
        target=claim,
        summary=f"Register match in {entry.ward} held for review: another account holds it",
    )
    return claim


def _review_open(claim: RegisterClaim) -> RegisterClaim:
    claim = (
        RegisterClaim.objects.select_for_update().select_related("user", "ward").get(pk=claim.pk)
    )
    if claim.status != RegisterClaim.Status.NEEDS_REVIEW:
        raise Conflict(
            "register_review_decided", gettext("An officer has already decided this claim.")
        )
    return claim


def register_claim_verify(
    *, officer: User, claim: RegisterClaim, now: datetime | None = None
) -> RegisterClaim:
    """An officer gives the entry to the waiting account, having seen its proof of address.

    The account is verified in the entry's ward; the account that held the entry loses it,
    and the residency the entry verified is revoked (one entry, one account).
    """
    require(officer, "people.verify_in_person")
    now = now or timezone.now()
    with transaction.atomic():
        claim = _review_open(claim)
        holder = (
            RegisterClaim.objects.select_for_update()
            .filter(reference_hash=claim.reference_hash, status=RegisterClaim.Status.VERIFIED)
            .first()
        )
        if holder is not None:
            holder.status = RegisterClaim.Status.SUPERSEDED
            holder.decided_by, holder.decided_at = officer, now
            holder.save(update_fields=["status", "decided_by", "decided_at"])
            revoked = holder.residency
            if revoked is not None and revoked.status == Residency.Status.VERIFIED:
                # Saved, not updated, so the residency's history shows the revocation.
                revoked.status = Residency.Status.REVOKED
                revoked.save(update_fields=["status"])
        residency = Residency.objects.create(
            user=claim.user, ward=claim.ward, postcode=claim.postcode
        )
        residency_mark_verified(
            residency=residency, method=Residency.Method.REGISTER_MATCH, officer=officer, now=now
        )
        claim.status = RegisterClaim.Status.VERIFIED
        claim.residency = residency
        claim.decided_by, claim.decided_at = officer, now
        claim.save(update_fields=["status", "residency", "decided_by", "decided_at"])
    return claim


def register_claim_refuse(
    *, officer: User, claim: RegisterClaim, now: datetime | None = None
) -> RegisterClaim:
    """An officer refuses the waiting account's claim; the account that holds the entry keeps it."""
    require(officer, "people.verify_in_person")
    now = now or timezone.now()
    with transaction.atomic():
        claim = _review_open(claim)
        claim.status = RegisterClaim.Status.REFUSED
        claim.decided_by, claim.decided_at = officer, now
        claim.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=officer,
            action="people.register_claim_refused",
            target=claim,
            summary=f"Register claim by {claim.user} refused",
        )
    return claim
