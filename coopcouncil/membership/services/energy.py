"""Writes for collective energy switching: rounds, registrations, bids, the auction, offers."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.grants.selectors import community_fund
from coopcouncil.grants.services import fund_income_record
from coopcouncil.membership import policy, selectors
from coopcouncil.membership.logic.auction import (
    TIE_RULE,
    BidPrice,
    Cohort,
    PriceKey,
    SealedBid,
    auction_run,
    cohort_from_lists,
    household_cost,
    prices_missing,
    prices_needed,
)
from coopcouncil.membership.logic.bids_file import BidRows, bids_read
from coopcouncil.membership.logic.calibration import (
    COHORT_SIZE,
    calibration_cohort,
)
from coopcouncil.membership.logic.tariffs import (
    MILLIPENCE_PER_PENNY,
    RegistrationInput,
    Tariff,
    pence_to_millipence,
    registration_check,
)
from coopcouncil.membership.models import (
    AuctionResult,
    EnergyOffer,
    HouseholdRegistration,
    SupplierBid,
    SupplierBidPrice,
    SwitchingRound,
)
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import verified_residency
from coopcouncil.places.selectors import ward_list

BATCH = 2000


def round_create(
    *,
    actor: Any,
    name: str,
    registration_opens: datetime,
    registration_closes: datetime,
    acceptance_closes: datetime | None = None,
    finder_fee_pence: int | None = None,
) -> SwitchingRound:
    """Open a new switching round; acceptance closes ``policy.acceptance_days`` after
    registration unless given."""
    require(actor, "membership.manage")
    acceptance_closes = acceptance_closes or registration_closes + timedelta(
        days=policy.acceptance_days()
    )
    if registration_closes <= registration_opens:
        raise DomainError(
            "energy_round_dates",
            gettext("Registration must close after it opens."),
            "registration_closes",
        )
    if acceptance_closes <= registration_closes:
        raise DomainError(
            "energy_round_dates",
            gettext("The acceptance window must close after registration closes."),
            "acceptance_closes",
        )
    fee = policy.finder_fee_pence() if finder_fee_pence is None else finder_fee_pence
    if fee < 0:
        raise DomainError(
            "energy_fee_negative",
            gettext("The finder's fee cannot be negative."),
            "finder_fee_pence",
        )
    with transaction.atomic():
        if SwitchingRound.objects.filter(name=name).exists():
            raise Conflict("energy_round_exists", gettext("A round has this name already."), "name")
        created = SwitchingRound.objects.create(
            name=name,
            registration_opens=registration_opens,
            registration_closes=registration_closes,
            acceptance_closes=acceptance_closes,
            finder_fee_pence=fee,
        )
        audit_record(
            actor=actor, action="energy.round_create", target=created, summary=f"Opened {name}"
        )
    return created


def _tariff(
    electricity_unit: Decimal, electricity_standing: Decimal, gas_unit, gas_standing
) -> Tariff:
    return Tariff(
        electricity_unit=pence_to_millipence(electricity_unit),
        electricity_standing=pence_to_millipence(electricity_standing),
        gas_unit=pence_to_millipence(gas_unit) if gas_unit is not None else 0,
        gas_standing=pence_to_millipence(gas_standing) if gas_standing is not None else 0,
    )


def household_register(
    *, user: User, switching_round: SwitchingRound, entry: RegistrationInput
) -> HouseholdRegistration:
    """Register (or update) the user's household while the round's registration is open.

    Bad input is refused field by field (``DomainError.errors``), nothing saved.
    """
    require(user, "membership.energy_register", switching_round)
    now = timezone.now()
    if selectors.round_stage(switching_round, now=now) != "registration_open":
        raise DomainError(
            "energy_registration_closed", gettext("Registration for this round is not open.")
        )
    checked, errors = registration_check(entry)
    if checked is None:
        raise DomainError(
            "energy_registration_invalid",
            gettext("Please correct the highlighted answers."),
            errors={
                field: [selectors.message_text(m) for m in messages]
                for field, messages in errors.items()
            },
        )
    tariff = _tariff(
        checked.electricity_unit_rate,
        checked.electricity_standing_charge,
        checked.gas_unit_rate,
        checked.gas_standing_charge,
    )
    residency = verified_residency(user)
    fields = {
        "ward": residency.ward if residency else None,
        "region": checked.region,
        "payment_method": checked.payment_method,
        "electricity_kwh": checked.electricity_kwh,
        "gas_kwh": checked.gas_kwh,
        "estimated_band": checked.estimated_band,
        "electricity_unit_rate": checked.electricity_unit_rate,
        "electricity_standing_charge": checked.electricity_standing_charge,
        "gas_unit_rate": checked.gas_unit_rate,
        "gas_standing_charge": checked.gas_standing_charge,
        "current_cost_pence": household_cost(checked.electricity_kwh, checked.gas_kwh, tariff),
        "registered_at": now,
    }
    with transaction.atomic():
        registration, created = HouseholdRegistration.objects.update_or_create(
            round=switching_round, user=user, defaults=fields
        )
        audit_record(
            actor=user,
            action="energy.register" if created else "energy.register_update",
            target=registration,
            summary=f"Registered a household for {switching_round}",
        )
    return registration


def _needed(switching_round: SwitchingRound) -> tuple[list[tuple], Cohort]:
    """The round's households as rows (id first) and as the auction's arrays."""
    rows = list(selectors.cohort_rows(switching_round))
    cohort = cohort_from_lists(
        regions=[r[1] for r in rows],
        payment_methods=[r[2] for r in rows],
        electricity_kwh=[r[3] for r in rows],
        gas_kwh=[r[4] for r in rows],
        current_cost=[r[5] for r in rows],
    )
    return rows, cohort


def _bids_checked(
    switching_round: SwitchingRound, text: str, supplier: Organisation | None
) -> list[BidRows]:
    """The file's bids, or ``RowErrors`` naming every bad row and every missing price."""
    bids, row_errors = bids_read(text)
    bid_errors: dict[str, list[str]] = {}
    needed = prices_needed(_needed(switching_round)[1])
    for bid in bids:
        problems = bid_errors.setdefault(f"bid '{bid.reference}'", [])
        if supplier is not None and bid.supplier and bid.supplier != supplier.name:
            problems.append(
                gettext("names %(named)s, not %(supplier)s")
                % {"named": bid.supplier, "supplier": supplier.name}
            )
        missing = prices_missing(bid.prices, needed)
        if missing:
            problems.append(
                gettext("missing prices: %(prices)s") % {"prices": "; ".join(map(str, missing))}
            )
    bid_errors = {name: problems for name, problems in bid_errors.items() if problems}
    if row_errors or bid_errors:
        refusal = RowErrors(
            "energy_bids_invalid",
            gettext("The bids were refused; nothing was saved."),
            [(e.row, e.field, selectors.message_text(e.message)) for e in row_errors],
        )
        refusal.extra_errors.update(bid_errors)
        raise refusal
    return bids


def bids_import(
    *,
    actor: Any,
    switching_round: SwitchingRound,
    text: str,
    supplier: Organisation | None = None,
    check_permission: bool = True,
) -> list[SupplierBid]:
    """Take sealed bids from CSV after registration closes and before the auction runs.

    All or nothing: a bad row, or a bid missing any price a registered household needs,
    refuses the file, listing each problem (the missing prices by fuel, region and method).
    A supplier's people upload for their own organisation only. ``check_permission`` is
    False only for the command line, run with the operator's own authority.
    """
    if check_permission:
        require(actor, "membership.energy_bid", supplier)
    if selectors.round_stage(switching_round) != "auction":
        raise DomainError(
            "energy_bids_closed",
            gettext("Bids are taken after registration closes and before the auction runs."),
        )
    bids = _bids_checked(switching_round, text, supplier)
    now = timezone.now()
    try:
        with transaction.atomic():
            saved = [_bid_save(switching_round, bid, supplier, now) for bid in bids]
            audit_record(
                actor=actor,
                action="energy.bids",
                target=switching_round,
                summary="Sealed bids: " + ", ".join(str(bid) for bid in saved),
            )
    except IntegrityError:
        # The round already holds a bid of one of these names (one_bid_per_reference).
        raise Conflict(
            "energy_bid_exists",
            gettext("A bid with one of these names is already in."),
            "file",
        ) from None
    return saved


def _bid_save(
    switching_round: SwitchingRound, bid: BidRows, supplier: Organisation | None, now: datetime
) -> SupplierBid:
    row = SupplierBid.objects.create(
        round=switching_round,
        reference=bid.reference,
        supplier_name=supplier.name if supplier else bid.supplier,
        supplier=supplier,
        submitted_at=now,
    )
    SupplierBidPrice.objects.bulk_create(
        SupplierBidPrice(
            bid=row,
            fuel=key.fuel,
            region=key.region,
            payment_method=key.payment_method,
            unit_rate=Decimal(price.unit) / MILLIPENCE_PER_PENNY,
            standing_charge=Decimal(price.standing) / MILLIPENCE_PER_PENNY,
        )
        for key, price in bid.prices.items()
    )
    return row


def _sealed(bid: SupplierBid) -> SealedBid:
    return SealedBid(
        reference=bid.reference,
        submitted_order=int(bid.submitted_at.timestamp() * 1_000_000),
        prices={
            PriceKey(p.fuel, p.region, p.payment_method): BidPrice(
                pence_to_millipence(p.unit_rate), pence_to_millipence(p.standing_charge)
            )
            for p in bid.prices.all()
        },
    )


def auction_hold(
    *, actor: Any, switching_round: SwitchingRound, check_permission: bool = True
) -> AuctionResult:
    """Run the auction: rank the bids, store the winner and every household's offer."""
    if check_permission:
        require(actor, "membership.manage", switching_round)
    if selectors.round_stage(switching_round) != "auction":
        raise Conflict(
            "energy_auction_not_due",
            gettext("The auction runs once, after registration closes."),
        )
    bids = list(selectors.bid_prices(switching_round))
    if not bids:
        raise DomainError("energy_no_bids", gettext("No supplier has bid in this round yet."))
    rows, cohort = _needed(switching_round)
    if not rows:
        raise DomainError("energy_no_households", gettext("No household has registered."))
    outcome = auction_run(cohort, [_sealed(bid) for bid in bids])
    by_reference = {bid.reference: bid for bid in bids}
    with transaction.atomic():
        for standing in outcome.standings:
            SupplierBid.objects.filter(pk=by_reference[standing.reference].pk).update(
                cohort_cost_pence=standing.cohort_cost, rank=standing.rank
            )
        result = AuctionResult.objects.create(
            round=switching_round,
            winning_bid=by_reference[outcome.winner],
            tie_rule=TIE_RULE,
            run_at=timezone.now(),
            registrations=cohort.size,
            switching=outcome.switching,
            total_saving_pence=outcome.total_saving,
            average_saving_pence=outcome.average_saving,
            largest_saving_pence=outcome.largest_saving,
        )
        _offers_save(rows, outcome.new_cost, outcome.saving)
        audit_record(
            actor=actor,
            action="energy.auction",
            target=result,
            summary=f"{outcome.winner} won {switching_round}",
            details={"standings": [(s.reference, s.cohort_cost) for s in outcome.standings]},
        )
        _offers_email(switching_round)
    return result


def _offers_save(rows: list, new_cost: np.ndarray, saving: np.ndarray) -> None:
    new_costs = new_cost.tolist()
    savings = saving.tolist()
    offers = (
        EnergyOffer(
            registration_id=row[0],
            new_cost_pence=new_costs[i],
            current_cost_pence=row[5],
            saving_pence=savings[i],
            status=EnergyOffer.Status.OFFERED if savings[i] > 0 else EnergyOffer.Status.NO_SAVING,
        )
        for i, row in enumerate(rows)
    )
    EnergyOffer.objects.bulk_create(offers, batch_size=BATCH)


def _offers_email(switching_round: SwitchingRound) -> None:
    for offer in selectors.offer_rows(switching_round).filter(registration__user__isnull=False):
        household = offer.registration.user
        if household is None:
            continue
        if offer.saving_pence > 0:
            body = gettext(
                "Your personal offer in %(round)s would save you %(saving)s a year."
                " Accept or decline it on your energy page by %(date)s."
            )
        else:
            body = gettext(
                "The winning tariff in %(round)s would not save you money, so we do not"
                " suggest you switch. Thank you for taking part."
            )
        body %= {
            "round": switching_round.name,
            "saving": format_pence(offer.saving_pence),
            "date": f"{timezone.localtime(switching_round.acceptance_closes):%d %B %Y}",
        }
        email_after_commit(gettext("Your energy switching offer"), body, [household.email])


def offer_decide(*, user: User, switching_round: SwitchingRound, is_accepted: bool) -> EnergyOffer:
    """Accept or decline one's offer while the acceptance window is open (a change of mind is
    allowed until it closes); an offer that would not save cannot be accepted."""
    require(user, "membership.energy_register", switching_round)
    registration = selectors.registration_of(user, switching_round)
    offer = getattr(registration, "offer", None) if registration else None
    if offer is None:
        raise DomainError("energy_no_offer", gettext("You have no offer in this round."))
    if selectors.round_stage(switching_round) != "offers":
        raise DomainError(
            "energy_acceptance_closed", gettext("The acceptance window for this round is closed.")
        )
    if offer.status == EnergyOffer.Status.NO_SAVING:
        raise DomainError(
            "energy_offer_no_saving",
            gettext("This tariff would not save you money, so it cannot be accepted."),
        )
    offer.status = EnergyOffer.Status.ACCEPTED if is_accepted else EnergyOffer.Status.DECLINED
    offer.decided_at = timezone.now()
    with transaction.atomic():
        offer.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=user,
            action="energy.offer_" + offer.status,
            target=offer,
            summary=f"{offer.get_status_display()} the offer in {switching_round}",
        )
    return offer


def finder_fee_settle(*, actor: Any, switching_round: SwitchingRound) -> AuctionResult:
    """Once acceptances close, fix the finder's fee: per switched household × acceptances.

    The fee is credited to the community fund (grants); with no community fund set up it
    stays "to be credited".
    """
    require(actor, "membership.manage", switching_round)
    if selectors.round_stage(switching_round) != "closed":
        raise Conflict(
            "energy_fee_not_due",
            gettext("The finder's fee is settled once the acceptance window has closed."),
        )
    figures = selectors.round_figures(switching_round)
    result = figures.result
    if result is None or result.finder_fee_total_pence is not None:
        raise Conflict("energy_fee_settled", gettext("The finder's fee is settled already."))
    fund = community_fund()
    with transaction.atomic():
        result.finder_fee_total_pence = figures.finder_fee_pence
        if fund is not None and figures.finder_fee_pence > 0:
            # Credited by the platform as the settled fee's consequence (grants' rule lets
            # the platform, actor None, record income another app owes a fund).
            fund_income_record(
                actor=None,
                fund=fund,
                amount_pence=figures.finder_fee_pence,
                source="energy finder's fee",
                reference=f"energy-round-{switching_round.pk}",
            )
            result.finder_fee_credited_at = timezone.now()
        result.save(update_fields=["finder_fee_total_pence", "finder_fee_credited_at"])
        audit_record(
            actor=actor,
            action="energy.finder_fee",
            target=result,
            summary=f"Finder's fee {format_pence(figures.finder_fee_pence)} for {switching_round}",
        )
    return result


def cohort_load_illustrative(
    *,
    actor: Any,
    switching_round: SwitchingRound,
    size: int = COHORT_SIZE,
    check_permission: bool = True,
) -> int:
    """Register the seeded illustrative cohort (``logic.calibration``) in ``switching_round``.

    Bulk-inserted in batches, so the demo stays quick. Households are spread over the
    borough's wards by population. Refused once the auction has run or a cohort is loaded.
    """
    if check_permission:
        require(actor, "membership.manage", switching_round)
    if hasattr(switching_round, "result"):
        raise Conflict("energy_auction_run", gettext("The auction has run already."))
    if switching_round.registrations.filter(user__isnull=True).exists():
        raise Conflict(
            "energy_cohort_loaded", gettext("The illustrative cohort is loaded already.")
        )
    wards = list(ward_list())
    weights = [max(ward.population, 1) for ward in wards] or [1]
    now = timezone.now()
    registrations = []
    for household in calibration_cohort(weights, size=size):
        tariff = Tariff(
            household.electricity_unit,
            household.electricity_standing,
            household.gas_unit,
            household.gas_standing,
        )
        has_gas = household.gas_kwh > 0
        registrations.append(
            HouseholdRegistration(
                round=switching_round,
                ward=wards[household.ward_index] if wards else None,
                region=household.region,
                payment_method=household.payment_method,
                electricity_kwh=household.electricity_kwh,
                gas_kwh=household.gas_kwh,
                estimated_band=household.estimated_band,
                electricity_unit_rate=Decimal(household.electricity_unit) / MILLIPENCE_PER_PENNY,
                electricity_standing_charge=Decimal(household.electricity_standing)
                / MILLIPENCE_PER_PENNY,
                gas_unit_rate=Decimal(household.gas_unit) / MILLIPENCE_PER_PENNY
                if has_gas
                else None,
                gas_standing_charge=Decimal(household.gas_standing) / MILLIPENCE_PER_PENNY
                if has_gas
                else None,
                current_cost_pence=household_cost(
                    household.electricity_kwh, household.gas_kwh, tariff
                ),
                registered_at=now,
            )
        )
    with transaction.atomic():
        HouseholdRegistration.objects.bulk_create(registrations, batch_size=BATCH)
        audit_record(
            actor=actor,
            action="energy.cohort_load",
            target=switching_round,
            summary=f"Loaded the illustrative cohort of {size} households",
        )
    return size
