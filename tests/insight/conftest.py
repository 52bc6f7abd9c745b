"""Insight fixtures: residents taking part in the other apps, at chosen moments."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def officer(make_role):
    return make_role("officer", "Olive Officer", team="district_team")


@pytest.fixture
def take_part(ward):
    """Record a way of taking part for ``user`` at ``at``: a public question or a PB ballot
    (the other apps' own rows, as their services would leave them)."""
    from coopcouncil.democracy.models import DistrictPartnership, Meeting, Question
    from coopcouncil.participation.models import Ballot, PBProcess

    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=ward.district, defaults={"name": f"{ward.district} District Partnership"}
    )
    meeting = Meeting.objects.create(
        partnership=partnership, title="Meeting", venue="Hall", starts_at=timezone.now()
    )
    process = PBProcess.objects.create(title="Pot", district=ward.district, budget_pence=100)

    def record(user, kind: str, at: datetime) -> None:
        if kind == "questions":
            question = Question.objects.create(meeting=meeting, asker=user, text="Why?")
            Question.objects.filter(pk=question.pk).update(created_at=at)
        else:
            ballot = Ballot.objects.create(process=process, voter=user, ward=ward)
            Ballot.objects.filter(pk=ballot.pk).update(cast_at=at)
            process.pk = None  # one ballot per voter per process: the next takes a new one
            process.save()

    return record


@pytest.fixture
def outcome(db):
    from coopcouncil.insight.models import Outcome

    return Outcome.objects.create(title="Residents shape decisions", slug="residents-shape")


@pytest.fixture
def make_indicator(outcome):
    from decimal import Decimal

    from coopcouncil.insight.models import Indicator

    def make(code: str = "taking-part", geography: str = "district", **fields):
        values = {
            "outcome": outcome,
            "code": code,
            "name": f"Indicator {code}",
            "definition": "What is counted.",
            "unit": "%",
            "geography": geography,
            "source": "Survey",
            "baseline": Decimal(10),
            "baseline_year": 2024,
            "target": Decimal(20),
            "target_year": 2028,
            "frequency": "quarterly",
        }
        return Indicator.objects.create(**{**values, **fields})

    return make


@pytest.fixture
def make_group(ward):
    """A community group (an ``Organisation``) with a contact email that must never show."""
    from coopcouncil.people.models import Organisation

    def make(name: str, *, district=None, kind: str = "community_group"):
        return Organisation.objects.create(
            name=name,
            slug=name.lower().replace(" ", "-"),
            kind=kind,
            district=district or ward.district,
            contact_email=f"{name.split()[0].lower()}@groups.test.invalid",
        )

    return make


@pytest.fixture
def make_award(ward, make_group):
    """A grant awarded to a group, recorded as the partnership's decision."""
    from datetime import timedelta

    from coopcouncil.democracy.models import Decision, DistrictPartnership
    from coopcouncil.grants.models import Application, Fund, Round

    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=ward.district, defaults={"name": "Partnership"}
    )
    fund = Fund.objects.create(name="Fund", slug="fund", district=ward.district)
    now = timezone.now()
    round_ = Round.objects.create(
        fund=fund,
        title="Round",
        slug="round",
        amount_pence=100_000,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        max_award_pence=50_000,
    )

    def make(title: str, organisation, *, award_ward=None, partners=(), status="awarded",
             standing="in_force"):  # fmt: skip
        """``partners`` hold it jointly; ``status`` and ``standing`` as grants records them."""
        decision = Decision.objects.create(
            partnership=partnership, title=f"Grant: {title}", status="published", published_at=now
        )
        application = Application.objects.create(
            round=round_,
            organisation=organisation,
            ward=award_ward or ward,
            title=title,
            amount_pence=10_000,
            awarded_pence=10_000 if status == "awarded" else 0,
            status=status,
            award_standing=standing if status == "awarded" else "",
            decided_at=now,
            decision=decision,
        )
        application.partners.set(partners)
        return application

    return make


@pytest.fixture
def make_asset(ward):
    """An asset on the register; ``holders`` hold it today by lease or meanwhile licence."""
    from datetime import timedelta

    from coopcouncil.coproduction.models import (
        CommunityAsset,
        LeaseAgreement,
        LeaseApplication,
        MeanwhileLicence,
    )

    today = timezone.localdate()

    def make(name: str, *, asset_ward=None, lease=None, licences=()):
        asset = CommunityAsset.objects.create(
            reference=name.lower().replace(" ", "-"),
            name=name,
            kind="building",
            ward=asset_ward or ward,
            condition="good",
        )
        if lease is not None:
            application = LeaseApplication.objects.create(
                asset=asset, organisation=lease, terms="peppercorn", proposal="Run it"
            )
            LeaseAgreement.objects.create(
                application=application,
                asset=asset,
                organisation=lease,
                terms="peppercorn",
                starts_on=today - timedelta(days=100),
                next_review_on=today + timedelta(days=200),
            )
        for holder in licences:
            MeanwhileLicence.objects.create(
                asset=asset,
                organisation=holder,
                use="Pop-up garden",
                starts_on=today - timedelta(days=10),
                ends_on=today + timedelta(days=10),
            )
        return asset

    return make


@pytest.fixture
def subjects(ward, make_group, make_award, make_asset):
    """One public record of every kind insight tags or links, by kind."""
    from datetime import date

    from coopcouncil.coproduction.models import Opportunity
    from coopcouncil.democracy.models import Decision, DistrictPartnership
    from coopcouncil.participation.models import PBProcess, Project
    from coopcouncil.procurement.models import Contract

    group = make_group("Coldhurst Friends")
    partnership, _ = DistrictPartnership.objects.get_or_create(
        district=ward.district, defaults={"name": "Partnership"}
    )
    process = PBProcess.objects.create(title="Pot", district=ward.district, budget_pence=100)
    return {
        "decision": Decision.objects.create(
            partnership=partnership,
            title="Youth club",
            status="published",
            published_at=timezone.now(),
        ),
        "pb_project": Project.objects.create(
            process=process, title="Playground", ward=ward, estimated_cost_pence=100
        ),
        "grant": make_award("Community garden", group),
        "contract": Contract.objects.create(
            title="Street cleaning",
            route="quotation",
            supplier=group,
            value_pence=2_000_000,
            starts_on=date(2026, 4, 1),
            ends_on=date(2027, 3, 31),
            awarded_at=timezone.now(),
        ),
        "asset": make_asset("Coldhurst Hall"),
        "volunteering": Opportunity.objects.create(
            role="Litter picker", place="Park", ward=ward, organisation=group
        ),
    }
