"""Erasing what grants holds about a person (people's ``user_erase`` calls this)."""

from __future__ import annotations

from django.db import transaction

from coopcouncil.grants.models import Application
from coopcouncil.people.models import User


@transaction.atomic
def grants_erase(*, user: User) -> None:
    """Detach the person from the applications they drafted; the group's bid stays.

    Scores an assessor gave stay with their name: they are the record of a public funding
    decision (kept under the council's public task), and the export lists them.
    """
    Application.objects.filter(created_by=user).update(created_by=None)
