"""Erasing a resident's part in local democracy while the public counts stay right."""

from __future__ import annotations

from coopcouncil.democracy.models import CallInSignature
from coopcouncil.people.models import User


def democracy_erase(*, user: User) -> None:
    """Signatures stay (the petition's count must not change) but no longer show a name."""
    CallInSignature.objects.filter(signer=user, show_name=True).update(show_name=False)
