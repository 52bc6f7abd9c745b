"""Open311 keys (rate-limited by the clock minute) and the answers to a service's questions."""

from datetime import UTC, datetime, timedelta

import pytest

from coopcouncil.servicerequests.logic.attributes import AnswerInvalid, answers_check
from coopcouncil.servicerequests.logic.keys import calls_after

NOW = datetime(2026, 6, 1, 12, 0, 30, tzinfo=UTC)


def test_calls_past_the_limit_in_one_minute_are_refused_and_the_next_minute_starts_again():
    window, calls = calls_after(window=None, calls=0, now=NOW, limit=2)
    window, calls = calls_after(window=window, calls=calls, now=NOW, limit=2)
    assert calls == 2
    assert calls_after(window=window, calls=calls, now=NOW + timedelta(seconds=20), limit=2) is None
    assert calls_after(window=window, calls=calls, now=NOW + timedelta(seconds=40), limit=2)[1] == 1


WASTE = [
    {
        "code": "WASTE",
        "datatype": "singlevaluelist",
        "required": True,
        "order": 1,
        "description": "What?",
        "values": [{"key": "household", "name": "Household"}, {"key": "bulky", "name": "Bulky"}],
    },
    {"code": "DEPTH", "datatype": "number", "required": False, "order": 2},
    {
        "code": "KINDS",
        "datatype": "multivaluelist",
        "required": False,
        "order": 3,
        "values": [{"key": "a", "name": "A"}, {"key": "b", "name": "B"}],
    },
]


def test_listed_answers_are_kept_and_unknown_questions_dropped():
    kept = answers_check(WASTE, {"WASTE": "bulky", "DEPTH": "4.5", "KINDS": ["a", "b"], "X": "y"})
    assert kept == {"WASTE": "bulky", "DEPTH": "4.5", "KINDS": ["a", "b"]}


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"WASTE": "car"},
        {"WASTE": ["household", "bulky"]},
        {"WASTE": "bulky", "DEPTH": "deep"},
        {"WASTE": "bulky", "KINDS": ["c"]},
    ],
)
def test_a_missing_required_answer_or_an_unlisted_one_is_refused(answers):
    with pytest.raises(AnswerInvalid):
        answers_check(WASTE, answers)
