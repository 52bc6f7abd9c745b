"""Fixtures for commissioning: an officer, a catalogue, an exercise with a panel, a tender with
three bids, and helpers that score and award it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Priya Procurement", team="procurement")


@pytest.fixture
def catalogue(officer):
    from coopcouncil.procurement.services import measure_add

    for code, unit, proxy in (("local-fte", "FTE", 3_000_000), ("carbon-saved", "t", 24_500)):
        measure_add(
            actor=officer,
            theme="Jobs and planet",
            outcome="Local jobs, less carbon",
            code=code,
            name=code.replace("-", " ").title(),
            unit=unit,
            proxy_value_pence=proxy,
        )


@pytest.fixture
def young_person(make_user):
    return make_user("Yasmin Young")


@pytest.fixture
def exercise(officer, young_person, catalogue, places):
    from coopcouncil.places.models import District
    from coopcouncil.procurement.services import exercise_create, panel_member_add

    exercise = exercise_create(
        actor=officer,
        title="Youth services",
        need="Youth work in the evenings.",
        outcomes_wanted="Safe places to go.",
        budget_pence=50_000_000,
        district=District.objects.get(slug="west-oldham"),
        service_user_weight=40,
    )
    panel_member_add(actor=officer, exercise=exercise, user=officer, kind="officer")
    panel_member_add(actor=officer, exercise=exercise, user=young_person, kind="service_user")
    return exercise


@pytest.fixture
def opened():
    return timezone.now() - timedelta(days=40)


@pytest.fixture
def tender(officer, exercise, opened):
    from coopcouncil.procurement.services import tender_publish

    return tender_publish(
        actor=officer,
        exercise=exercise,
        title="Youth work 2026",
        deadline=opened + timedelta(days=30),
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
        lots=[("Youth work", 20_000_000)],
        criteria=[("Safe sessions", 50), ("Youth voice", 50)],
        now=opened,
    )


@pytest.fixture
def make_supplier(make_role):
    """An organisation with a member who bids for it: (organisation, member)."""
    from coopcouncil.people.models import Organisation

    def make(name: str, **identifiers):
        organisation = Organisation.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), kind="business", **identifiers
        )
        member = make_role("partner", f"{name} bidder", organisation=organisation)
        return organisation, member

    return make


@pytest.fixture
def make_local_supplier(make_supplier, places):
    """A supplier based in one of the borough's districts, as a quotation award needs."""
    from coopcouncil.places.models import District

    def make(name: str, **identifiers):
        district = District.objects.get(slug="west-oldham")
        return make_supplier(name, district=district, **identifiers)

    return make


@pytest.fixture
def bids(tender, make_supplier, opened):
    """Three bids: (bid, member) for a cheap, a balanced and a high social value supplier."""
    from coopcouncil.procurement.services import bid_submit

    made = []
    for name, price, offer, extra in (
        ("Cheap Ltd", 15_000_000, {"local-fte": "1"}, {"company_number": "01234567"}),
        ("Balanced CIC", 17_000_000, {"local-fte": "2"}, {"company_number": "07654321"}),
        (
            "Local Trust",
            19_000_000,
            {"local-fte": "3", "carbon-saved": "5"},
            {"charity_number": "1100001"},
        ),
    ):
        organisation, member = make_supplier(name, **extra)
        bid = bid_submit(
            actor=member,
            lot=tender.lots.get(),
            organisation=organisation,
            price_pence=price,
            pays_real_living_wage=True,
            accepts_local_clauses=True,
            quantities=offer,
            now=opened + timedelta(days=5),
        )
        made.append((bid, member))
    return made


@pytest.fixture
def score_all(officer, young_person):
    """Score every bid: ``{bid: (officer's score, young person's score)}`` on both criteria."""
    from coopcouncil.procurement.services import quality_scores_record

    def score(scores_by_bid) -> None:
        for bid, (officer_score, youth_score) in scores_by_bid.items():
            criteria = list(bid.lot.tender.criteria.all())
            for person, value in ((officer, officer_score), (young_person, youth_score)):
                quality_scores_record(actor=person, bid=bid, scores={c.pk: value for c in criteria})

    return score


@pytest.fixture
def awarded(officer, bids, score_all):
    """The lot awarded to the leader (Local Trust) after every bid is scored."""
    from coopcouncil.procurement.services import lot_award

    (cheap, _), (balanced, _), (local, _) = bids
    score_all({cheap: (2, 2), balanced: (3, 3), local: (5, 4)})
    return lot_award(
        actor=officer,
        lot=local.lot,
        bid=local,
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
    )


def rows_for(contract, share=Decimal(1)):
    from coopcouncil.procurement.logic.delivery import ReturnRow

    return [
        ReturnRow(c.measure.code, (c.promised / 4 * share).quantize(Decimal("0.01")), "registers")
        for c in contract.commitments.select_related("measure")
    ]
