"""Reads for delivery monitoring: social value promised against delivered, with shortfalls.

Promised is the winning bid's commitments valued at their proxy £ per unit; delivered is the
sum of the suppliers' quarterly returns valued the same way. Both are summed in the database
(one query per view), whatever the number of contracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from coopcouncil.procurement.models import Commitment, Contract, ReturnLine

_MONEY: DecimalField = DecimalField(max_digits=24, decimal_places=2)


@dataclass(frozen=True)
class Delivery:
    """Social value promised and delivered so far, in pence, under one heading."""

    label: str
    promised_pence: int
    delivered_pence: int
    key: str = ""

    @property
    def delivered_percent(self) -> Decimal | None:
        if not self.promised_pence:
            return None
        share = Decimal(self.delivered_pence * 100) / Decimal(self.promised_pence)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pence(value: Decimal | None) -> int:
    return int((value or Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _promised(group: str) -> dict:
    rows = (
        Commitment.objects.values(group)
        .annotate(
            total=Sum(
                ExpressionWrapper(F("promised") * F("proxy_value_pence"), output_field=_MONEY)
            )
        )
        .order_by()
    )
    return {row[group]: _pence(row["total"]) for row in rows}


def _delivered(group: str) -> dict:
    rows = (
        ReturnLine.objects.values(f"commitment__{group}")
        .annotate(
            total=Sum(
                ExpressionWrapper(
                    F("delivered") * F("commitment__proxy_value_pence"), output_field=_MONEY
                )
            )
        )
        .order_by()
    )
    return {row[f"commitment__{group}"]: _pence(row["total"]) for row in rows}


def delivery_by_contract() -> list[Delivery]:
    contracts = Contract.objects.only("id", "title").order_by("title")
    promised, delivered = _promised("contract"), _delivered("contract")
    return [
        Delivery(c.title, promised.get(c.pk, 0), delivered.get(c.pk, 0), key=str(c.pk))
        for c in contracts
        if c.pk in promised
    ]


def delivery_by_supplier() -> list[Delivery]:
    promised, delivered = _promised("contract__supplier"), _delivered("contract__supplier")
    names = dict(
        Contract.objects.filter(supplier_id__in=promised)
        .values_list("supplier_id", "supplier__name")
        .distinct()
    )
    return sorted(
        (
            Delivery(names[supplier], total, delivered.get(supplier, 0), key=str(supplier))
            for supplier, total in promised.items()
        ),
        key=lambda row: row.label,
    )


def delivery_borough(label: str) -> Delivery:
    promised = Commitment.objects.aggregate(
        total=Coalesce(
            Sum(ExpressionWrapper(F("promised") * F("proxy_value_pence"), output_field=_MONEY)),
            Value(Decimal(0)),
            output_field=_MONEY,
        )
    )["total"]
    delivered = ReturnLine.objects.aggregate(
        total=Coalesce(
            Sum(
                ExpressionWrapper(
                    F("delivered") * F("commitment__proxy_value_pence"), output_field=_MONEY
                )
            ),
            Value(Decimal(0)),
            output_field=_MONEY,
        )
    )["total"]
    return Delivery(label, _pence(promised), _pence(delivered))


def shortfalls(*, contract: Contract | None = None) -> QuerySet[ReturnLine]:
    """Return lines below the quarter's share of the promise, with their remedy if recorded."""
    lines = ReturnLine.objects.filter(delivered__lt=F("due")).select_related(
        "quarterly_return__contract__supplier", "commitment__measure"
    )
    if contract is not None:
        lines = lines.filter(quarterly_return__contract=contract)
    return lines.order_by("quarterly_return__year", "quarterly_return__quarter", "id")
