"""Membership class rules: age, residency, share, tenant and employee."""

from datetime import date

from coopcouncil.mutuals.logic.eligibility import Applicant, ClassRule, age_on, class_refusals

YOUTH = ClassRule(min_age=11, max_age=19)


def test_age_counts_whole_years_up_to_the_birthday():
    assert age_on(date(2010, 5, 1), date(2026, 4, 30)) == 15
    assert age_on(date(2010, 5, 1), date(2026, 5, 1)) == 16


def test_a_young_person_is_eligible_until_they_turn_twenty():
    person = Applicant(date_of_birth=date(2007, 3, 1))
    assert class_refusals(YOUTH, person, today=date(2027, 2, 28)) == []
    assert class_refusals(YOUTH, person, today=date(2027, 3, 1)) == ["too_old"]


def test_an_age_rule_needs_a_date_of_birth():
    assert class_refusals(YOUTH, Applicant(), today=date(2026, 1, 1)) == ["age_unknown"]


def test_residents_only_needs_a_verified_residency_in_the_area_when_one_is_set():
    rule = ClassRule(requires_residency=True, district_id=7)
    assert class_refusals(rule, Applicant(), today=date(2026, 1, 1)) == ["not_resident"]
    elsewhere = Applicant(is_resident=True, resident_district_id=8)
    assert class_refusals(rule, elsewhere, today=date(2026, 1, 1)) == ["not_resident_here"]
    here = Applicant(is_resident=True, resident_district_id=7)
    assert class_refusals(rule, here, today=date(2026, 1, 1)) == []


def test_share_tenant_and_employee_rules_each_give_their_reason():
    rule = ClassRule(min_share_pence=100, requires_tenant=True, requires_employee=True)
    refusals = class_refusals(rule, Applicant(share_paid_pence=99), today=date(2026, 1, 1))
    assert refusals == ["share_unpaid", "not_tenant", "not_employee"]


ORGANISATIONS = ClassRule(is_for_organisations=True, min_share_pence=100)


def test_an_organisations_class_takes_an_organisation_through_a_representative_in_it():
    represented = Applicant(is_organisation=True, is_representative=True, share_paid_pence=100)
    assert class_refusals(ORGANISATIONS, represented, today=date(2026, 1, 1)) == []
    stranger = Applicant(is_organisation=True, share_paid_pence=0)
    assert class_refusals(ORGANISATIONS, stranger, today=date(2026, 1, 1)) == [
        "not_a_representative",
        "share_unpaid",
    ]


def test_an_individual_may_not_hold_an_organisations_class_nor_an_organisation_a_personal_one():
    young = Applicant(date_of_birth=date(2010, 1, 1))
    assert class_refusals(ORGANISATIONS, young, today=date(2026, 1, 1)) == ["not_an_organisation"]
    organisation = Applicant(is_organisation=True, is_representative=True)
    assert class_refusals(YOUTH, organisation, today=date(2026, 1, 1)) == [
        "organisation_not_eligible"
    ]
