"""Email sent after a service's transaction commits, so a rollback sends nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction


def email_after_commit(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Queue one email per recipient (none see each other's address)."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    sender = settings.DEFAULT_FROM_EMAIL
    messages = [(subject, body, sender, [address]) for address in addresses]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def site_link(path: str) -> str:
    return settings.COOPCOUNCIL["SITE_URL"].rstrip("/") + path
