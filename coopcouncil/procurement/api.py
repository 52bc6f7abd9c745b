"""The procurement API, mounted at /api/v1/procurement/: commissioning, bids, awards, returns.

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``. Money is
integer pence; quantities are decimal strings or numbers (read exactly, never as floats).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from ninja import File, Router, Schema, UploadedFile
from ninja.security import django_auth

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places
from coopcouncil.procurement import ocds, selectors, services
from coopcouncil.procurement.logic.delivery import ReturnRow
from coopcouncil.procurement.models import Contract

router = Router(tags=["procurement"])


class MeasureOut(Schema):
    code: str
    name: str
    unit: str
    proxy_value_pence: int
    outcome: str
    theme: str


class MeasureIn(Schema):
    theme: str
    outcome: str
    code: str
    name: str
    unit: str
    proxy_value_pence: int


class ExerciseIn(Schema):
    title: str
    need: str
    outcomes_wanted: str
    budget_pence: int
    district: str = ""
    service_user_weight: int = 0


class ExerciseOut(Schema):
    slug: str
    title: str
    need: str
    outcomes_wanted: str
    budget_pence: int
    service_user_weight: int
    panel: list[dict]
    tenders: list[int]


class PanelIn(Schema):
    user_id: int
    kind: str
    has_scoring_rights: bool = True


class LotIn(Schema):
    title: str
    value_pence: int


class TenderCriterionIn(Schema):
    name: str
    weight: int


class TenderIn(Schema):
    title: str
    description: str = ""
    deadline: datetime
    price_weight: int
    quality_weight: int
    social_value_weight: int
    lots: list[LotIn]
    criteria: list[TenderCriterionIn]


class TenderOut(Schema):
    id: int
    exercise: str
    title: str
    status: str
    deadline: datetime
    price_weight: int
    quality_weight: int
    social_value_weight: int
    lots: list[dict]
    criteria: list[dict]
    living_wage_pence: int


class BidIn(Schema):
    organisation_id: int
    price_pence: int
    pays_real_living_wage: bool
    accepts_local_clauses: bool
    quantities: dict[str, str | int | Decimal] = {}
    summary: str = ""


class BidOut(Schema):
    id: int
    organisation: str
    lot: int
    price_pence: int
    submitted_at: datetime
    living_wage_rate_pence: int
    offers: dict[str, Decimal]
    breakdown: dict | None


class BidScoresIn(Schema):
    scores: dict[int, int]
    comment: str = ""


class ScoreModerationIn(Schema):
    criterion_id: int
    score: Decimal
    note: str


class AwardIn(Schema):
    bid_id: int
    starts_on: date
    ends_on: date
    reason: str = ""


class QuoteIn(Schema):
    organisation_id: int
    amount_pence: int


class QuotationAwardIn(Schema):
    title: str
    supplier_id: int
    value_pence: int
    quotes: list[QuoteIn]
    starts_on: date
    ends_on: date
    district: str = ""
    reason: str = ""


class ContractOut(Schema):
    id: int
    title: str
    route: str
    supplier: str
    district: str | None
    value_pence: int
    starts_on: date
    ends_on: date
    awarded_at: datetime
    award_breakdown: dict
    commitments: list[dict]
    returns: list[dict]


class ReturnLineIn(Schema):
    measure: str
    delivered: Decimal
    evidence: str = ""


class ReturnIn(Schema):
    year: int
    quarter: int
    lines: list[ReturnLineIn]


class ReturnFileIn(Schema):
    year: int
    quarter: int
    csv: str


class RemedyIn(Schema):
    remedy: str


class DeliveryOut(Schema):
    label: str
    promised_pence: int
    delivered_pence: int
    delivered_percent: Decimal | None


class SocialValueOut(Schema):
    borough: DeliveryOut
    contracts: list[DeliveryOut]
    suppliers: list[DeliveryOut]


def _tender_out(tender) -> dict:
    return {
        "id": tender.pk,
        "exercise": tender.exercise.slug,
        "title": tender.title,
        "status": tender.status,
        "deadline": tender.deadline,
        "price_weight": tender.price_weight,
        "quality_weight": tender.quality_weight,
        "social_value_weight": tender.social_value_weight,
        "lots": [
            {"number": lot.number, "title": lot.title, "value_pence": lot.value_pence}
            for lot in tender.lots.all()
        ],
        "criteria": [
            {"id": c.pk, "name": c.name, "weight": c.weight} for c in tender.criteria.all()
        ],
        "living_wage_pence": services.living_wage_now(),
    }


def _exercise_out(exercise) -> dict:
    return {
        "slug": exercise.slug,
        "title": exercise.title,
        "need": exercise.need,
        "outcomes_wanted": exercise.outcomes_wanted,
        "budget_pence": exercise.budget_pence,
        "service_user_weight": exercise.service_user_weight,
        "panel": [
            {
                "user_id": seat.user_id,
                "kind": seat.kind,
                "has_scoring_rights": seat.has_scoring_rights,
            }
            for seat in exercise.panel.all()
        ],
        "tenders": [tender.pk for tender in exercise.tenders.all()],
    }


def _bid_out(bid) -> dict:
    return {
        "id": bid.pk,
        "organisation": bid.organisation.name,
        "lot": bid.lot.number,
        "price_pence": bid.price_pence,
        "submitted_at": bid.submitted_at,
        "living_wage_rate_pence": bid.living_wage_rate_pence,
        "offers": {offer.measure.code: offer.quantity for offer in bid.offers.all()},
        "breakdown": selectors.bid_breakdown(bid),
    }


def _contract_out(contract: Contract) -> dict:
    return {
        "id": contract.pk,
        "title": contract.title,
        "route": contract.route,
        "supplier": contract.supplier.name,
        "district": contract.district.slug if contract.district else None,
        "value_pence": contract.value_pence,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "awarded_at": contract.awarded_at,
        "award_breakdown": contract.award_breakdown,
        "commitments": [
            {"measure": c.measure.code, "unit": c.measure.unit, "promised": str(c.promised)}
            for c in contract.commitments.all()
        ],
        "returns": [
            {
                "year": filed.year,
                "quarter": filed.quarter,
                "lines": [
                    {
                        "id": line.pk,
                        "measure": line.commitment.measure.code,
                        "delivered": str(line.delivered),
                        "due": str(line.due),
                        "is_short": line.is_short,
                        "remedy": line.remedy,
                    }
                    for line in filed.lines.all()
                ],
            }
            for filed in contract.returns.all()
        ],
    }


def _delivery_out(row: selectors.Delivery) -> dict:
    return {
        "label": row.label,
        "promised_pence": row.promised_pence,
        "delivered_pence": row.delivered_pence,
        "delivered_percent": row.delivered_percent,
    }


@router.get("/measures", response=list[MeasureOut], summary="The social value measures catalogue")
def measure_list(request: HttpRequest):
    return [
        {
            "code": m.code,
            "name": m.name,
            "unit": m.unit,
            "proxy_value_pence": m.proxy_value_pence,
            "outcome": m.outcome.name,
            "theme": m.outcome.theme.name,
        }
        for m in selectors.measure_list()
    ]


@router.post(
    "/measures",
    response={201: MeasureOut},
    auth=django_auth,
    summary="Add a measure to the catalogue under its theme and outcome (procurement officers)",
)
def measure_add(request: HttpRequest, payload: MeasureIn):
    measure = services.measure_add(actor=request.user, **payload.dict())
    return 201, {
        **payload.dict(),
        "outcome": measure.outcome.name,
        "theme": measure.outcome.theme.name,
    }


@router.post(
    "/exercises",
    response={201: ExerciseOut},
    auth=django_auth,
    summary="Record a commissioning exercise (procurement officers)",
)
def exercise_create(request: HttpRequest, payload: ExerciseIn):
    data = payload.dict()
    district = data.pop("district")
    exercise = services.exercise_create(
        actor=request.user, district=places.district_get(district) if district else None, **data
    )
    return 201, _exercise_out(selectors.exercise_get(exercise.slug))


@router.get("/exercises/{slug}", response=ExerciseOut, summary="A commissioning exercise")
def exercise_get(request: HttpRequest, slug: str):
    return _exercise_out(selectors.exercise_get(slug))


@router.post(
    "/exercises/{slug}/panel",
    response={201: ExerciseOut},
    auth=django_auth,
    summary="Seat an officer or a service user on the panel",
)
def panel_member_add(request: HttpRequest, slug: str, payload: PanelIn):
    exercise = selectors.exercise_get(slug)
    services.panel_member_add(
        actor=request.user,
        exercise=exercise,
        user=people.user_get(payload.user_id, field="user_id"),
        kind=payload.kind,
        has_scoring_rights=payload.has_scoring_rights,
    )
    return 201, _exercise_out(selectors.exercise_get(slug))


@router.post(
    "/exercises/{slug}/tenders",
    response={201: TenderOut},
    auth=django_auth,
    summary="Publish a tender: lots, deadline, weights (sum 100 %) and quality criteria",
)
def tender_publish(request: HttpRequest, slug: str, payload: TenderIn):
    tender = services.tender_publish(
        actor=request.user,
        exercise=selectors.exercise_get(slug),
        title=payload.title,
        description=payload.description,
        deadline=payload.deadline,
        price_weight=payload.price_weight,
        quality_weight=payload.quality_weight,
        social_value_weight=payload.social_value_weight,
        lots=[(lot.title, lot.value_pence) for lot in payload.lots],
        criteria=[(c.name, c.weight) for c in payload.criteria],
    )
    return 201, _tender_out(selectors.tender_get(tender.pk))


@router.get("/tenders", response=list[TenderOut], summary="Tenders, newest first")
def tender_list(request: HttpRequest):
    return [_tender_out(tender) for tender in selectors.tender_list()[:100]]


@router.get("/tenders/{tender_id}", response=TenderOut, summary="A tender")
def tender_get(request: HttpRequest, tender_id: int):
    return _tender_out(selectors.tender_get(tender_id))


@router.post(
    "/tenders/{tender_id}/lots/{number}/bids",
    response={201: BidOut},
    auth=django_auth,
    summary="Bid for a lot on behalf of your organisation",
)
def bid_submit(request: HttpRequest, tender_id: int, number: int, payload: BidIn):
    lot = selectors.lot_get(selectors.tender_get(tender_id), number)
    bid = services.bid_submit(
        actor=request.user,
        lot=lot,
        organisation=people.organisation_get_by_id(
            payload.organisation_id, field="organisation_id"
        ),
        price_pence=payload.price_pence,
        pays_real_living_wage=payload.pays_real_living_wage,
        accepts_local_clauses=payload.accepts_local_clauses,
        quantities=payload.quantities,
        summary=payload.summary,
    )
    return 201, _bid_out(selectors.bid_get(bid.pk))


def _visible_bid(request: HttpRequest, bid_id: int):
    bid = selectors.bid_get(bid_id)
    require(request.user, "procurement.see_bid", bid)
    return bid


@router.get(
    "/bids/{bid_id}",
    response=BidOut,
    auth=django_auth,
    summary="A bid and, once awarded, its own score breakdown (the bidder and officers)",
)
def bid_get(request: HttpRequest, bid_id: int):
    return _bid_out(_visible_bid(request, bid_id))


@router.put(
    "/bids/{bid_id}/scores",
    response=dict,
    auth=django_auth,
    summary="Score a bid 0–5 on every quality criterion (panel members with scoring rights)",
)
def quality_scores_record(request: HttpRequest, bid_id: int, payload: BidScoresIn):
    bid = selectors.bid_get(bid_id)
    services.quality_scores_record(
        actor=request.user, bid=bid, scores=payload.scores, comment=payload.comment
    )
    return {"scores": selectors.evaluator_scores(bid, request.user)}


@router.put(
    "/bids/{bid_id}/moderation",
    response=dict,
    auth=django_auth,
    summary="Record the panel's agreed score on one criterion (procurement officers)",
)
def moderated_score_record(request: HttpRequest, bid_id: int, payload: ScoreModerationIn):
    bid = selectors.bid_get(bid_id)
    criterion = bid.lot.tender.criteria.filter(pk=payload.criterion_id).first()
    if criterion is None:
        raise DomainError(
            "criterion_not_in_tender", "Choose one of this tender's criteria.", "criterion_id"
        )
    moderated = services.moderated_score_record(
        actor=request.user, bid=bid, criterion=criterion, score=payload.score, note=payload.note
    )
    return {"criterion_id": criterion.pk, "score": str(moderated.score)}


@router.get(
    "/tenders/{tender_id}/lots/{number}/evaluation",
    response=dict,
    auth=django_auth,
    summary="Every bid's scores so far and how they were computed (procurement officers)",
)
def lot_evaluation(request: HttpRequest, tender_id: int, number: int):
    lot = selectors.lot_get(selectors.tender_get(tender_id), number)
    require(request.user, "procurement.moderate", lot.tender)
    found = selectors.lot_evaluation(lot)
    return {
        **selectors.evaluation_breakdown(found),
        "is_complete": found.is_complete,
        "unscored": {str(k): v for k, v in found.unscored.items()},
    }


@router.post(
    "/tenders/{tender_id}/lots/{number}/award",
    response={201: ContractOut},
    auth=django_auth,
    summary="Award a lot; a bid not alone at the top needs a reason",
)
def lot_award(request: HttpRequest, tender_id: int, number: int, payload: AwardIn):
    lot = selectors.lot_get(selectors.tender_get(tender_id), number)
    contract = services.lot_award(
        actor=request.user,
        lot=lot,
        bid=selectors.bid_get(payload.bid_id),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        reason=payload.reason,
    )
    return 201, _contract_out(selectors.contract_get(contract.pk))


@router.post(
    "/quotation-awards",
    response={201: ContractOut},
    auth=django_auth,
    summary="Award under the delegated limit after quotations (district managers)",
)
def quotation_award(request: HttpRequest, payload: QuotationAwardIn):
    quotes = [
        (people.organisation_get_by_id(q.organisation_id, field="quotes"), q.amount_pence)
        for q in payload.quotes
    ]
    contract = services.quotation_award(
        actor=request.user,
        title=payload.title,
        supplier=people.organisation_get_by_id(payload.supplier_id, field="supplier_id"),
        value_pence=payload.value_pence,
        quotes=quotes,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        district=places.district_get(payload.district) if payload.district else None,
        reason=payload.reason,
    )
    return 201, _contract_out(selectors.contract_get(contract.pk))


@router.get("/contracts", response=list[ContractOut], summary="Contracts let, newest first")
def contract_list(request: HttpRequest):
    ids = list(selectors.contract_list().values_list("pk", flat=True)[:50])
    return [_contract_out(selectors.contract_get(pk)) for pk in ids]


@router.get("/contracts/{contract_id}", response=ContractOut, summary="A contract")
def contract_get(request: HttpRequest, contract_id: int):
    return _contract_out(selectors.contract_get(contract_id))


@router.post(
    "/contracts/{contract_id}/returns",
    response={201: ContractOut},
    auth=django_auth,
    summary="Make a quarterly return: delivered against each commitment (the supplier)",
)
def quarterly_return_submit(request: HttpRequest, contract_id: int, payload: ReturnIn):
    contract = selectors.contract_get(contract_id)
    services.quarterly_return_submit(
        actor=request.user,
        contract=contract,
        year=payload.year,
        quarter=payload.quarter,
        rows=[ReturnRow(line.measure, line.delivered, line.evidence) for line in payload.lines],
    )
    return 201, _contract_out(selectors.contract_get(contract_id))


@router.post(
    "/contracts/{contract_id}/returns/file",
    response={201: ContractOut},
    auth=django_auth,
    summary="Make a quarterly return from a CSV file (measure, delivered, evidence)",
)
def quarterly_return_upload(
    request: HttpRequest, contract_id: int, year: int, quarter: int, file: UploadedFile = File(...)
):
    try:
        text = file.read().decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("file_not_utf8", "Save the file as UTF-8 CSV.", "file") from None
    contract = selectors.contract_get(contract_id)
    services.quarterly_return_import(
        actor=request.user, contract=contract, year=year, quarter=quarter, text=text
    )
    return 201, _contract_out(selectors.contract_get(contract_id))


@router.put(
    "/return-lines/{line_id}/remedy",
    response=dict,
    auth=django_auth,
    summary="Record the remedy for a shortfall (procurement officers)",
)
def remedy_record(request: HttpRequest, line_id: int, payload: RemedyIn):
    line = selectors.return_line_get(line_id)
    services.remedy_record(actor=request.user, line=line, remedy=payload.remedy)
    return {"id": line.pk, "remedy": line.remedy}


@router.get(
    "/social-value",
    response=SocialValueOut,
    summary="Social value promised against delivered: borough-wide, per contract, per supplier",
)
def social_value(request: HttpRequest):
    return {
        "borough": _delivery_out(selectors.delivery_borough("Borough")),
        "contracts": [_delivery_out(row) for row in selectors.delivery_by_contract()],
        "suppliers": [_delivery_out(row) for row in selectors.delivery_by_supplier()],
    }


def _streamed(pieces) -> StreamingHttpResponse:
    return StreamingHttpResponse(pieces, content_type="application/json")


@router.get(
    "/ocds/release-package.json",
    summary="Every contracting process's releases as one OCDS 1.1 release package (streamed)",
)
def ocds_release_package(request: HttpRequest):
    return _streamed(
        ocds.release_package_stream(uri=request.build_absolute_uri(), published=timezone.now())
    )


@router.get(
    "/ocds/record-package.json",
    summary="One OCDS 1.1 record per contracting process, as a record package (streamed)",
)
def ocds_record_package(request: HttpRequest):
    return _streamed(
        ocds.record_package_stream(uri=request.build_absolute_uri(), published=timezone.now())
    )


@router.get(
    "/ocds/processes/{ocid}", summary="One contracting process as an OCDS 1.1 record package"
)
def ocds_process(request: HttpRequest, ocid: str):
    process = ocds.process_get(ocid)
    return _streamed(
        ocds.record_package_stream(
            uri=request.build_absolute_uri(), published=timezone.now(), chosen=iter([process])
        )
    )
