"""Reads for energy switching: rounds, a household's registration and offer, the figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.membership.models import (
    AuctionResult,
    EnergyOffer,
    HouseholdRegistration,
    SupplierBid,
    SwitchingRound,
)
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import organisation_list


def round_list() -> QuerySet[SwitchingRound]:
    return SwitchingRound.objects.select_related("result__winning_bid").annotate(
        registration_count=Count("registrations")
    )


def round_get(round_id: int, *, field: str = "round") -> SwitchingRound:
    found = round_list().filter(pk=round_id).first()
    if found is None:
        raise NotFound(
            "energy_round_not_found", gettext("There is no such switching round."), field
        )
    return found


def round_stage(switching_round: SwitchingRound, *, now: datetime | None = None) -> str:
    """registration_soon, registration_open, auction (bids taken), offers, closed."""
    now = now or timezone.now()
    if now < switching_round.registration_opens:
        return "registration_soon"
    if now <= switching_round.registration_closes:
        return "registration_open"
    if not hasattr(switching_round, "result"):
        return "auction"
    return "offers" if now <= switching_round.acceptance_closes else "closed"


def registration_of(user, switching_round: SwitchingRound) -> HouseholdRegistration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        HouseholdRegistration.objects.select_related("offer")
        .filter(round=switching_round, user=user)
        .first()
    )


def bids_of_round(switching_round: SwitchingRound) -> QuerySet[SupplierBid]:
    """The round's bids, best first once the auction has ranked them."""
    return switching_round.bids.all()


def cohort_rows(switching_round: SwitchingRound) -> QuerySet:
    """Each registered household's figures the auction prices, in a stable order."""
    return (
        HouseholdRegistration.objects.filter(round=switching_round)
        .order_by("id")
        .values_list(
            "id", "region", "payment_method", "electricity_kwh", "gas_kwh", "current_cost_pence"
        )
    )


def bid_prices(switching_round: SwitchingRound) -> QuerySet:
    return SupplierBid.objects.filter(round=switching_round).prefetch_related("prices")


@dataclass(frozen=True)
class RoundFigures:
    """What the council sees of a round."""

    registrations: int
    prepayment_registrations: int
    offers_saving: int
    accepted: int
    declined: int
    accepted_saving_pence: int
    average_accepted_saving_pence: int
    largest_accepted_saving_pence: int
    finder_fee_pence: int
    result: AuctionResult | None


def round_figures(switching_round: SwitchingRound) -> RoundFigures:
    registrations = HouseholdRegistration.objects.filter(round=switching_round).aggregate(
        total=Count("id"), prepayment=Count("id", filter=Q(payment_method="prepayment"))
    )
    offers = EnergyOffer.objects.filter(registration__round=switching_round)
    accepted = EnergyOffer.Status.ACCEPTED
    counts = offers.aggregate(
        saving=Count("id", filter=~Q(status=EnergyOffer.Status.NO_SAVING)),
        accepted=Count("id", filter=Q(status=accepted)),
        declined=Count("id", filter=Q(status=EnergyOffer.Status.DECLINED)),
        total=Sum("saving_pence", filter=Q(status=accepted)),
        largest=Max("saving_pence", filter=Q(status=accepted)),
    )
    total = counts["total"] or 0
    number = counts["accepted"]
    result = (
        AuctionResult.objects.select_related("winning_bid").filter(round=switching_round).first()
    )
    return RoundFigures(
        registrations=registrations["total"],
        prepayment_registrations=registrations["prepayment"],
        offers_saving=counts["saving"],
        accepted=number,
        declined=counts["declined"],
        accepted_saving_pence=total,
        average_accepted_saving_pence=(2 * total + number) // (2 * number) if number else 0,
        largest_accepted_saving_pence=counts["largest"] or 0,
        finder_fee_pence=number * switching_round.finder_fee_pence,
        result=result,
    )


def offer_rows(switching_round: SwitchingRound) -> QuerySet[EnergyOffer]:
    """Every personal offer with its household, for the mail-merge file."""
    return (
        EnergyOffer.objects.filter(registration__round=switching_round)
        .select_related("registration__user")
        .order_by("registration_id")
    )


def auction_results_public() -> QuerySet[AuctionResult]:
    """Every run auction with its round and winner: open data, no household in it."""
    return AuctionResult.objects.select_related("round", "winning_bid").order_by("run_at")


def energy_last_changed() -> datetime | None:
    return AuctionResult.objects.aggregate(last=Max("run_at"))["last"]


def supplier_choices(organisation_ids) -> QuerySet[Organisation]:
    """The organisations a supplier's person may bid for (their own)."""
    return organisation_list().filter(pk__in=organisation_ids)


def energy_registrations_of(user) -> QuerySet[HouseholdRegistration]:
    if not getattr(user, "is_authenticated", False):
        return HouseholdRegistration.objects.none()
    return HouseholdRegistration.objects.filter(user=user).select_related("round", "offer")
