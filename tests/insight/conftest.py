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
