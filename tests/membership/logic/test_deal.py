"""Benefit eligibility (ward, age, membership length, validity) and redemption codes."""

from __future__ import annotations

from datetime import date

from coopcouncil.membership.logic.deal import (
    CODE_ALPHABET,
    Eligibility,
    Member,
    code_display,
    code_normalise,
    eligibility_problem,
)

TODAY = date(2026, 12, 2)
RULE = Eligibility(
    ward_ids=frozenset({7}),
    min_age=60,
    max_age=None,
    min_membership_days=30,
    valid_from=date(2026, 1, 1),
    valid_until=date(2026, 12, 31),
)


def test_a_member_meeting_every_condition_may_claim():
    member = Member(ward_id=7, date_of_birth=date(1960, 1, 1), joined_on=date(2026, 10, 1))
    assert eligibility_problem(RULE, member, today=TODAY) is None


def test_each_condition_refuses_with_its_own_reason():
    member = Member(ward_id=7, date_of_birth=date(1960, 1, 1), joined_on=date(2026, 10, 1))
    cases = {
        "wards": Member(8, member.date_of_birth, member.joined_on),
        "aged 60": Member(7, date(1990, 1, 1), member.joined_on),
        "date of birth": Member(7, None, member.joined_on),
        "at least 30 days": Member(7, member.date_of_birth, date(2026, 11, 20)),
    }
    for words, case in cases.items():
        assert words in str(eligibility_problem(RULE, case, today=TODAY))
    assert "ended on 31 December 2026" in str(
        eligibility_problem(RULE, member, today=date(2027, 1, 1))
    )
    assert "opens" in str(eligibility_problem(RULE, member, today=date(2025, 12, 31)))


def test_a_code_is_read_back_whatever_its_case_spaces_or_dashes():
    assert code_normalise(" abcde-fghjk ") == "ABCDEFGHJK"
    assert code_display("ABCDEFGHJK") == "ABCDE-FGHJK"


def test_codes_avoid_letters_and_digits_that_are_misread():
    assert not set("01IO") & set(CODE_ALPHABET)
