"""Writes for people: accounts, residency verification, roles, export and erasure."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.people.letters import Letter, letters_csv, letters_pdf
from coopcouncil.people.logic.residency import (
    code_digest,
    codes_match,
    new_one_time_code,
    normalise_postcode,
    register_digest,
)
from coopcouncil.people.models import (
    LetterBatch,
    PostalCode,
    RegisterEntry,
    Residency,
    RoleAssignment,
    User,
)
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import borough_current

POLICY = settings.COOPCOUNCIL
MAX_CODE_ATTEMPTS = 5


class EmailVerificationTokens(PasswordResetTokenGenerator):
    key_salt = "coopcouncil.people.email-verification"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


email_verification_tokens = EmailVerificationTokens()


def _key() -> str:
    return POLICY["REGISTER_HASH_KEY"]


# --- Accounts ---------------------------------------------------------------------------


def user_sign_up(*, email: str, full_name: str, password: str) -> User:
    """Create an account and email a link that confirms the address."""
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise Conflict("email_taken", "An account with this email already exists.", "email")
    with transaction.atomic():
        try:
            user = User.objects.create_user(email=email, password=password, full_name=full_name)
        except IntegrityError:
            raise Conflict(
                "email_taken", "An account with this email already exists.", "email"
            ) from None
        audit_record(actor=user, action="people.signed_up", target=user, summary="Account created")
        transaction.on_commit(lambda: user_send_verification_email(user=user))
    return user


def user_verification_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_tokens.make_token(user)
    return POLICY["SITE_URL"] + reverse("people:verify_email", args=[uid, token])


def user_send_verification_email(*, user: User) -> None:
    send_mail(
        "Confirm your email address",
        f"Hello {user.full_name},\n\nConfirm your email address by opening this link:\n"
        f"{user_verification_link(user)}\n\nIf you did not sign up, ignore this email.",
        None,
        [user.email],
    )


def user_verify_email(*, user: User, token: str) -> User:
    if user.email_verified_at is not None:
        return user
    if not email_verification_tokens.check_token(user, token):
        raise DomainError("token_invalid", "This confirmation link is invalid or has expired.")
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    audit_record(actor=user, action="people.email_verified", target=user, summary="Email confirmed")
    return user


def user_export(*, user: User) -> dict:
    """Everything the platform holds about a person, for a subject access request."""
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": user.date_joined.isoformat(),
            "email_verified_at": user.email_verified_at and user.email_verified_at.isoformat(),
            "date_of_birth": user.date_of_birth and user.date_of_birth.isoformat(),
        },
        "residencies": [
            {
                "ward": r.ward.name,
                "status": r.status,
                "method": r.method,
                "verified_at": r.verified_at and r.verified_at.isoformat(),
                "expires_at": r.expires_at and r.expires_at.isoformat(),
                "address": r.address,
                "postcode": r.postcode,
            }
            for r in user.residencies.select_related("ward")
        ],
        "roles": [
            {
                "role": a.role,
                "ward": a.ward and a.ward.name,
                "district": a.district and a.district.name,
                "organisation": a.organisation and a.organisation.name,
                "team": a.team,
                "start_date": a.start_date.isoformat(),
                "end_date": a.end_date and a.end_date.isoformat(),
            }
            for a in user.role_assignments.select_related("ward", "district", "organisation")
        ],
    }


def user_erase(*, user: User) -> None:
    """Erase a person's personal data while keeping public governance records intact.

    The account is anonymised rather than deleted so that decisions, votes and audit
    rows keep pointing at a row; name, email, address and date of birth go.
    """
    with transaction.atomic():
        user.residencies.update(address="", postcode="")
        PostalCode.objects.filter(residency__user=user).delete()
        user.full_name = "Erased account"
        user.email = f"erased-{user.pk}@erased.invalid"
        user.date_of_birth = None
        user.is_active = False
        user.set_unusable_password()
        user.save()
        audit_record(actor=None, action="people.erased", target=user, summary="Account erased")


def user_date_of_birth_set(
    *,
    user: User,
    date_of_birth,
    reason: str,
    now=None,
    audit_action: str = "people.birth_date_given",
) -> User:
    """Record a person's date of birth, asked for only where an age limit applies.

    ``reason`` names the rule that needs it (e.g. a PB minimum voting age) for the audit
    row; the date is private, exported with the account and erased with it.
    """
    today = timezone.localdate(now or timezone.now())
    if date_of_birth > today or date_of_birth.year < today.year - 120:
        raise DomainError("birth_date_invalid", "Enter a real date of birth.", "date_of_birth")
    with transaction.atomic():
        user.date_of_birth = date_of_birth
        user.save(update_fields=["date_of_birth"])
        audit_record(
            actor=user, action=audit_action, target=user, summary=f"Date of birth given ({reason})"
        )
    return user


# --- Residency --------------------------------------------------------------------------


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


def residency_verify_in_person(*, officer: User, residency: Residency, now=None) -> Residency:
    """An officer saw proof of address in person."""
    require(officer, "people.verify_in_person")
    with transaction.atomic():
        residency = Residency.objects.select_for_update().get(pk=residency.pk)
        return _mark_verified(
            residency, method=Residency.Method.IN_PERSON, officer=officer, now=now or timezone.now()
        )


def residency_letters_issue(*, officer: User, now=None) -> tuple[LetterBatch, bytes, str]:
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


def residency_confirm_code(*, user: User, code: str, now=None) -> Residency:
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


def register_import(*, officer: User | None, text: str, source: str) -> int:
    """Load an electoral-register / council-tax extract as keyed hashes, all or nothing.

    The CSV has columns ``reference, postcode, ward_code``. Lines for the same source
    are replaced, so importing the same file twice is harmless.
    """
    if officer is not None:
        require(officer, "people.import_register")
    wards = {w.code: w for w in Ward.objects.all()}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    problems: list[tuple[int, str, str]] = []
    entries: dict[str, Ward] = {}
    for number, row in enumerate(reader, start=2):
        reference = (row.get("reference") or "").strip()
        postcode = (row.get("postcode") or "").strip()
        ward = wards.get((row.get("ward_code") or "").strip())
        if not reference:
            problems.append((number, "reference", "is empty"))
        if len("".join(postcode.split())) < 5:
            problems.append((number, "postcode", "is not a full postcode"))
        if ward is None:
            problems.append((number, "ward_code", f"unknown ward '{row.get('ward_code')}'"))
        if reference and ward is not None:
            entries[register_digest(_key(), reference, postcode)] = ward
    if problems:
        raise RowErrors(
            "register_invalid", "The extract has problems; nothing was imported.", problems
        )
    with transaction.atomic():
        RegisterEntry.objects.filter(source=source).delete()
        RegisterEntry.objects.bulk_create(
            [RegisterEntry(reference_hash=h, ward=w, source=source) for h, w in entries.items()],
            ignore_conflicts=True,
        )
    return len(entries)


def residency_match_register(*, user: User, reference: str, postcode: str, now=None) -> Residency:
    """Verify a resident whose reference and postcode match the imported extract."""
    entry = (
        RegisterEntry.objects.select_related("ward")
        .filter(reference_hash=register_digest(_key(), reference, postcode))
        .first()
    )
    if entry is None:
        raise DomainError(
            "register_no_match",
            "We could not match that reference and postcode. Check your poll card or council"
            " tax bill, or ask for a letter instead.",
            "reference",
        )
    with transaction.atomic():
        residency = Residency.objects.create(
            user=user, ward=entry.ward, postcode=normalise_postcode(postcode)
        )
        return _mark_verified(
            residency,
            method=Residency.Method.REGISTER_MATCH,
            officer=None,
            now=now or timezone.now(),
        )


# --- Roles and organisations ------------------------------------------------------------


def role_assign(
    *,
    actor: Any,
    user: User,
    role: str,
    ward=None,
    district=None,
    organisation=None,
    team: str = "",
    title: str = "",
    party: str = "",
    start_date=None,
) -> RoleAssignment:
    """Give a person a role. The command line passes ``actor=None`` (operator access)."""
    if actor is not None:
        require(actor, "people.manage_roles")
    with transaction.atomic():
        assignment = RoleAssignment(
            user=user,
            role=role,
            ward=ward,
            district=district,
            organisation=organisation,
            team=team,
            title=title,
            party=party,
        )
        if start_date is not None:
            assignment.start_date = start_date
        try:
            assignment.full_clean()
        except Exception as error:  # ValidationError: field messages for the form/API
            raise DomainError("role_invalid", f"This role is incomplete: {error}") from None
        assignment.save()
        audit_record(
            actor=actor, action="people.role_assigned", target=assignment, summary=str(assignment)
        )
    return assignment


def role_end(*, actor: Any, assignment: RoleAssignment, end_date) -> RoleAssignment:
    if actor is not None:
        require(actor, "people.manage_roles")
    with transaction.atomic():
        assignment.end_date = end_date
        assignment.save(update_fields=["end_date"])
        audit_record(
            actor=actor, action="people.role_ended", target=assignment, summary=str(assignment)
        )
    return assignment
