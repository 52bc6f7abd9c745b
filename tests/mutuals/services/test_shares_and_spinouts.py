"""Share offers are allocated by the stated rule; spin-out stages are signed off in order."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import ShareApplication


def _offer(mutual, secretary, **changes):
    now = timezone.now()
    terms = {
        "title": "Solar shares",
        "offer_pence": 100_000,
        "min_holding_pence": 10_000,
        "max_holding_pence": 90_000,
        "interest_cap_percent": Decimal("4"),
        "community_fund_percent": 20,
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=1),
    } | changes
    return services.share_offer_create(actor=secretary, mutual=mutual, **terms)


def test_an_oversubscribed_offer_is_allocated_pro_rata_with_minimums_protected(
    mutual, secretary, make_user
):
    offer = _offer(mutual, secretary)
    for amount in (90_000, 60_000, 10_000):
        services.share_apply(actor=make_user(), offer=offer, requested_pence=amount)
    with pytest.raises(Conflict):
        services.share_offer_allocate(actor=secretary, offer=offer)
    services.share_offer_allocate(actor=secretary, offer=offer, now=offer.closes_at)
    allocated = list(
        ShareApplication.objects.order_by("id").values_list("allocated_pence", flat=True)
    )
    assert allocated == [53_100, 36_900, 10_000]
    record = services.interest_year_record(
        actor=secretary, offer=offer, year=2027, rate_percent=Decimal("3"), surplus_pence=50_000
    )
    assert record.interest_pence == 3_000
    assert record.community_fund_pence == 10_000


def test_an_application_outside_the_holdings_is_refused(mutual, secretary, make_user):
    offer = _offer(mutual, secretary)
    with pytest.raises(DomainError) as error:
        services.share_apply(actor=make_user(), offer=offer, requested_pence=100)
    assert error.value.field == "requested_pence"


def test_a_rate_above_the_cap_is_refused(mutual, secretary, make_user):
    offer = _offer(mutual, secretary)
    services.share_offer_allocate(actor=secretary, offer=offer, now=offer.closes_at)
    offer.refresh_from_db()
    with pytest.raises(DomainError):
        services.interest_year_record(
            actor=secretary, offer=offer, year=2027, rate_percent=Decimal("5"), surplus_pence=0
        )


def test_spin_out_stages_are_signed_off_in_order_with_the_checklist_done(make_role):
    officer = make_role("officer", team="procurement")
    spin_out = services.spin_out_start(actor=officer, service="Leisure centres")
    first, second = spin_out.stages.order_by("position")[:2]
    with pytest.raises(Conflict) as error:
        services.spin_out_stage_sign_off(actor=officer, stage=first)
    assert error.value.code == "checklist_incomplete"
    services.spin_out_stage_update(actor=officer, stage=second, done=[True] * len(second.checklist))
    with pytest.raises(Conflict) as error:
        services.spin_out_stage_sign_off(actor=officer, stage=second)
    assert error.value.code == "earlier_stage_open"
    services.spin_out_stage_update(actor=officer, stage=first, done=[True] * len(first.checklist))
    signed = services.spin_out_stage_sign_off(actor=officer, stage=first)
    assert signed.signed_off_by == officer and signed.signed_off_at is not None
