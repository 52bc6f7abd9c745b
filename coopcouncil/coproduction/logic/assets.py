"""Community assets: commitments met, reviews and licences due, and the register's CSV rows.

A lease or transfer is granted in exchange for service commitments (hours open, activities,
people served), each with a yearly target; a yearly return meets a commitment when what was
achieved reaches the target. A meanwhile-use licence is flagged in the weeks before it ends
so the council and the group can renew it or plan the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "ASSET_CSV_COLUMNS",
    "ASSET_KINDS",
    "CONDITIONS",
    "AssetRow",
    "asset_row_check",
    "commitment_is_met",
    "is_ending_soon",
]

ASSET_KINDS = ("building", "park", "land", "nature_reserve")
CONDITIONS = ("good", "fair", "poor", "unsafe")
ASSET_CSV_COLUMNS = (
    "reference",
    "name",
    "kind",
    "ward",
    "address",
    "condition",
    "running_cost_pence",
    "current_use",
    "latitude",
    "longitude",
)


def commitment_is_met(*, target: int, achieved: int) -> bool:
    return achieved >= target


def is_ending_soon(*, ends_on: date, today: date, warning_days: int) -> bool:
    """Ending within ``warning_days`` from today (and not yet ended)."""
    return today <= ends_on <= today + timedelta(days=warning_days)


@dataclass(frozen=True)
class AssetRow:
    """One valid row of the register's CSV, with the ward still named by its slug."""

    reference: str
    name: str
    kind: str
    ward: str
    address: str
    condition: str
    running_cost_pence: int
    current_use: str
    latitude: str
    longitude: str


def asset_row_check(row: dict[str, str]) -> tuple[AssetRow | None, list[tuple[str, str]]]:
    """The row as an ``AssetRow``, or the (field, message) pairs that are wrong with it.

    Wards are checked by the service, which knows them; everything else is checked here.
    """
    values = {column: (row.get(column) or "").strip() for column in ASSET_CSV_COLUMNS}
    problems: list[tuple[str, str]] = []
    for required in ("reference", "name", "kind", "ward"):
        if not values[required]:
            problems.append((required, "is required"))
    if values["kind"] and values["kind"] not in ASSET_KINDS:
        problems.append(("kind", f"must be one of {', '.join(ASSET_KINDS)}"))
    if values["condition"] and values["condition"] not in CONDITIONS:
        problems.append(("condition", f"must be one of {', '.join(CONDITIONS)}"))
    cost = values["running_cost_pence"] or "0"
    if not cost.isdigit():
        problems.append(("running_cost_pence", "must be a whole number of pence"))
    for coordinate, limit in (("latitude", 90), ("longitude", 180)):
        if values[coordinate] and not _is_coordinate(values[coordinate], limit):
            problems.append((coordinate, f"must be a number between -{limit} and {limit}"))
    if problems:
        return None, problems
    return AssetRow(
        reference=values["reference"],
        name=values["name"],
        kind=values["kind"],
        ward=values["ward"],
        address=values["address"],
        condition=values["condition"] or "fair",
        running_cost_pence=int(cost),
        current_use=values["current_use"],
        latitude=values["latitude"],
        longitude=values["longitude"],
    ), []


def _is_coordinate(text: str, limit: int) -> bool:
    try:
        return -limit <= float(text) <= limit
    except ValueError:
        return False
