"""Organisations as members: a youth co-op's "organisations" class is held by an organisation
through a named representative who holds a role in it; the representative casts its one
vote; a person holds one membership per co-operative, so never votes twice."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, RowErrors
from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import BallotParticipation, BallotTally, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations_class(mutual, secretary):
    return services.membership_class_add(
        actor=secretary, mutual=mutual, name="Organisations", is_for_organisations=True
    )


@pytest.fixture
def youth_club():
    from coopcouncil.people.models import Organisation

    return Organisation.objects.create(
        name="Werneth Youth Club", slug="werneth-youth-club", kind="youth"
    )


@pytest.fixture
def representative(make_role, youth_club):
    return make_role("partner", "Rita Representative", organisation=youth_club)


def _join(secretary, mutual, **values):
    return services.member_join(
        actor=secretary, mutual=mutual, today=timezone.localdate() - timedelta(days=30), **values
    )


def test_an_organisation_joins_through_a_representative_who_holds_a_role_in_it(
    mutual, secretary, organisations_class, youth_club, representative
):
    member = _join(
        secretary,
        mutual,
        user=representative,
        organisation=youth_club,
        classes=[organisations_class],
    )
    assert (member.organisation, member.user) == (youth_club, representative)


def test_a_stranger_cannot_represent_an_organisation(
    mutual, secretary, organisations_class, youth_club, make_user
):
    with pytest.raises(DomainError) as refused:
        _join(
            secretary,
            mutual,
            user=make_user("No Role"),
            organisation=youth_club,
            classes=[organisations_class],
        )
    assert refused.value.code == "not_eligible" and "role" in refused.value.message
    assert not Member.objects.exists()


def test_classes_are_for_organisations_or_individuals_never_both(
    mutual, secretary, classes, organisations_class, youth_club, representative, make_user
):
    with pytest.raises(DomainError) as person_in_organisations:
        _join(secretary, mutual, user=make_user("A Person"), classes=[organisations_class])
    with pytest.raises(DomainError) as organisation_in_individuals:
        _join(
            secretary,
            mutual,
            user=representative,
            organisation=youth_club,
            classes=[classes["individuals"]],
        )
    assert "organisations" in person_in_organisations.value.message
    assert "individuals" in organisation_in_individuals.value.message
    with pytest.raises(DomainError) as personal_rule:
        services.membership_class_add(
            actor=secretary,
            mutual=mutual,
            name="Young groups",
            is_for_organisations=True,
            max_age=19,
        )
    assert personal_rule.value.field == "is_for_organisations"


def test_one_membership_per_organisation_and_per_person(
    mutual, secretary, classes, organisations_class, youth_club, representative, make_role
):
    _join(
        secretary,
        mutual,
        user=representative,
        organisation=youth_club,
        classes=[organisations_class],
    )
    second = make_role("partner", "Second Rep", organisation=youth_club)
    with pytest.raises(Conflict):
        _join(
            secretary, mutual, user=second, organisation=youth_club, classes=[organisations_class]
        )
    with pytest.raises(Conflict):
        _join(secretary, mutual, user=representative, classes=[classes["individuals"]])
    assert Member.objects.count() == 1


def test_the_representative_casts_the_organisations_one_vote(
    mutual, secretary, organisations_class, youth_club, representative, open_ballot
):
    _join(
        secretary,
        mutual,
        user=representative,
        organisation=youth_club,
        classes=[organisations_class],
    )
    ballot = open_ballot(classes=[organisations_class])
    assert ballot.electorate_size == 1
    services.ballot_vote(actor=representative, ballot=ballot, choice="yes")
    with pytest.raises(Conflict) as again:
        services.ballot_vote(actor=representative, ballot=ballot, choice="no")
    assert again.value.code == "already_voted"
    assert BallotParticipation.objects.count() == 1
    assert sum(BallotTally.objects.values_list("votes", flat=True)) == 1


def test_the_organisations_class_lapses_when_its_representative_leaves_it(
    mutual, secretary, organisations_class, youth_club, representative
):
    from coopcouncil.people.models import RoleAssignment

    member = _join(
        secretary,
        mutual,
        user=representative,
        organisation=youth_club,
        classes=[organisations_class],
    )
    RoleAssignment.objects.filter(user=representative).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    assert services.members_recheck(actor=secretary, mutual=mutual) == 1
    assert member.holdings.get().lapsed_on == timezone.localdate()


def test_the_members_csv_takes_an_organisation_member_by_its_slug(
    mutual, secretary, organisations_class, youth_club, representative, make_user
):
    stranger = make_user("Not In It")
    header = "mutual,email,classes,organisation\n"
    bad = f"{mutual.slug},{stranger.email},Organisations,{youth_club.slug}\n"
    with pytest.raises(RowErrors):
        services.members_import(actor=secretary, text=header + bad, today=date(2026, 6, 1))
    unknown = f"{mutual.slug},{representative.email},Organisations,no-such-club\n"
    with pytest.raises(RowErrors):
        services.members_import(actor=secretary, text=header + unknown, today=date(2026, 6, 1))
    good = f"{mutual.slug},{representative.email},Organisations,{youth_club.slug}\n"
    assert services.members_import(actor=secretary, text=header + good, today=date(2026, 6, 1)) == 1
    assert Member.objects.get().organisation == youth_club
