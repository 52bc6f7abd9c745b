"""Writes for residency: a resident's claim and its three ways of verification.

A posted one-time code, an officer's in-person check, or a match against an imported
electoral-register / council-tax extract, which is stored only as keyed hashes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.core.permissions import require
from coopcouncil.people.letters import Letter, letters_csv, letters_pdf
from coopcouncil.people.logic.residency import (
    code_digest,
    codes_match,
    new_one_time_code,
    normalise_postcode,
)
from coopcouncil.people.models import LetterBatch, PostalCode, Residency, User
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import borough_current

POLICY = settings.COOPCOUNCIL
MAX_CODE_ATTEMPTS = 5


def _key() -> str:
    return POLICY["REGISTER_HASH_KEY"]


def residency_claim(*, user: User, ward: Ward, address: str, postcode: str) -> Residency:
    """Record that a person says they live in ``ward``; it needs verifying before it counts."""
    if not address.strip():
        raise DomainError("address_required", "Enter your address.", "address")
    if len("".join(postcode.split())) < 5:
        raise DomainError("postcode_invalid", "Enter a full postcode.", "postcode")
    with transaction.atomic():
        user.residencies.filter(status=Residency.Status.PENDING).delete()
        residency = Residency.objects.create(
            user=user, ward=ward, address=address.strip(), postcode=normalise_postcode(postcode)
        )
        audit_record(
            actor=user,
            action="people.residency_claimed",
            target=residency,
            summary=f"Residency claimed in {ward}",
        )
    return residency


def _mark_verified(residency: Residency, *, method: str, officer: Any, now) -> Residency:
    residency.status = Residency.Status.VERIFIED
    residency.method = method
    residency.verified_by = officer if getattr(officer, "is_authenticated", False) else None
    residency.verified_at = now
    residency.expires_at = now + timedelta(days=POLICY["RESIDENCY_VALID_DAYS"])
    residency.address = ""  # proof done: the address is no longer needed
    residency.save()
    # An older verification in another ward is superseded by the new one.
    Residency.objects.filter(user=residency.user, status=Residency.Status.VERIFIED).exclude(
        pk=residency.pk
    ).update(status=Residency.Status.REVOKED)
    audit_record(
        actor=officer or residency.user,
        action="people.residency_verified",
        target=residency,
        summary=f"Residency in {residency.ward} verified ({method})",
        details={"method": method},
    )
    return residency


def residency_verify_in_person(
    *, officer: User, residency: Residency, now: datetime | None = None
) -> Residency:
    """An officer saw proof of address in person."""
    require(officer, "people.verify_in_person")
    with transaction.atomic():
        residency = Residency.objects.select_for_update().get(pk=residency.pk)
        return _mark_verified(
            residency, method=Residency.Method.IN_PERSON, officer=officer, now=now or timezone.now()
        )


def residency_letters_issue(
    *, officer: User, now: datetime | None = None
) -> tuple[LetterBatch, bytes, str]:
    """Make a one-time code for every pending claim without one and return the print run.

    Returns the batch, the PDF and the mail-merge CSV. The codes exist in clear only
    in this return value; the database keeps their hashes.
    """
    require(officer, "people.issue_letters")
    now = now or timezone.now()
    expires = now + timedelta(days=POLICY["POSTAL_CODE_VALID_DAYS"])
    letters: list[Letter] = []
    with transaction.atomic():
        pending = (
            Residency.objects.select_for_update()
            .filter(status=Residency.Status.PENDING)
            .exclude(postal_codes__used_at__isnull=True, postal_codes__expires_at__gt=now)
            .select_related("user", "ward")
        )
        batch = LetterBatch.objects.create(created_by=officer)
        for residency in pending:
            code = new_one_time_code()
            PostalCode.objects.create(
                residency=residency,
                code_hash=code_digest(_key(), code),
                batch=batch,
                expires_at=expires,
            )
            letters.append(
                Letter(
                    name=residency.user.full_name,
                    address=residency.address,
                    postcode=residency.postcode,
                    ward=residency.ward.name,
                    code=f"{code[:4]}-{code[4:]}",
                    expires=f"{timezone.localtime(expires):%d %B %Y}",
                )
            )
        batch.letter_count = len(letters)
        batch.save(update_fields=["letter_count"])
        audit_record(
            actor=officer,
            action="people.letters_issued",
            target=batch,
            summary=f"{len(letters)} residency letters produced",
        )
    borough = borough_current()
    borough_name = borough.name if borough else "The council"
    pdf = letters_pdf(letters, borough=borough_name, site_url=POLICY["SITE_URL"])
    return batch, pdf, letters_csv(letters)


def residency_confirm_code(*, user: User, code: str, now: datetime | None = None) -> Residency:
    """A resident types the code from their letter."""
    now = now or timezone.now()
    with transaction.atomic():
        postal_codes = (
            PostalCode.objects.select_for_update()
            .filter(
                residency__user=user,
                residency__status=Residency.Status.PENDING,
                used_at__isnull=True,
            )
            .select_related("residency__ward")
        )
        if not postal_codes:
            raise NotFound("no_letter", "No letter is waiting for a code on your account.", "code")
        for postal_code in postal_codes:
            if postal_code.expires_at <= now:
                continue
            if postal_code.attempts >= MAX_CODE_ATTEMPTS:
                raise DomainError(
                    "too_many_attempts",
                    "Too many wrong codes. Ask the district team for a new letter.",
                    "code",
                )
            if codes_match(_key(), code, postal_code.code_hash):
                postal_code.used_at = now
                postal_code.save(update_fields=["used_at"])
                return _mark_verified(
                    postal_code.residency,
                    method=Residency.Method.POSTAL_CODE,
                    officer=None,
                    now=now,
                )
            postal_code.attempts += 1
            postal_code.save(update_fields=["attempts"])
    raise DomainError("code_wrong", "That code is wrong or has expired.", "code")
