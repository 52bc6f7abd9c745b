"""Interests: the one conflict-of-interest rule grants and procurement share."""

import pytest

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.people.models import InterestDeclaration, Organisation
from coopcouncil.people.permissions import conflict_decision
from coopcouncil.people.services import interest_declare, user_export


@pytest.fixture
def group(places):
    return Organisation.objects.create(
        name="Friends of Alexandra Park", slug="friends-alex", kind="community_group"
    )


def test_a_person_with_no_interest_may_judge_the_bid(make_user, group):
    assert conflict_decision(make_user(), group).allowed


def test_a_declared_interest_refuses_with_its_reason(make_user, group):
    assessor = make_user()
    interest_declare(actor=assessor, organisation=group, reason="My sister chairs it")
    decision = conflict_decision(assessor, group)
    assert not decision.allowed
    assert "My sister chairs it" in decision.reason


def test_a_role_in_the_organisation_is_an_interest_even_undeclared(make_role, group):
    member = make_role("group_member", organisation=group)
    assert not conflict_decision(member, group).allowed


def test_declaring_twice_updates_the_one_declaration(make_user, group):
    assessor = make_user()
    interest_declare(actor=assessor, organisation=group, reason="First")
    interest_declare(actor=assessor, organisation=group, reason="Second")
    assert list(InterestDeclaration.objects.values_list("reason", flat=True)) == ["Second"]


def test_a_declaration_needs_a_reason(make_user, group):
    with pytest.raises(DomainError) as refused:
        interest_declare(actor=make_user(), organisation=group, reason="  ")
    assert refused.value.field == "reason"


def test_only_officers_record_someone_elses_interest(make_user, make_role, group):
    assessor = make_user()
    with pytest.raises(NotAllowed):
        interest_declare(actor=make_user(), organisation=group, reason="Seen", user=assessor)
    officer = make_role("officer", team="finance")
    declaration = interest_declare(actor=officer, organisation=group, reason="Seen", user=assessor)
    assert declaration.recorded_by == officer
    assert not conflict_decision(assessor, group).allowed


def test_a_persons_declarations_are_in_their_data_export(make_user, group):
    assessor = make_user()
    interest_declare(actor=assessor, organisation=group, reason="Trustee")
    exported = user_export(user=assessor)["interest_declarations"]
    assert exported[0]["organisation"] == group.name and exported[0]["reason"] == "Trustee"
