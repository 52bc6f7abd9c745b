"""The council's address list (a gazetteer extract) and how a resident's ward is found.

The address list is the council's Local Land and Property Gazetteer (LLPG) extract, one
address a row, in these columns (the header is line 1)::

    uprn,address_line_1,address_line_2,address_line_3,town,postcode,ward_code

``uprn`` is the Unique Property Reference Number (digits, at most 12); ``address_line_1``
and ``postcode`` are required; ``ward_code`` must be one of the borough's wards (the
extract is the council's own, so an unknown ward is a mistake, not a neighbour's address).

**Where a resident lives** (``resident_placement``): the ward comes from the address the
resident chooses; where the address list has nothing for the postcode, from the postcode
directory. The directory gives one ward per postcode (where the postcode's centre lies),
so a postcode **straddles** wards when its addresses lie in more than one ward, or in a
ward other than the directory's. A resident of a straddling postcode who finds no address
in the list is placed by an officer.
"""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coopcouncil.places.logic.postcodes import PostcodeInvalid, RowProblem, postcode_normalise

ADDRESS_COLUMNS = (
    "uprn",
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "town",
    "postcode",
    "ward_code",
)
REQUIRED_COLUMNS = ("uprn", "address_line_1", "postcode", "ward_code")


@dataclass(frozen=True)
class GazetteerAddress:
    line: int
    uprn: int
    address_line_1: str
    address_line_2: str
    address_line_3: str
    town: str
    postcode: str
    ward_code: str


@dataclass(frozen=True)
class GazetteerReading:
    addresses: list[GazetteerAddress] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _address_row(
    line: int, raw: dict[str, str], ward_codes: set[str]
) -> tuple[GazetteerAddress | None, list[RowProblem]]:
    problems = []
    uprn_text = (raw.get("uprn") or "").strip()
    if not re.fullmatch(r"\d{1,12}", uprn_text) or int(uprn_text) == 0:
        problems.append(RowProblem(line, "uprn", f"'{uprn_text}' is not a UPRN (1 to 12 digits)"))
    lines = tuple(
        (raw.get(column) or "").strip()
        for column in ("address_line_1", "address_line_2", "address_line_3", "town")
    )
    if not lines[0]:
        problems.append(RowProblem(line, "address_line_1", "is empty"))
    try:
        postcode = postcode_normalise(raw.get("postcode") or "")
    except PostcodeInvalid as error:
        problems.append(RowProblem(line, "postcode", str(error)))
    ward_code = (raw.get("ward_code") or "").strip()
    if ward_code not in ward_codes:
        problems.append(
            RowProblem(line, "ward_code", f"'{ward_code}' is not a ward of the borough")
        )
    if problems:
        return None, problems
    line_1, line_2, line_3, town = lines
    return GazetteerAddress(
        line, int(uprn_text), line_1, line_2, line_3, town, postcode, ward_code
    ), []


def parse_address_list(lines: Iterable[str], ward_codes: Iterable[str]) -> GazetteerReading:
    """Check every row of an address list; a UPRN listed twice is a problem on its second line."""
    ours = set(ward_codes)
    reader = csv.DictReader(
        line.lstrip("\ufeff") if i == 0 else line for i, line in enumerate(lines)
    )
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in reader.fieldnames]
    if missing:
        return GazetteerReading(problems=[RowProblem(1, c, "column is missing") for c in missing])
    reading = GazetteerReading()
    seen: set[int] = set()
    for raw in reader:
        address, problems = _address_row(reader.line_num, raw, ours)
        if address is not None and address.uprn in seen:
            problems = [RowProblem(address.line, "uprn", f"UPRN {address.uprn} appears twice")]
        if problems:
            reading.problems.extend(problems)
        elif address is not None:
            seen.add(address.uprn)
            reading.addresses.append(address)
    if not reading.addresses and not reading.problems:
        reading.problems.append(RowProblem(1, "file", "the file has no addresses"))
    return reading


class Placement(enum.Enum):
    """How a resident's ward was found, or why it was not."""

    FROM_ADDRESS = "from_address"
    FROM_POSTCODE = "from_postcode"
    FOR_AN_OFFICER = "for_an_officer"  # a straddling postcode, no address chosen
    OUTSIDE_BOROUGH = "outside_borough"  # neither the directory nor the address list has it
    TERMINATED = "terminated"  # the directory says the postcode is no longer in use
    ADDRESS_NOT_AT_POSTCODE = "address_not_at_postcode"


@dataclass(frozen=True)
class KnownAddress:
    uprn: int
    ward_code: str


@dataclass(frozen=True)
class PlacementResult:
    placement: Placement
    ward_code: str | None = None
    uprn: int | None = None


def postcode_wards(directory_ward_code: str | None, addresses: Sequence[KnownAddress]) -> set[str]:
    """Every ward the postcode touches: its addresses' wards and the directory's ward."""
    wards = {a.ward_code for a in addresses}
    if directory_ward_code is not None:
        wards.add(directory_ward_code)
    return wards


def resident_placement(
    *,
    directory_ward_code: str | None,
    is_terminated: bool,
    addresses: Sequence[KnownAddress],
    uprn: int | None,
) -> PlacementResult:
    """Find a resident's ward from their postcode's directory entry, addresses and choice.

    ``directory_ward_code`` is None when the directory does not list the postcode.
    Example: a postcode the directory puts in Coldhurst, with addresses 1 (Coldhurst) and 2
    (St Mary's), straddles: choosing 2 places the resident in St Mary's; choosing none
    sends the claim to an officer.
    """
    if directory_ward_code is None and not addresses:
        return PlacementResult(Placement.OUTSIDE_BOROUGH)
    if is_terminated:
        return PlacementResult(Placement.TERMINATED)
    if uprn is not None:
        for address in addresses:
            if address.uprn == uprn:
                return PlacementResult(Placement.FROM_ADDRESS, address.ward_code, uprn)
        return PlacementResult(Placement.ADDRESS_NOT_AT_POSTCODE)
    wards = postcode_wards(directory_ward_code, addresses)
    if len(wards) > 1:
        return PlacementResult(Placement.FOR_AN_OFFICER)
    # The whole postcode lies in one ward, so that is the resident's, listed or not.
    (ward_code,) = wards
    return PlacementResult(Placement.FROM_POSTCODE, ward_code)
