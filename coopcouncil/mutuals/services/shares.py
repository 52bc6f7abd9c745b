"""Writes for community share offers: apply, allocate (``logic.shares``), record interest."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.mutuals import selectors
from coopcouncil.mutuals.logic.ballots import is_open
from coopcouncil.mutuals.logic.shares import ShareRequest, allocate_shares, annual_interest_pence
from coopcouncil.mutuals.models import InterestYear, Mutual, ShareApplication, ShareOffer
from coopcouncil.people.selectors import Actor, acting_user


def share_offer_create(
    *,
    actor: Actor,
    mutual: Mutual,
    title: str,
    offer_pence: int,
    min_holding_pence: int,
    max_holding_pence: int,
    interest_cap_percent: Decimal,
    opens_at: datetime,
    closes_at: datetime,
    share_pence: int = 100,
    community_fund_percent: int = 0,
) -> ShareOffer:
    """Offer member shares, with a minimum and maximum holding and capped interest."""
    require(actor, "mutuals.run_share_offers", mutual)
    if not title.strip():
        raise DomainError("title_required", gettext("Give the offer a title."), "title")
    if share_pence < 1 or offer_pence < share_pence:
        raise DomainError("offer_invalid", gettext("Offer at least one share."), "offer_pence")
    if min_holding_pence < share_pence or max_holding_pence < min_holding_pence:
        raise DomainError(
            "holdings_invalid",
            gettext(
                "The maximum holding must be at least the minimum,"
                " and the minimum at least one share."
            ),
            "max_holding_pence",
        )
    if any(amount % share_pence for amount in (offer_pence, min_holding_pence, max_holding_pence)):
        raise DomainError(
            "not_whole_shares", gettext("Amounts must be whole shares."), "offer_pence"
        )
    if closes_at <= opens_at:
        raise DomainError(
            "closes_before_opening", gettext("The offer must close after it opens."), "closes_at"
        )
    if (
        not Decimal(0) <= interest_cap_percent <= Decimal(100)
        or not 0 <= community_fund_percent <= 100
    ):
        raise DomainError(
            "percent_invalid", gettext("A percentage is from 0 to 100."), "interest_cap_percent"
        )
    with transaction.atomic():
        offer = ShareOffer.objects.create(
            mutual=mutual,
            title=title.strip(),
            offer_pence=offer_pence,
            share_pence=share_pence,
            min_holding_pence=min_holding_pence,
            max_holding_pence=max_holding_pence,
            interest_cap_percent=interest_cap_percent,
            community_fund_percent=community_fund_percent,
            opens_at=opens_at,
            closes_at=closes_at,
        )
        audit_record(
            actor=actor,
            action="mutuals.share_offer_created",
            target=offer,
            summary=f"{mutual}: {offer.title}",
        )
    return offer


def share_apply(
    *, actor: Actor, offer: ShareOffer, requested_pence: int, now: datetime | None = None
) -> ShareApplication:
    """Apply for shares in an open offer, between the minimum and maximum holding."""
    require(actor, "mutuals.apply_for_shares", offer)
    applicant = acting_user(actor)
    if applicant is None:  # the rule admits only signed-in people; this narrows the type
        raise Conflict("not_signed_in", gettext("Sign in to apply for shares."))
    now = now or timezone.now()
    if not is_open(opens_at=offer.opens_at, closes_at=offer.closes_at, now=now):
        raise Conflict("offer_closed", gettext("This share offer is not open."))
    if not offer.min_holding_pence <= requested_pence <= offer.max_holding_pence:
        raise DomainError(
            "holding_out_of_range",
            gettext("Apply for between the minimum and the maximum holding."),
            "requested_pence",
        )
    if requested_pence % offer.share_pence:
        raise DomainError("not_whole_shares", gettext("Apply for whole shares."), "requested_pence")
    try:
        with transaction.atomic():
            # The allocation locks the offer while it reads the applications; one checked
            # as open just before closing time must not land after it, unallocated.
            if ShareOffer.objects.select_for_update().get(pk=offer.pk).allocated_at is not None:
                raise Conflict("offer_allocated", gettext("This offer has already been allocated."))
            application = ShareApplication.objects.create(
                offer=offer, user=applicant, requested_pence=requested_pence
            )
            audit_record(
                actor=actor,
                action="mutuals.shares_applied",
                target=offer,
                summary=f"An application to {offer.title}",
            )
    except IntegrityError:
        raise Conflict(
            "already_applied", gettext("You have already applied to this offer.")
        ) from None
    return application


def share_offer_allocate(
    *, actor: Actor, offer: ShareOffer, now: datetime | None = None
) -> dict[int, int]:
    """Allocate a closed offer by the stated rule (``logic.shares``); application id → pence."""
    require(actor, "mutuals.run_share_offers", offer.mutual)
    now = now or timezone.now()
    if now < offer.closes_at:
        raise Conflict("offer_open", gettext("Allocate once the offer has closed."))
    with transaction.atomic():
        locked = ShareOffer.objects.select_for_update().get(pk=offer.pk)
        if locked.allocated_at is not None:
            raise Conflict("offer_allocated", gettext("This offer has already been allocated."))
        applications = list(selectors.share_applications(offer))
        allocation = allocate_shares(
            [ShareRequest(a.pk, a.requested_pence) for a in applications],
            offer_pence=offer.offer_pence,
            min_holding_pence=offer.min_holding_pence,
            share_pence=offer.share_pence,
        )
        for application in applications:
            application.allocated_pence = allocation[application.pk]
        ShareApplication.objects.bulk_update(applications, ["allocated_pence"])
        offer.allocated_at = now
        offer.save(update_fields=["allocated_at"])
        audit_record(
            actor=actor,
            action="mutuals.shares_allocated",
            target=offer,
            summary=f"{offer.title}: {sum(allocation.values())} pence allocated"
            f" to {len(applications)} applicants",
        )
    return allocation


def interest_year_record(
    *, actor: Actor, offer: ShareOffer, year: int, rate_percent: Decimal, surplus_pence: int
) -> InterestYear:
    """Record a year's interest (at most the cap) and the surplus share for the community fund."""
    require(actor, "mutuals.run_share_offers", offer.mutual)
    if offer.allocated_at is None:
        raise Conflict("offer_not_allocated", gettext("Allocate the offer first."))
    if rate_percent < 0:
        raise DomainError("rate_invalid", gettext("The rate cannot be negative."), "rate_percent")
    if rate_percent > offer.interest_cap_percent:
        raise DomainError(
            "rate_above_cap", gettext("The rate is above the offer's interest cap."), "rate_percent"
        )
    interest = sum(
        annual_interest_pence(
            a.allocated_pence or 0,
            rate_percent=rate_percent,
            cap_percent=offer.interest_cap_percent,
        )
        for a in selectors.share_applications(offer)
    )
    fund = max(surplus_pence, 0) * offer.community_fund_percent // 100
    try:
        with transaction.atomic():
            record = InterestYear.objects.create(
                offer=offer,
                year=year,
                rate_percent=rate_percent,
                interest_pence=interest,
                surplus_pence=surplus_pence,
                community_fund_pence=fund,
            )
            audit_record(
                actor=actor,
                action="mutuals.interest_recorded",
                target=offer,
                summary=f"{offer.title} {year}: {interest} pence interest,"
                f" {fund} pence to the community fund",
            )
    except IntegrityError:
        raise Conflict(
            "interest_recorded", gettext("That year is already recorded."), "year"
        ) from None
    return record
