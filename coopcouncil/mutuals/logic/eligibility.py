"""Who may hold a membership class: the rule a co-operative's rules write for each class.

A class asks for some of: an age range (young people 11–19; under-16s only as associate
members), residence in the area (a verified residency), a paid share (a £1 share), being a
tenant or an employee (a housing mutual). The rule is checked when a member joins and again
whenever their age or residency may have changed (``coopcouncil mutuals recheck``), so a
member who turns 20 leaves the youth class on the next check.

A member may be an organisation (a youth co-op's "organisations" class: a school, a youth
club), represented by a named person who holds a current role in it. A class is either for
organisations or for individuals, never both; a person's facts (age, residence, tenancy,
employment) say nothing about an organisation, so an organisations class asks only that its
representative holds a role there, and any share. The representative casts the
organisation's one vote.

Example: ``class_refusals(ClassRule(min_age=11, max_age=19), Applicant(date_of_birth=
date(2010, 5, 1)), today=date(2026, 12, 2))`` is ``[]`` (aged 16); on 2030-05-01 it is
``["too_old"]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ClassRule:
    """What a membership class asks of its holders; ``None`` / ``False`` asks nothing."""

    min_age: int | None = None
    max_age: int | None = None
    requires_residency: bool = False
    district_id: int | None = None  # residents of this district only, when set
    min_share_pence: int = 0
    requires_tenant: bool = False
    requires_employee: bool = False
    is_for_organisations: bool = False


@dataclass(frozen=True)
class Applicant:
    """The facts about a person, or an organisation and its representative, the rules read."""

    date_of_birth: date | None = None
    resident_district_id: int | None = None  # their verified residency's district, if any
    is_resident: bool = False
    share_paid_pence: int = 0
    is_tenant: bool = False
    is_employee: bool = False
    is_organisation: bool = False
    # An organisation member only: its representative holds a current role in it.
    is_representative: bool = False


def age_on(date_of_birth: date, today: date) -> int:
    """Age in whole years on ``today`` (a birthday on 29 February counts from 1 March)."""
    years = today.year - date_of_birth.year
    return years - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


def class_refusals(rule: ClassRule, applicant: Applicant, *, today: date) -> list[str]:
    """The codes of every part of ``rule`` the applicant does not meet; empty when eligible.

    Codes: ``age_unknown``, ``too_young``, ``too_old``, ``not_resident``,
    ``not_resident_here``, ``share_unpaid``, ``not_tenant``, ``not_employee``,
    ``not_an_organisation``, ``organisation_not_eligible``, ``not_a_representative``.
    """
    if applicant.is_organisation:
        return _organisation_refusals(rule, applicant)
    if rule.is_for_organisations:
        return ["not_an_organisation"]
    refusals = []
    if rule.min_age is not None or rule.max_age is not None:
        if applicant.date_of_birth is None:
            refusals.append("age_unknown")
        else:
            age = age_on(applicant.date_of_birth, today)
            if rule.min_age is not None and age < rule.min_age:
                refusals.append("too_young")
            if rule.max_age is not None and age > rule.max_age:
                refusals.append("too_old")
    if rule.requires_residency:
        if not applicant.is_resident:
            refusals.append("not_resident")
        elif rule.district_id is not None and applicant.resident_district_id != rule.district_id:
            refusals.append("not_resident_here")
    if applicant.share_paid_pence < rule.min_share_pence:
        refusals.append("share_unpaid")
    if rule.requires_tenant and not applicant.is_tenant:
        refusals.append("not_tenant")
    if rule.requires_employee and not applicant.is_employee:
        refusals.append("not_employee")
    return refusals


def _organisation_refusals(rule: ClassRule, applicant: Applicant) -> list[str]:
    if not rule.is_for_organisations:
        return ["organisation_not_eligible"]
    refusals = []
    if not applicant.is_representative:
        refusals.append("not_a_representative")
    if applicant.share_paid_pence < rule.min_share_pence:
        refusals.append("share_unpaid")
    return refusals
