"""The grants demo: a fund with an open round, applications at every stage, scored and
awarded examples (one held jointly with two partners) and one conflict declaration;
running it again changes nothing."""

from __future__ import annotations

import pytest

from coopcouncil.grants.models import Application, DividendEntry, Instalment, Score
from coopcouncil.people.models import InterestDeclaration

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    models = (Application, DividendEntry, Instalment, Score, InterestDeclaration)
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_loads_every_stage_once():
    from coopcouncil.demo.borough import demo_load_borough
    from coopcouncil.democracy.demo import demo_load as democracy_demo_load
    from coopcouncil.grants.demo import demo_load

    demo_load_borough()
    democracy_demo_load()
    demo_load()
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "eligible", "awarded", "declined"} <= statuses
    assert InterestDeclaration.objects.count() == 1
    [joint] = Application.objects.exclude(partners=None).distinct()
    assert joint.is_awarded and joint.partners.count() == 2
    first = _counts()
    demo_load()
    assert _counts() == first
