"""Grants fixtures: a fund with an open round, a community group and its member, officers,
three assessors, the district partnership, and an application at each stage."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def district_officer(make_role, ward):
    return make_role("officer", "Dee District", team="district_team", district=ward.district)


@pytest.fixture
def finance(make_role):
    return make_role("officer", "Fran Finance", team="finance")


@pytest.fixture
def partnership(ward):
    from coopcouncil.democracy.models import DistrictPartnership

    return DistrictPartnership.objects.create(
        district=ward.district, name=f"{ward.district} District Partnership"
    )


@pytest.fixture
def group(ward):
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(
        name="Coldhurst Hydro Co-op",
        slug="coldhurst-hydro",
        kind=Organisation.Kind.COMMUNITY_GROUP,
        district=ward.district,
        contact_email="hydro@test.invalid",
        charity_number="1234567",
    )


@pytest.fixture
def member(make_role, group):
    return make_role("group_member", "Gail Group", organisation=group)


@pytest.fixture
def fund(district_officer):
    from coopcouncil.grants.services import fund_create

    return fund_create(
        actor=district_officer,
        name="Co-operative Dividend Fund",
        slug="community-dividend-fund",
        is_community_fund=True,
    )


@pytest.fixture
def make_round(district_officer, fund):
    from coopcouncil.grants.services import round_create

    def make(title: str = "Neighbourhood outcomes 2026", **fields):
        now = timezone.now()
        fields.setdefault("amount_pence", 10_000_000)
        fields.setdefault("max_award_pence", 2_500_000)
        fields.setdefault("opens_at", now - timedelta(days=7))
        fields.setdefault("closes_at", now + timedelta(days=21))
        fields.setdefault(
            "criteria", [("Outcomes for the neighbourhood", 60), ("Co-operative values", 40)]
        )
        fields.setdefault("eligible_kinds", ["community_group", "voluntary"])
        return round_create(actor=district_officer, fund=fund, title=title, **fields)

    return make


@pytest.fixture
def grant_round(make_round):
    return make_round()


@pytest.fixture
def assessors(make_role, grant_round, district_officer):
    from coopcouncil.grants.services import round_assessor_add

    people = [make_role("officer", f"Assessor {n}", team="district_team") for n in (1, 2, 3)]
    for person in people:
        round_assessor_add(actor=district_officer, round_=grant_round, assessor=person)
    return people


def _draft(home_ward, **changes):
    from coopcouncil.grants.services import ApplicationDraft

    fields = {
        "title": "Community hydro on the Beal",
        "project": "A small hydro turbine owned by the neighbourhood.",
        "amount_pence": 2_000_000,
        "outcomes": "Cheaper energy for 200 homes; a surplus for the community fund.",
        "ward": home_ward,
        "volunteers": 12,
        "volunteer_hours": 400,
        "match_funding_pence": 0,
        "planned_start": date(2027, 1, 1),
        "planned_end": date(2027, 12, 31),
        "budget_lines": [("Turbine", 1_500_000), ("Installation", 500_000)],
    }
    fields.update(changes)
    return ApplicationDraft(**fields)


@pytest.fixture
def draft_fields(ward):
    return lambda **changes: _draft(ward, **changes)


@pytest.fixture
def make_application(member, group, grant_round, ward, district_officer):
    """An application taken to ``stage``: draft, submitted or eligible."""
    from coopcouncil.grants import services

    def make(stage: str = "eligible", *, round_=None, organisation=None, actor=None, **changes):
        application = services.application_draft_create(
            actor=actor or member,
            round_=round_ or grant_round,
            organisation=organisation or group,
            draft=_draft(ward, **changes),
        )
        if stage == "draft":
            return application
        application = services.application_submit(actor=actor or member, application=application)
        if stage == "submitted":
            return application
        return services.application_eligibility_record(
            actor=district_officer, application=application, is_eligible=True
        )

    return make


@pytest.fixture
def score_all(assessors, district_officer):
    """Every assessor marks every criterion of the application (``mark`` each, by default 7)."""
    from coopcouncil.grants import services

    def score(application, *marks: int):
        for assessor in assessors:
            services.round_assessor_add(
                actor=district_officer, round_=application.round, assessor=assessor
            )
        criteria = list(application.round.criteria.all())
        for assessor, mark in zip(assessors, marks or (7, 7, 7), strict=True):
            services.score_record(
                actor=assessor, application=application, marks={c.pk: mark for c in criteria}
            )
        return application

    return score


@pytest.fixture
def awarded(make_application, score_all, district_officer, partnership):
    """An application scored by three assessors and awarded in full."""
    from coopcouncil.grants import services

    return services.application_decide(
        actor=district_officer,
        application=score_all(make_application()),
        outcome=services.AWARD,
        reasons="Strong neighbourhood outcomes",
    )
