"""The mutuals demo: a housing mutual after its ballot, a counted youth election, a share offer;
safe to run twice."""

import pytest

from coopcouncil.mutuals import selectors
from coopcouncil.mutuals.models import (
    BallotParticipation,
    Election,
    ElectionRanking,
    Member,
    MemberBallot,
    Mutual,
    ShareApplication,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    models = (
        Mutual,
        Member,
        MemberBallot,
        BallotParticipation,
        Election,
        ElectionRanking,
        ShareApplication,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_loads_each_co_operative_once():
    from coopcouncil.demo.borough import demo_load_borough
    from coopcouncil.mutuals.demo import demo_load

    demo_load_borough()
    demo_load()
    first = _counts()
    housing = Mutual.objects.get(slug="oldham-homes-mutual")
    assert housing.constituencies.count() == 2 and housing.board_seats.count() == 3
    result = selectors.ballot_result(housing.ballots.get())
    assert result.is_passed and result.yes_percent == 76
    linked = housing.services.get(name="Tenancy sustainment")
    assert linked.contract.supplier == housing.organisation
    election = Election.objects.get(mutual__slug="youth-co-op")
    assert election.status == "counted" and len(election.result["elected"]) == 3
    assert election.mutual.classes.filter(is_for_organisations=True).exists()
    assert first["ShareApplication"] == 10
    demo_load()
    assert _counts() == first
