"""The register, classes and members: eligibility checked on joining and again on change."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import Conflict, DomainError, NotAllowed, RowErrors
from coopcouncil.core.models import AuditEvent
from coopcouncil.mutuals import services
from coopcouncil.mutuals.models import Member, MemberClass


def test_procurement_officers_register_a_mutual_and_residents_cannot(make_role, make_user):
    officer = make_role("officer", team="procurement")
    mutual = services.mutual_register(
        actor=officer,
        name="Energy Co-op",
        legal_form="community_benefit_society",
        services=["Solar"],
    )
    assert mutual.slug == "energy-co-op"
    assert [s.name for s in mutual.services.all()] == ["Solar"]
    assert AuditEvent.objects.filter(action="mutuals.registered", target_id=str(mutual.pk)).exists()
    with pytest.raises(NotAllowed):
        services.mutual_register(actor=make_user(), name="Other", legal_form="charitable_trust")
    with pytest.raises(DomainError) as error:
        services.mutual_register(actor=officer, name="Odd", legal_form="partnership")
    assert error.value.field == "legal_form"


def test_a_young_person_joins_the_youth_class_and_an_adult_is_refused(make_member, make_user):
    member = make_member("young", date_of_birth=date(2012, 6, 1))
    assert [h.membership_class.name for h in member.holdings.all()] == ["Young people"]
    with pytest.raises(DomainError) as error:
        make_member("young", date_of_birth=date(1980, 1, 1))
    assert error.value.code == "not_eligible"
    assert "Too old" in error.value.message


def test_residents_only_class_needs_a_verified_residency(
    mutual, secretary, make_user, make_resident, ward
):
    residents = services.membership_class_add(
        actor=secretary, mutual=mutual, name="Residents", requires_residency=True
    )
    with pytest.raises(DomainError):
        services.member_join(actor=secretary, mutual=mutual, user=make_user(), classes=[residents])
    member = services.member_join(
        actor=secretary, mutual=mutual, user=make_resident(ward), classes=[residents]
    )
    assert member.pk


def test_joining_twice_is_a_conflict(make_member, make_user):
    person = make_user()
    make_member(user=person)
    with pytest.raises(Conflict):
        make_member(user=person)


def test_the_recheck_lapses_a_class_once_the_member_turns_twenty(make_member):
    member = make_member("young", date_of_birth=date(2008, 1, 1))
    assert (
        services.members_recheck(actor=None, check_permission=False, today=date(2027, 12, 31)) == 0
    )
    assert services.members_recheck(actor=None, check_permission=False, today=date(2028, 1, 1)) == 1
    holding = MemberClass.objects.get(member=member)
    assert holding.lapsed_on == date(2028, 1, 1)
    assert "Too old" in holding.lapse_reason


def test_the_recheck_lapses_a_residents_class_when_residency_expires(
    mutual, secretary, make_resident, ward
):
    residents = services.membership_class_add(
        actor=secretary, mutual=mutual, name="Residents", requires_residency=True
    )
    person = make_resident(ward)
    services.member_join(actor=secretary, mutual=mutual, user=person, classes=[residents])
    person.residencies.update(expires_at=timezone.now() - timedelta(days=1))
    assert services.members_recheck(actor=secretary, mutual=mutual) == 1


def test_a_change_of_facts_rechecks_the_members_classes(mutual, secretary, make_user):
    tenants = services.membership_class_add(
        actor=secretary, mutual=mutual, name="Tenants", requires_tenant=True
    )
    member = services.member_join(
        actor=secretary, mutual=mutual, user=make_user(), classes=[tenants], is_tenant=True
    )
    lapsed = services.member_facts_change(
        actor=secretary, member=member, share_paid_pence=0, is_tenant=False, is_employee=False
    )
    assert lapsed == ["Tenants"]


def test_members_import_is_all_or_nothing_and_names_the_bad_row(
    mutual, secretary, classes, make_user
):
    first, second = make_user(), make_user()
    good = f"mutual,email,classes\n{mutual.slug},{first.email},Individuals\n"
    bad = good + f"{mutual.slug},{second.email},Nonexistent\n"
    with pytest.raises(RowErrors) as error:
        services.members_import(actor=secretary, text=bad)
    assert error.value.rows[0][0] == 3
    assert Member.objects.count() == 0
    assert (
        services.members_import(
            actor=secretary, text=good + f"{mutual.slug},{second.email},Individuals\n"
        )
        == 2
    )


def test_members_import_naming_a_person_twice_imports_nothing(
    mutual, secretary, classes, make_user
):
    person = make_user()
    text = f"mutual,email,classes\n{mutual.slug},{person.email},Individuals\n" * 1
    text += f"{mutual.slug},{person.email},Individuals\n"
    with pytest.raises(RowErrors):
        services.members_import(actor=secretary, text=text)
    assert Member.objects.count() == 0


def test_a_stranger_cannot_enrol_members(mutual, classes, make_user):
    with pytest.raises(NotAllowed):
        services.member_join(
            actor=make_user(), mutual=mutual, user=make_user(), classes=[classes["individuals"]]
        )
