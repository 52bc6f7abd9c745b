"""Reads for the co-production dividend ledger."""

from __future__ import annotations

from django.db.models import QuerySet

from coopcouncil.grants.logic.dividend import LedgerEntry, balance
from coopcouncil.grants.models import DividendEntry, VerifiedSaving


def dividend_entries(organisation) -> QuerySet[DividendEntry]:
    return DividendEntry.objects.filter(organisation=organisation).order_by("recorded_at", "id")


def dividend_balance(organisation) -> int:
    """Credits minus spends, to the penny (read from the ledger, never stored)."""
    return balance(
        LedgerEntry(kind, amount)
        for kind, amount in dividend_entries(organisation).values_list("kind", "amount_pence")
    )


def verified_savings(organisation) -> QuerySet[VerifiedSaving]:
    return VerifiedSaving.objects.filter(organisation=organisation)
