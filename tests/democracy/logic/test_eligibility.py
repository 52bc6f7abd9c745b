"""The Local Leaders Programme rule, worked by hand: as at a day, modules held, last year."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coopcouncil.democracy.logic.eligibility import (
    Basis,
    ModuleRecord,
    ProgrammeRecord,
    eligibility_as_of,
    modules_required,
    year_attendance,
)


def _year(title: str, *modules: tuple[date, bool]) -> ProgrammeRecord:
    """A year whose modules each have one session on the day given, attended or not."""
    return ProgrammeRecord(
        title=title,
        modules=tuple(
            ModuleRecord(session_days=(day,), attended_days=(day,) if went else ())
            for day, went in modules
        ),
    )


# Six core modules, one a month from May; the councillor attended the 1st, 3rd and 4th.
YEAR_2026 = _year(
    "2026/27",
    (date(2026, 5, 12), True),
    (date(2026, 6, 9), False),
    (date(2026, 7, 14), True),
    (date(2026, 9, 8), True),
    (date(2026, 10, 13), False),
    (date(2026, 11, 10), False),
)
# Last year: 2 of 6 attended, short of the 3 needed.
YEAR_2025 = _year(
    "2025/26",
    *[(date(2025, month, 10), month in (5, 6)) for month in (5, 6, 7, 9, 10, 11)],
)


def test_three_of_six_modules_is_enough_because_the_rule_is_fewer_than_half():
    result = eligibility_as_of(
        current=YEAR_2026, previous=None, as_of=date(2027, 1, 1), minimum_percent=50
    )
    assert result.is_eligible
    assert (result.modules_attended, result.modules_held, result.modules_required) == (3, 6, 3)


def test_two_of_six_modules_loses_the_vote_and_says_why():
    result = eligibility_as_of(
        current=YEAR_2025, previous=None, as_of=date(2026, 1, 1), minimum_percent=50
    )
    assert not result.is_eligible
    assert "2 of 6 modules held so far attended (33 %)" in result.reason
    assert "at least 3" in result.reason


def test_attendance_is_counted_against_the_modules_held_by_the_day_asked():
    # By 1 August three modules have been held and two attended: 67 %, eligible.
    august = eligibility_as_of(
        current=YEAR_2026, previous=YEAR_2025, as_of=date(2026, 8, 1), minimum_percent=50
    )
    assert august.basis is Basis.HELD_SO_FAR
    assert (august.is_eligible, august.modules_attended, august.modules_held) == (True, 2, 3)
    assert august.reason.startswith("2026/27: 2 of 3 modules held so far attended (67 %)")
    # By 20 November all six are held and three attended: exactly half, still eligible.
    november = eligibility_as_of(
        current=YEAR_2026, previous=YEAR_2025, as_of=date(2026, 11, 20), minimum_percent=50
    )
    assert (november.modules_attended, november.modules_held) == (3, 6)


def test_a_session_on_the_day_asked_counts_as_held_and_attended():
    day_of_first_module = eligibility_as_of(
        current=YEAR_2026, previous=None, as_of=date(2026, 5, 12), minimum_percent=50
    )
    assert (day_of_first_module.modules_held, day_of_first_module.modules_attended) == (1, 1)
    assert day_of_first_module.reason.startswith("2026/27: 1 of 1 modules held so far attended")


def test_attendance_after_the_day_asked_does_not_count():
    # On 9 June the 2nd module (missed) has just been held; the 3rd (attended) is to come.
    june = eligibility_as_of(
        current=YEAR_2026, previous=None, as_of=date(2026, 6, 9), minimum_percent=50
    )
    assert (june.modules_attended, june.modules_held, june.is_eligible) == (1, 2, True)
    only_missed = _year("2026/27", (date(2026, 5, 12), False), (date(2026, 6, 9), True))
    may = eligibility_as_of(
        current=only_missed, previous=None, as_of=date(2026, 5, 31), minimum_percent=50
    )
    assert (may.modules_attended, may.modules_held, may.is_eligible) == (0, 1, False)


def test_before_a_new_year_holds_a_module_the_previous_years_result_stands():
    # 1 April 2026: 2026/27 has started but holds its first module on 12 May.
    april = eligibility_as_of(
        current=YEAR_2026, previous=YEAR_2025, as_of=date(2026, 4, 1), minimum_percent=50
    )
    assert april.basis is Basis.PREVIOUS_YEAR
    assert not april.is_eligible  # last year's 2 of 6 still stands
    assert april.programme == "2025/26"
    assert april.reason.startswith(
        "2026/27 has held no module yet: 2025/26's result stands"
        " (2025/26: 2 of 6 modules held so far attended (33 %)"
    )


def test_a_good_previous_year_carries_over_until_the_first_module_is_held():
    good_year = _year("2025/26", *[(date(2025, m, 10), True) for m in (5, 6, 7, 9)])
    april = eligibility_as_of(
        current=YEAR_2026, previous=good_year, as_of=date(2026, 4, 1), minimum_percent=50
    )
    assert april.is_eligible and april.basis is Basis.PREVIOUS_YEAR


def test_a_first_year_that_has_held_no_module_requires_no_attendance():
    result = eligibility_as_of(
        current=YEAR_2026, previous=None, as_of=date(2026, 4, 1), minimum_percent=50
    )
    assert result.is_eligible and result.basis is Basis.NO_MODULE_HELD
    assert "2026/27 has held no module yet" in result.reason


def test_without_a_programme_year_no_attendance_is_required():
    result = eligibility_as_of(
        current=None, previous=None, as_of=date(2026, 4, 1), minimum_percent=50
    )
    assert result.is_eligible and result.basis is Basis.NO_PROGRAMME


def test_attending_any_session_of_a_module_attends_it_once():
    twice = ProgrammeRecord(
        title="P",
        modules=(
            ModuleRecord(
                session_days=(date(2026, 5, 1), date(2026, 5, 8)),
                attended_days=(date(2026, 5, 1), date(2026, 5, 8)),
            ),
        ),
    )
    counted = year_attendance(twice, as_of=date(2026, 6, 1))
    assert (counted.modules_held, counted.modules_attended) == (1, 1)


def test_odd_module_counts_round_up():
    assert modules_required(5, minimum_percent=50) == 3
    assert modules_required(0, minimum_percent=50) == 0


@given(st.lists(st.booleans(), max_size=20), st.integers(1, 100), st.integers(0, 25))
def test_eligible_exactly_when_attendance_of_held_modules_is_not_below_the_percentage(
    attended, percent, held_count
):
    days = [date(2026, 1, 1 + index) for index in range(len(attended))]
    record = _year("P", *zip(days, attended, strict=True))
    as_of = date(2026, 1, held_count) if held_count else date(2025, 12, 31)
    result = eligibility_as_of(current=record, previous=None, as_of=as_of, minimum_percent=percent)
    held = [went for day, went in zip(days, attended, strict=True) if day <= as_of]
    if not held:
        assert result.is_eligible and result.basis is Basis.NO_MODULE_HELD
    else:
        assert result.is_eligible == (sum(held) * 100 >= len(held) * percent)
