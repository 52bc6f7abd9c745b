"""Writes for the second factor (TOTP) staff and administrators may add to their sign-in.

A person enrols by scanning or typing a secret into an authenticator app and entering the
code it shows; from then on, signing in asks for a current code after the password
(``people/middleware.py``). The secret is shown once, at enrolment. django-otp keeps the
device and throttles wrong codes (each failure doubles the wait before the next try).
docs/reliability.md, "Second factor".
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotFound
from coopcouncil.core.permissions import require
from coopcouncil.people.models import User


@dataclass(frozen=True)
class TwoFactorEnrolment:
    """What the authenticator app needs: the secret as text, and as an otpauth:// link."""

    secret: str
    link: str


def two_factor_enrol_start(*, user: User) -> TwoFactorEnrolment:
    """Make a new secret for ``user``; it counts once a code from it is confirmed.

    Starting again replaces a secret not yet confirmed, so a secret shown on a page the
    person left is never the one that protects the account.
    """
    require(user, "people.two_factor_enrol", user)
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user=user)
        if devices.filter(confirmed=True).exists():
            raise Conflict(
                "two_factor_enrolled", gettext("A second factor is already set up on this account.")
            )
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return TwoFactorEnrolment(secret=b32encode(device.bin_key).decode(), link=device.config_url)


def two_factor_enrol_confirm(*, user: User, code: str) -> TOTPDevice:
    """Confirm the new secret with a code it made; from now on sign-in asks for a code."""
    require(user, "people.two_factor_enrol", user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None:
            raise NotFound("two_factor_not_started", gettext("Start setting up the second factor."))
        _code_check(device, code)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action="people.two_factor_enrolled",
            target=user,
            summary="Set up a second factor for signing in",
        )
    return device


def two_factor_verify(*, user: User, code: str) -> TOTPDevice:
    """The person's confirmed device, if ``code`` is its current code; else a refusal."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            raise NotFound("two_factor_not_enrolled", gettext("No second factor is set up."))
        _code_check(device, code)
    return device


def two_factor_remove(*, actor: User | None, user: User, check_permission: bool = True) -> None:
    """Remove ``user``'s second factor: an administrator's remedy for a lost phone.

    The person then signs in with the password alone, or must enrol again at once if
    administrators are required to have a second factor. ``check_permission`` is False
    only for the command line, run by whoever operates the server.
    """
    if check_permission:
        require(actor, "people.two_factor_remove", user)
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if not removed:
            raise NotFound("two_factor_not_enrolled", gettext("No second factor is set up."))
        audit_record(
            actor=actor,
            action="people.two_factor_removed",
            target=user,
            summary=f"Removed the second factor of {user.email}",
        )


def _code_check(device: TOTPDevice, code: str) -> None:
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise DomainError(
            "two_factor_throttled",
            gettext("Too many wrong codes: wait a minute, then try the newest code."),
            "code",
        )
    if not device.verify_token(code.strip().replace(" ", "")):
        raise DomainError(
            "two_factor_code_wrong",
            gettext("That code is not right. Enter the code your app shows now."),
            "code",
        )
