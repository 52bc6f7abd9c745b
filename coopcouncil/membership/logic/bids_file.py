"""Read suppliers' sealed bids from CSV, one row per price, every problem reported at once.

Columns: ``bid`` (the supplier's name for its tariff), ``supplier``, ``fuel``
(electricity/gas), ``region`` (a code of ``tariffs.REGIONS``), ``payment_method``
(direct_debit, prepayment, standard_credit), ``unit_rate`` (pence per kWh) and
``standing_charge`` (pence per day), prices to at most three decimal places. A file may hold
several bids; a file with any bad row is refused whole.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from coopcouncil.membership.logic.auction import BidPrice, PriceKey
from coopcouncil.membership.logic.messages import Message, gettext_noop
from coopcouncil.membership.logic.tariffs import (
    FUELS,
    PAYMENT_METHODS,
    REGIONS,
    STANDING_CHARGE_RANGE,
    UNIT_RATE_RANGE,
    pence_to_millipence,
)

COLUMNS = ("bid", "supplier", "fuel", "region", "payment_method", "unit_rate", "standing_charge")


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: Message


@dataclass
class BidRows:
    """One bid as read from the file: its supplier and prices in millipence."""

    reference: str
    supplier: str
    prices: dict[PriceKey, BidPrice] = field(default_factory=dict)


def _price(text: str, limits: tuple[Decimal, Decimal]) -> tuple[int | None, Message | None]:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None, Message(gettext_noop("'%(text)s' is not a number of pence"), {"text": text})
    low, high = limits
    if not value.is_finite() or not low <= value <= high:
        return None, Message(
            gettext_noop("%(text)s is outside %(low)s to %(high)s pence"),
            {"text": text, "low": low, "high": high},
        )
    try:
        return pence_to_millipence(value), None
    except ValueError:
        return None, Message(
            gettext_noop("%(text)s has more than three decimal places"), {"text": text}
        )


def _row(number: int, cells: dict[str, str], errors: list[RowError]) -> tuple | None:
    found = len(errors)
    reference = (cells.get("bid") or "").strip()
    if not reference:
        errors.append(
            RowError(number, "bid", Message(gettext_noop("name the bid (the tariff's name)")))
        )
    checks = (("fuel", FUELS), ("region", REGIONS), ("payment_method", PAYMENT_METHODS))
    for column, known in checks:
        if (cells.get(column) or "").strip() not in known:
            given = cells.get(column) or ""
            errors.append(
                RowError(
                    number,
                    column,
                    Message(
                        gettext_noop("'%(given)s' is not one of %(known)s"),
                        {"given": given, "known": ", ".join(known)},
                    ),
                )
            )
    unit, problem = _price(cells.get("unit_rate") or "", UNIT_RATE_RANGE)
    if problem:
        errors.append(RowError(number, "unit_rate", problem))
    standing, problem = _price(cells.get("standing_charge") or "", STANDING_CHARGE_RANGE)
    if problem:
        errors.append(RowError(number, "standing_charge", problem))
    if len(errors) > found or unit is None or standing is None:
        return None
    key = PriceKey(cells["fuel"].strip(), cells["region"].strip(), cells["payment_method"].strip())
    return reference, (cells.get("supplier") or "").strip(), key, BidPrice(unit, standing)


def bids_read(text: str) -> tuple[list[BidRows], list[RowError]]:
    """The bids in ``text`` in file order, and every row's problems (row 1 is the header)."""
    try:
        return _bids_read(text)
    except csv.Error as error:  # a NUL byte, or a cell past the csv module's size limit
        unreadable = Message(
            gettext_noop("the file is not readable CSV (%(error)s)"), {"error": str(error)}
        )
        return [], [RowError(1, "file", unreadable)]


def _bids_read(text: str) -> tuple[list[BidRows], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        lacks = Message(
            gettext_noop("the header row lacks %(columns)s"), {"columns": ", ".join(missing)}
        )
        return [], [RowError(1, "header", lacks)]
    bids: dict[str, BidRows] = {}
    errors: list[RowError] = []
    for number, cells in enumerate(reader, start=2):
        read = _row(number, cells, errors)
        if read is None:
            continue
        reference, supplier, key, price = read
        bid = bids.setdefault(reference, BidRows(reference, supplier))
        if supplier != bid.supplier:
            errors.append(
                RowError(
                    number,
                    "supplier",
                    Message(gettext_noop("bid '%(bid)s' names two suppliers"), {"bid": reference}),
                )
            )
        elif key in bid.prices:
            errors.append(
                RowError(
                    number,
                    "region",
                    Message(
                        gettext_noop("bid '%(bid)s' prices %(price)s twice"),
                        {"bid": reference, "price": str(key)},
                    ),
                )
            )
        else:
            bid.prices[key] = price
    if not bids and not errors:
        errors.append(RowError(1, "file", Message(gettext_noop("the file holds no prices"))))
    return list(bids.values()), errors


def bids_write(bids: list[BidRows]) -> str:
    """The CSV ``bids_read`` reads, for the demo's illustrative bids and for tests."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for bid in bids:
        for key, price in bid.prices.items():
            writer.writerow(
                [
                    bid.reference,
                    bid.supplier,
                    key.fuel,
                    key.region,
                    key.payment_method,
                    _pence_text(price.unit),
                    _pence_text(price.standing),
                ]
            )
    return out.getvalue()


def _pence_text(millipence: int) -> str:
    whole, rest = divmod(millipence, 1000)
    return f"{whole}.{rest:03d}"
