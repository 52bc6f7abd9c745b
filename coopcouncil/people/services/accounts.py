"""Writes for accounts: sign-up, email confirmation, date of birth, export and erasure."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.tasks import email_queue
from coopcouncil.people.interfaces import personal_data_sections
from coopcouncil.people.models import PostalCode, User
from coopcouncil.people.services.api_keys import api_keys_revoke_for_erasure

POLICY = settings.COOPCOUNCIL


class EmailVerificationTokens(PasswordResetTokenGenerator):
    key_salt = "coopcouncil.people.email-verification"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


email_verification_tokens = EmailVerificationTokens()


def user_sign_up(*, email: str, full_name: str, password: str) -> User:
    """Create an account and email a link that confirms the address.

    The password must pass ``AUTH_PASSWORD_VALIDATORS``, judged against the name and email
    given, so no way in (page, API, command) can create an account with a weak one.
    """
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise Conflict("email_taken", "An account with this email already exists.", "email")
    _password_check(password=password, user=User(email=email, full_name=full_name))
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


def _password_check(*, password: str, user: User) -> None:
    """Raise ``DomainError`` on the password field with every validator's message."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        first, *others = error.messages
        raise DomainError(
            "password_too_weak", first, "password", errors={"password": others}
        ) from None


def user_verification_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_tokens.make_token(user)
    return POLICY["SITE_URL"] + reverse("people:verify_email", args=[uid, token])


def user_send_verification_email(*, user: User) -> None:
    email_queue(
        "Confirm your email address",
        f"Hello {user.full_name},\n\nConfirm your email address by opening this link and pressing "
        'the button "Confirm my email address":\n'
        f"{user_verification_link(user)}\n\nIf you did not sign up, ignore this email.",
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
                "ward": r.ward.name if r.ward else None,
                "status": r.status,
                "method": r.method,
                "verified_at": r.verified_at and r.verified_at.isoformat(),
                "expires_at": r.expires_at and r.expires_at.isoformat(),
                "address": r.address,
                "postcode": r.postcode,
                "uprn": r.uprn,
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
        # The register entry's hash is left out: it identifies the entry, not the person.
        "register_claims": [
            {
                "ward": c.ward.name,
                "status": c.status,
                "postcode": c.postcode,
                "claimed_at": c.claimed_at.isoformat(),
                "decided_at": c.decided_at and c.decided_at.isoformat(),
            }
            for c in user.register_claims.select_related("ward")
        ],
        "register_match_attempts": [
            {"at": a.at.isoformat(), "ip_address": a.ip_address, "is_matched": a.is_matched}
            for a in user.register_match_attempts.order_by("at")
        ],
        # A key's name and dates, never its hash: the hash is the key's, not the person's.
        "api_keys": [
            {
                "name": k.name,
                "is_read_only": k.is_read_only,
                "created_at": k.created_at.isoformat(),
                "expires_at": k.expires_at and k.expires_at.isoformat(),
                "revoked_at": k.revoked_at and k.revoked_at.isoformat(),
                "last_used_at": k.last_used_at and k.last_used_at.isoformat(),
            }
            for k in user.api_keys.order_by("created_at", "pk")
        ],
        "interest_declarations": [
            {
                "organisation": d.organisation.name,
                "reason": d.reason,
                "declared_at": d.declared_at.isoformat(),
            }
            for d in user.interest_declarations.select_related("organisation")
        ],
        # Each app above people adds what it holds (people/interfaces.py).
        **{section.app_label: section.export(user=user) for section in personal_data_sections()},
    }


def user_erase(*, user: User) -> None:
    """Erase a person's personal data while keeping public governance records intact.

    The account is anonymised rather than deleted so that decisions, votes and audit
    rows keep pointing at a row; name, email, address and date of birth go.
    """
    with transaction.atomic():
        user.residencies.update(address="", postcode="")
        PostalCode.objects.filter(residency__user=user).delete()
        # A claim ties the account to a register entry; with it gone the entry is free again.
        user.register_claims.all().delete()
        user.register_match_attempts.all().delete()
        # Nobody may act as an erased account, machine clients included.
        api_keys_revoke_for_erasure(user=user)
        for section in personal_data_sections():
            if section.erase is not None:
                section.erase(user=user)
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
    date_of_birth: date,
    reason: str,
    now: datetime | None = None,
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
