"""Open contracting: every contracting process as OCDS 1.1 releases and a record, streamed.

A process is a tender (all its lots, bids, awards and contracts) or a contract awarded after
quotations. Each stage the process has reached is published as a release — ``planning``
(the commissioning exercise's need and budget), ``tender``, ``award``, ``contract`` and
``implementation`` (each quarterly return as a reporting milestone, met or not met) — and the
process as one record, with the releases embedded and a compiled release of the latest state.

Processes are read in chunks with everything they need prefetched, and the packages are
written piece by piece, so 10,000 processes never sit in memory at once
(``bench/procurement_ocds.py``). Suppliers are identified by their Companies House or
Charity Commission number where known (org-id.guide's ``GB-COH`` and ``GB-CHC``).
Reference: https://standard.open-contracting.org/1.1/
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TextIO

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from coopcouncil.core.errors import NotFound
from coopcouncil.people.models import Organisation
from coopcouncil.places.selectors import borough_current
from coopcouncil.procurement import policy
from coopcouncil.procurement.models import (
    Bid,
    CommissioningExercise,
    Contract,
    QualityCriterion,
    QuarterlyReturn,
    Quote,
    ReturnLine,
    Tender,
    TenderLot,
)

VERSION = "1.1"
LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
BUYER_ID = "coopcouncil-buyer"
CHUNK = 500
STAGES = ("planning", "tender", "award", "contract", "implementation")


@dataclass(frozen=True)
class Process:
    """One contracting process: its releases, stage by stage, and its compiled release."""

    ocid: str
    releases: tuple[dict, ...]
    compiled: dict


def _when(moment: datetime | date) -> str:
    """An OCDS date: the council's own time zone (settings.TIME_ZONE), never a visitor's."""
    zone = timezone.get_default_timezone()
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time.min, tzinfo=zone)
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _amount(pence: int) -> dict:
    return {"amount": pence / 100, "currency": "GBP"}


def party_id(organisation: Organisation) -> str:
    if organisation.company_number:
        return f"GB-COH-{organisation.company_number}"
    if organisation.charity_number:
        return f"GB-CHC-{organisation.charity_number}"
    return f"coopcouncil-organisation-{organisation.pk}"


def _party(organisation: Organisation, roles: list[str]) -> dict:
    party: dict = {"id": party_id(organisation), "name": organisation.name, "roles": roles}
    identifier = None
    if organisation.company_number:
        identifier = {"scheme": "GB-COH", "id": organisation.company_number}
    elif organisation.charity_number:
        identifier = {"scheme": "GB-CHC", "id": organisation.charity_number}
    if identifier:
        party["identifier"] = {**identifier, "legalName": organisation.name}
    return party


def _reference(organisation: Organisation) -> dict:
    return {"id": party_id(organisation), "name": organisation.name}


class _Parties:
    """The process's parties, each organisation once with all its roles."""

    def __init__(self, buyer_name: str) -> None:
        self.buyer = {"id": BUYER_ID, "name": buyer_name}
        self._rows: dict[str, tuple[Organisation, list[str]]] = {}

    def add(self, organisation: Organisation, role: str) -> dict:
        _, roles = self._rows.setdefault(party_id(organisation), (organisation, []))
        if role not in roles:
            roles.append(role)
        return _reference(organisation)

    def as_list(self) -> list[dict]:
        buyer = {**self.buyer, "roles": ["buyer", "procuringEntity"]}
        return [buyer] + [_party(org, roles) for org, roles in self._rows.values()]


def _planning(exercise: CommissioningExercise | None) -> dict | None:
    if exercise is None:
        return None
    return {
        "rationale": exercise.need,
        "budget": {
            "id": f"exercise-{exercise.pk}",
            "description": exercise.outcomes_wanted,
            "amount": _amount(exercise.budget_pence),
        },
    }


def _implementation(contract: Contract) -> dict | None:
    returns = contract.ocds_returns
    if not returns:
        return None
    milestones = []
    for filed in returns:
        lines = filed.ocds_lines
        short = [line for line in lines if line.is_short]
        milestones.append(
            {
                "id": f"return-{filed.pk}",
                "title": f"Social value return {filed.year} Q{filed.quarter}",
                "type": "reporting",
                "status": "notMet" if short else "met",
                "dateMet": _when(filed.submitted_at),
                "description": "; ".join(
                    f"{line.commitment.measure.code}: {line.delivered} of {line.due} due"
                    for line in lines
                ),
            }
        )
    return {"milestones": milestones}


def _award_and_contract(contract: Contract, parties: _Parties) -> tuple[dict, dict]:
    award_id = f"award-{contract.pk}"
    award = {
        "id": award_id,
        "title": contract.title,
        "status": "active",
        "date": _when(contract.awarded_at),
        "value": _amount(contract.value_pence),
        "suppliers": [parties.add(contract.supplier, "supplier")],
    }
    breakdown = contract.award_breakdown.get("bids", [])
    if breakdown:
        award["description"] = "Scores (price + quality + social value = total): " + "; ".join(
            f"{row['organisation']} {row['price_score']} + {row['quality_score']} + "
            f"{row['social_value_score']} = {row['total']}"
            for row in breakdown
        )
    contract_row: dict = {
        "id": f"contract-{contract.pk}",
        "awardID": award_id,
        "title": contract.title,
        "status": "active",
        "value": _amount(contract.value_pence),
        "period": {"startDate": _when(contract.starts_on), "endDate": _when(contract.ends_on)},
        "dateSigned": _when(contract.awarded_at),
    }
    return award, contract_row


def _tender_process(tender: Tender, prefix: str, buyer_name: str) -> Process:
    parties = _Parties(buyer_name)
    lots = tender.ocds_lots
    bids = [bid for lot in lots for bid in lot.ocds_bids]
    tenderers = {
        party_id(bid.organisation): parties.add(bid.organisation, "tenderer") for bid in bids
    }
    weights = (
        f"Price {tender.price_weight}%, quality {tender.quality_weight}%, "
        f"social value {tender.social_value_weight}%"
    )
    criteria = ", ".join(f"{c.name} {c.weight}%" for c in tender.ocds_criteria)
    tender_section = {
        "id": f"tender-{tender.pk}",
        "title": tender.title,
        "description": tender.description or tender.title,
        "status": "complete" if tender.status == Tender.Status.AWARDED else "active",
        "procurementMethod": "open",
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": f"{weights}. Quality: {criteria}." if criteria else weights,
        "submissionMethod": ["electronicSubmission"],
        "eligibilityCriteria": "Pay at least the real Living Wage to staff and subcontractors; "
        "accept the local economic benefit clauses.",
        "tenderPeriod": {
            "startDate": _when(tender.published_at),
            "endDate": _when(tender.deadline),
        },
        "value": _amount(sum(lot.value_pence for lot in lots)),
        "items": [
            {"id": f"lot-{lot.number}", "description": lot.title, "quantity": 1} for lot in lots
        ],
        "numberOfTenderers": len(tenderers),
        "tenderers": list(tenderers.values()),
    }
    contracts = [lot.contract for lot in lots if _has_contract(lot)]
    return _process(
        ocid=f"{prefix}-tender-{tender.pk}",
        parties=parties,
        planning=_planning(tender.exercise),
        planned_at=tender.exercise.created_at,
        tender=tender_section,
        tendered_at=tender.published_at,
        contracts=contracts,
    )


def _has_contract(lot: TenderLot) -> bool:
    try:
        return lot.contract is not None
    except Contract.DoesNotExist:
        return False


def _quotation_process(contract: Contract, prefix: str, buyer_name: str) -> Process:
    parties = _Parties(buyer_name)
    quotes = contract.ocds_quotes
    tenderers = [parties.add(quote.organisation, "tenderer") for quote in quotes]
    tender_section = {
        "id": f"quotation-{contract.pk}",
        "title": contract.title,
        "status": "complete",
        "procurementMethod": "limited",
        "procurementMethodDetails": "Quotations under the council's delegated limit",
        "procurementMethodRationale": contract.quotation_reason or "Three quotations received.",
        "mainProcurementCategory": "services",
        "numberOfTenderers": len(tenderers),
        "tenderers": tenderers,
    }
    return _process(
        ocid=f"{prefix}-contract-{contract.pk}",
        parties=parties,
        planning=_planning(contract.exercise),
        planned_at=contract.exercise.created_at if contract.exercise else None,
        tender=tender_section,
        tendered_at=contract.awarded_at,
        contracts=[contract],
    )


def _process(
    *,
    ocid: str,
    parties: _Parties,
    planning: dict | None,
    planned_at: datetime | None,
    tender: dict,
    tendered_at: datetime,
    contracts: list[Contract],
) -> Process:
    awards, contract_rows, implemented = [], [], []
    for contract in contracts:
        award, contract_row = _award_and_contract(contract, parties)
        awards.append(award)
        contract_rows.append(contract_row)
        implementation = _implementation(contract)
        implemented.append(
            {**contract_row, "implementation": implementation} if implementation else contract_row
        )
    stages: list[tuple[str, datetime, dict]] = []
    if planning is not None and planned_at is not None:
        stages.append(("planning", planned_at, {"planning": planning}))
    stages.append(("tender", tendered_at, {"tender": tender}))
    if contracts:
        awarded_at = max(contract.awarded_at for contract in contracts)
        stages.append(("award", awarded_at, {"awards": awards}))
        stages.append(("contract", awarded_at, {"contracts": contract_rows}))
        returned = [r.submitted_at for c in contracts for r in c.ocds_returns]
        if returned:
            stages.append(("implementation", max(returned), {"contracts": implemented}))
    common = {"initiationType": "tender", "language": "en", "buyer": parties.buyer}
    party_list = parties.as_list()
    releases = tuple(
        {
            "ocid": ocid,
            "id": f"{ocid}-{stage}",
            "date": _when(moment),
            "tag": [stage],
            **common,
            "parties": party_list,
            **section,
        }
        for stage, moment, section in stages
    )
    compiled: dict = {
        "ocid": ocid,
        "id": f"{ocid}-compiled",
        "date": releases[-1]["date"],
        "tag": ["compiled"],
        **common,
        "parties": party_list,
        "tender": tender,
    }
    if planning is not None:
        compiled["planning"] = planning
    if contracts:
        compiled["awards"] = awards
        compiled["contracts"] = implemented
    return Process(ocid=ocid, releases=releases, compiled=compiled)


# Each related list is prefetched into an attribute (``to_attr``): a prefetch into a related
# manager clones a queryset for every object, which cost more than building the JSON.
def _returns_prefetch(path: str) -> Prefetch:
    return Prefetch(
        path,
        QuarterlyReturn.objects.prefetch_related(
            Prefetch(
                "lines",
                ReturnLine.objects.select_related("commitment__measure"),
                to_attr="ocds_lines",
            )
        ),
        to_attr="ocds_returns",
    )


def _quotes_prefetch() -> Prefetch:
    return Prefetch("quotes", Quote.objects.select_related("organisation"), to_attr="ocds_quotes")


def _tenders() -> QuerySet[Tender]:
    return (
        Tender.objects.select_related("exercise")
        .prefetch_related(
            Prefetch("criteria", QualityCriterion.objects.all(), to_attr="ocds_criteria"),
            Prefetch(
                "lots",
                TenderLot.objects.select_related("contract__supplier").prefetch_related(
                    Prefetch(
                        "bids", Bid.objects.select_related("organisation"), to_attr="ocds_bids"
                    ),
                    _returns_prefetch("contract__returns"),
                ),
                to_attr="ocds_lots",
            ),
        )
        .order_by("pk")
    )


def processes() -> Iterator[Process]:
    """Every contracting process, tenders first then quotation awards, in chunks."""
    prefix, buyer_name = policy.ocid_prefix(), _buyer_name()
    for tender in _tenders().iterator(chunk_size=CHUNK):
        yield _tender_process(tender, prefix, buyer_name)
    quotations = (
        Contract.objects.filter(route=Contract.Route.QUOTATION)
        .select_related("supplier", "exercise")
        .prefetch_related(_quotes_prefetch(), _returns_prefetch("returns"))
        .order_by("pk")
    )
    for contract in quotations.iterator(chunk_size=CHUNK):
        yield _quotation_process(contract, prefix, buyer_name)


def _buyer_name() -> str:
    borough = borough_current()
    return borough.name if borough is not None else "The council"


def process_get(ocid: str) -> Process:
    """One process by its ocid (``<prefix>-tender-<id>`` or ``<prefix>-contract-<id>``)."""
    prefix, buyer_name = policy.ocid_prefix(), _buyer_name()
    kind, _, number = ocid.removeprefix(f"{prefix}-").partition("-")
    if number.isdigit() and kind == "tender":
        tender = _tenders().filter(pk=int(number)).first()
        if tender is not None:
            return _tender_process(tender, prefix, buyer_name)
    if number.isdigit() and kind == "contract":
        contract = (
            Contract.objects.filter(route=Contract.Route.QUOTATION, pk=int(number))
            .select_related("supplier", "exercise")
            .prefetch_related(_quotes_prefetch(), _returns_prefetch("returns"))
            .first()
        )
        if contract is not None:
            return _quotation_process(contract, prefix, buyer_name)
    raise NotFound("process_not_found", f"There is no contracting process '{ocid}'.")


def _package_head(uri: str, published: datetime) -> dict:
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": _when(published),
        "publisher": {"name": _buyer_name()},
        "license": LICENCE,
    }


def _stream(head: dict, key: str, items: Iterator[dict]) -> Iterator[str]:
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    yield f'{opening}, "{key}": ['
    for number, item in enumerate(items):
        yield ("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]}\n"


def release_package_stream(
    *, uri: str, published: datetime, chosen: Iterator[Process] | None = None
) -> Iterator[str]:
    """A release package of every stage of every process, as pieces of JSON text."""
    found = chosen if chosen is not None else processes()
    releases = (release for process in found for release in process.releases)
    return _stream(_package_head(uri, published), "releases", releases)


def record_package_stream(
    *, uri: str, published: datetime, chosen: Iterator[Process] | None = None
) -> Iterator[str]:
    """A record package with one record per process, as pieces of JSON text."""
    found = chosen if chosen is not None else processes()
    records = (
        {"ocid": p.ocid, "releases": list(p.releases), "compiledRelease": p.compiled} for p in found
    )
    return _stream(_package_head(uri, published), "records", records)


def packages_write(*, releases: TextIO, records: TextIO, uri: str, published: datetime) -> int:
    """Write the release package and the record package in one pass over the processes.

    Each process is built once and written to both files, and each release is turned into
    JSON text once: the record embeds the same text, so exporting both costs one read of the
    data and one serialisation of each release. Returns the number of processes written.
    """
    release_pieces = _Writer(
        releases, _package_head(f"{uri}/release-package.json", published), "releases"
    )
    record_pieces = _Writer(
        records, _package_head(f"{uri}/record-package.json", published), "records"
    )
    count = 0
    for process in processes():
        release_texts = [_json(release) for release in process.releases]
        for text in release_texts:
            release_pieces.add_text(text)
        record_pieces.add_text(_record_text(process, release_texts))
        count += 1
    release_pieces.close()
    record_pieces.close()
    return count


def _json(item: object) -> str:
    return json.dumps(item, ensure_ascii=False)


def _record_text(process: Process, release_texts: list[str]) -> str:
    """The record as ``json.dumps`` writes it, around releases already written as text."""
    return (
        f'{{"ocid": {_json(process.ocid)}, "releases": [{", ".join(release_texts)}], '
        f'"compiledRelease": {_json(process.compiled)}}}'
    )


class _Writer:
    """One package written item by item: the head, each item, then the closing brackets."""

    def __init__(self, out: TextIO, head: dict, key: str) -> None:
        self.out = out
        self.first = True
        out.write(_json(head)[:-1] + f', "{key}": [')

    def add_text(self, text: str) -> None:
        self.out.write(("\n" if self.first else ",\n") + text)
        self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")
