"""Writes for residency: a resident's claim and its three ways of verification.

A posted one-time code, an officer's in-person check, or a match against an imported
electoral-register / council-tax extract, which is stored only as keyed hashes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound
from coopcouncil.core.permissions import require
from coopcouncil.people.letters import Letter, letters_csv, letters_pdf
from coopcouncil.people.logic.residency import (
    code_digest,
    codes_match,
    new_one_time_code,
)
from coopcouncil.people.models import LetterBatch, PostalCode, Residency, User
from coopcouncil.people.selectors import Actor, acting_user
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import borough_current, postcode_ward_choices, resident_place

POLICY = settings.COOPCOUNCIL
MAX_CODE_ATTEMPTS = 5


def _key() -> str:
    return POLICY["REGISTER_HASH_KEY"]


def residency_claim(
    *, user: User, postcode: str, uprn: int | None = None, address: str = ""
) -> Residency:
    """Record where a person says they live; it needs verifying before it counts.

    The ward is never the resident's to choose: it comes from the address they chose
    from the council's address list, else from their postcode. For a postcode that
    straddles wards with no address chosen, the claim waits for an officer to decide
    the ward (``residency_ward_decide``). A postcode outside the borough is refused.
    """
    place = resident_place(postcode=postcode, uprn=uprn)
    if place.address is not None:
        # The letter goes to the address as the council's list writes it.
        address = "\n".join(place.address.lines)
    elif not address.strip():
        raise DomainError("address_required", gettext("Enter your address."), "address")
    with transaction.atomic():
        user.residencies.filter(status=Residency.Status.PENDING).delete()
        residency = Residency.objects.create(
            user=user,
            ward=place.ward,
            address=address.strip(),
            postcode=place.postcode,
            uprn=place.address.uprn if place.address else None,
        )
        audit_record(
            actor=user,
            action="people.residency_claimed",
            target=residency,
            summary=f"Residency claimed in {place.ward}"
            if place.ward
            else f"Residency claimed at {place.postcode}, which straddles wards",
        )
    return residency


def residency_ward_decide(*, officer: User, residency: Residency, ward: Ward) -> Residency:
    """An officer places a resident whose postcode straddles wards in one of its wards."""
    require(officer, "people.decide_ward")
    with transaction.atomic():
        residency = Residency.objects.select_for_update().get(pk=residency.pk)
        if residency.ward_id is not None or residency.status != Residency.Status.PENDING:
            raise Conflict(
                "ward_already_decided", gettext("This resident's ward is already decided.")
            )
        if ward not in postcode_ward_choices(residency.postcode):
            raise DomainError(
                "ward_not_at_postcode",
                gettext("%(ward)s is not one of the wards of %(postcode)s.")
                % {"ward": ward, "postcode": residency.postcode},
                "ward",
            )
        residency.ward = ward
        residency.save(update_fields=["ward"])
        audit_record(
            actor=officer,
            action="people.residency_ward_decided",
            target=residency,
            summary=f"Ward decided for a straddling postcode: {ward}",
            details={"postcode": residency.postcode, "ward": ward.code},
        )
    return residency


def residency_mark_verified(
    *, residency: Residency, method: str, officer: Actor, now: datetime
) -> Residency:
    """Verify ``residency`` and supersede any older one: the last step of every route to
    verification (code, officer, register), each of which has checked who may take it."""
    residency.status = Residency.Status.VERIFIED
    residency.method = method
    residency.verified_by = acting_user(officer)
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
        if residency.ward_id is None:
            raise Conflict("ward_undecided", gettext("Decide the resident's ward first."))
        return residency_mark_verified(
            residency=residency,
            method=Residency.Method.IN_PERSON,
            officer=officer,
            now=now or timezone.now(),
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
            # Lock the claims only: PostgreSQL cannot lock the nullable side of the ward join.
            Residency.objects.select_for_update(of=("self",))
            .filter(status=Residency.Status.PENDING, ward__isnull=False)
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
                    ward=str(residency.ward),
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
            PostalCode.objects.select_for_update(of=("self",))
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
                return residency_mark_verified(
                    residency=postal_code.residency,
                    method=Residency.Method.POSTAL_CODE,
                    officer=None,
                    now=now,
                )
            postal_code.attempts += 1
            postal_code.save(update_fields=["attempts"])
    raise DomainError("code_wrong", "That code is wrong or has expired.", "code")
