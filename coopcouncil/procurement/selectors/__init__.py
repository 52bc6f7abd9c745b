"""Reads for procurement: the catalogue, exercises, tenders and bids, contracts, delivery.

``contracts_for_organisation`` is offered to the apps above (mutuals links to it).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch, QuerySet

from coopcouncil.core.errors import NotFound
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, current_roles, is_signed_in
from coopcouncil.places.models import District
from coopcouncil.procurement.models import (
    Bid,
    CommissioningExercise,
    Commitment,
    Contract,
    PanelMember,
    QualityScore,
    QuarterlyReturn,
    ReturnLine,
    Tender,
    TenderLot,
)
from coopcouncil.procurement.selectors.catalogue import (
    measure_get,
    measure_list,
    outcome_get,
    outcome_list,
    theme_get,
    theme_list,
)
from coopcouncil.procurement.selectors.delivery import (
    Delivery,
    delivery_borough,
    delivery_by_contract,
    delivery_by_supplier,
    shortfalls,
)
from coopcouncil.procurement.selectors.evaluation import (
    LotEvaluation,
    evaluation_breakdown,
    lot_bids,
    lot_evaluation,
)

__all__ = [
    "Delivery",
    "LotEvaluation",
    "bid_breakdown",
    "bid_get",
    "evaluator_scores",
    "contract_get",
    "contract_list",
    "contracting_last_updated",
    "contracts_for_organisation",
    "delivery_borough",
    "delivery_by_contract",
    "delivery_by_supplier",
    "evaluation_breakdown",
    "exercise_get",
    "exercise_list",
    "is_panel_member",
    "lot_bids",
    "lot_evaluation",
    "lot_get",
    "measure_get",
    "measure_list",
    "outcome_get",
    "outcome_list",
    "my_procurement",
    "my_organisations",
    "procurement_personal_data",
    "return_line_get",
    "shortfalls",
    "tender_get",
    "tender_list",
    "theme_get",
    "theme_list",
]


def exercise_list() -> QuerySet[CommissioningExercise]:
    return CommissioningExercise.objects.select_related("district").prefetch_related("themes")


def exercise_get(slug: str) -> CommissioningExercise:
    exercise = (
        exercise_list()
        .prefetch_related(Prefetch("panel", PanelMember.objects.select_related("user")), "tenders")
        .filter(slug=slug)
        .first()
    )
    if exercise is None:
        raise NotFound("exercise_not_found", f"There is no commissioning exercise '{slug}'.")
    return exercise


def tender_list() -> QuerySet[Tender]:
    return Tender.objects.select_related("exercise").prefetch_related("lots", "criteria")


def tender_get(tender_id: int) -> Tender:
    tender = tender_list().filter(pk=tender_id).first()
    if tender is None:
        raise NotFound("tender_not_found", f"There is no tender {tender_id}.", "tender")
    return tender


def lot_get(tender: Tender, number: int) -> TenderLot:
    lot = TenderLot.objects.select_related("tender__exercise").filter(tender=tender, number=number)
    found = lot.first()
    if found is None:
        raise NotFound("lot_not_found", f"Tender {tender.pk} has no lot {number}.", "lot")
    return found


def bid_get(bid_id: int) -> Bid:
    bid = (
        Bid.objects.select_related("organisation", "lot__tender__exercise", "submitted_by")
        .prefetch_related("offers__measure")
        .filter(pk=bid_id)
        .first()
    )
    if bid is None:
        raise NotFound("bid_not_found", f"There is no bid {bid_id}.", "bid")
    return bid


def evaluator_scores(bid: Bid, user: Actor) -> dict[int, int]:
    """The scores this panel member has given the bid, by criterion id."""
    if not is_signed_in(user):
        return {}
    rows = QualityScore.objects.filter(bid=bid, evaluator__user=user)
    return {row.criterion_id: row.score for row in rows}


def my_organisations(user: Actor) -> QuerySet[Organisation]:
    """Organisations the person holds a current role in: those they may bid and report for."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    ids = current_roles(user).exclude(organisation=None).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def contract_list(*, district: District | None = None) -> QuerySet[Contract]:
    """Contracts let, newest first, with supplier, district and the lot's tender."""
    contracts = Contract.objects.select_related("supplier", "district", "lot__tender")
    if district is not None:
        contracts = contracts.filter(district=district)
    return contracts


def contracts_for_organisation(organisation: Organisation) -> QuerySet[Contract]:
    """The contracts an organisation holds as supplier, newest first (for mutuals' pages)."""
    return contract_list().filter(supplier=organisation)


def contract_get(contract_id: int) -> Contract:
    contract = (
        contract_list()
        .prefetch_related(
            Prefetch("commitments", Commitment.objects.select_related("measure")),
            Prefetch(
                "returns",
                QuarterlyReturn.objects.prefetch_related(
                    Prefetch("lines", ReturnLine.objects.select_related("commitment__measure"))
                ),
            ),
            "quotes__organisation",
        )
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise NotFound("contract_not_found", f"There is no contract {contract_id}.", "contract")
    return contract


def procurement_personal_data(*, user: User) -> dict:
    """What procurement holds about a person, for their data export: panel seats and scores.

    Bids, returns and awards are the organisation's records, not the person's; only who
    submitted them points at the person, and erasure clears that pointer.
    """
    seats = PanelMember.objects.filter(user=user).select_related("exercise")
    scores = QualityScore.objects.filter(evaluator__user=user).select_related(
        "bid__lot__tender", "criterion"
    )
    return {
        "panel_seats": [{"exercise": seat.exercise.title, "kind": seat.kind} for seat in seats],
        "quality_scores": [
            {
                "tender": score.bid.lot.tender.title,
                "bid": score.bid_id,
                "criterion": score.criterion.name,
                "score": score.score,
                "comment": score.comment,
            }
            for score in scores
        ],
        "bids_submitted": list(Bid.objects.filter(submitted_by=user).values_list("pk", flat=True)),
    }


def bid_breakdown(bid: Bid) -> dict | None:
    """The bid's own line of the award decision (scores and their working), once awarded."""
    contract = (
        Contract.objects.filter(lot_id=bid.lot_id).only("award_breakdown", "winning_bid_id").first()
    )
    if contract is None:
        return None
    breakdown = contract.award_breakdown
    row = next((row for row in breakdown.get("bids", []) if row["bid_id"] == bid.pk), None)
    if row is None:
        return None
    return {
        **row,
        "weights": breakdown["weights"],
        "lowest_price_pence": breakdown["lowest_price_pence"],
        "best_social_value_pence": breakdown["best_social_value_pence"],
        "is_winner": contract.winning_bid_id == bid.pk,
        "bidders": len(breakdown.get("bids", [])),
    }


def return_line_get(line_id: int) -> ReturnLine:
    line = (
        ReturnLine.objects.select_related(
            "quarterly_return__contract__supplier", "commitment__measure"
        )
        .filter(pk=line_id)
        .first()
    )
    if line is None:
        raise NotFound("return_line_not_found", f"There is no return line {line_id}.", "line")
    return line


def is_panel_member(user: Actor, exercise: CommissioningExercise) -> bool:
    return is_signed_in(user) and exercise.panel.filter(user=user).exists()


def my_procurement(user: Actor) -> dict:
    """What the account page shows: bids and contracts of the person's organisations, panels."""
    if not is_signed_in(user):
        return {"bids": [], "contracts": [], "panels": []}
    organisations = my_organisations(user)
    return {
        "bids": list(
            Bid.objects.filter(organisation__in=organisations).select_related(
                "organisation", "lot__tender"
            )[:20]
        ),
        "contracts": list(contract_list().filter(supplier__in=organisations)[:20]),
        "panels": list(
            PanelMember.objects.filter(user=user)
            .select_related("exercise")
            .prefetch_related("exercise__tenders__lots")
        ),
    }


def contracting_last_updated() -> datetime | None:
    """When the contracting data last changed: the newest tender, award or return."""
    moments = [
        Tender.objects.order_by("-published_at").values_list("published_at", flat=True).first(),
        Contract.objects.order_by("-awarded_at").values_list("awarded_at", flat=True).first(),
        QuarterlyReturn.objects.order_by("-submitted_at")
        .values_list("submitted_at", flat=True)
        .first(),
    ]
    return max((m for m in moments if m is not None), default=None)
