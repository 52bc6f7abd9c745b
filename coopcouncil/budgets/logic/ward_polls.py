"""Ward polls: the terms a poll must meet, whether it is open, and the count.

A councillor puts two to five options for their ward budget to the ward's verified residents
for a fixed window. The count is plain plurality: each resident has one vote, the option with
the most votes is what residents chose, and equal leaders are all reported as leading (a tie
is published as a tie, never broken silently). Turnout is votes over the residents verified
in the ward when the poll closed.

Worked example: options Benches (id 1), Bulbs (id 2), Bins (id 3); votes 1, 2, 1, 1;
40 residents verified. Benches 3 (75.0%), Bulbs 1 (25.0%), Bins 0; turnout 4/40 = 10.0%;
Benches leads, so funding Bulbs is an override that must be explained.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from coopcouncil.budgets.logic.ward_budgets import Problem

__all__ = [
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "OptionCount",
    "WardPollResult",
    "check_ward_poll_terms",
    "is_ward_poll_open",
    "ward_poll_count",
]

MIN_OPTIONS = 2
MAX_OPTIONS = 5


def check_ward_poll_terms(
    *, question: str, options: Sequence[str], opens_at: datetime, closes_at: datetime, now: datetime
) -> list[Problem]:
    """Every rule the poll's terms break, in form order; an empty list means it may open.

    Codes: ``question_required``, ``options_count``, ``options_repeated``,
    ``closes_before_opening``, ``closes_in_past``.
    """
    problems = []
    if not question.strip():
        problems.append(Problem("question_required", "question", "Ask the ward a question."))
    labels = [option.strip() for option in options if option.strip()]
    if not MIN_OPTIONS <= len(labels) <= MAX_OPTIONS:
        problems.append(
            Problem(
                "options_count",
                "options",
                f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options; you gave {len(labels)}.",
            )
        )
    elif len({label.casefold() for label in labels}) != len(labels):
        problems.append(Problem("options_repeated", "options", "Each option must be different."))
    if closes_at <= opens_at:
        problems.append(
            Problem("closes_before_opening", "closes_at", "The poll must close after it opens.")
        )
    elif closes_at <= now:
        problems.append(Problem("closes_in_past", "closes_at", "The closing time has passed."))
    return problems


def is_ward_poll_open(*, opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Votes count from the opening time up to, but not at, the closing time."""
    return opens_at <= now < closes_at


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class OptionCount:
    """One option's votes and its share of the votes cast (None before any vote)."""

    option_id: int
    label: str
    votes: int
    percent: Decimal | None
    is_leading: bool


@dataclass(frozen=True)
class WardPollResult:
    """The count: votes per option in the poll's order, turnout, and who leads."""

    options: tuple[OptionCount, ...]
    votes: int
    eligible: int
    turnout_percent: Decimal | None

    @property
    def leading_ids(self) -> tuple[int, ...]:
        return tuple(option.option_id for option in self.options if option.is_leading)

    @property
    def is_tie(self) -> bool:
        return len(self.leading_ids) > 1

    def is_residents_choice(self, option_id: int) -> bool:
        """Whether funding this option follows the vote (one of the leaders, tied or not)."""
        return option_id in self.leading_ids


def ward_poll_count(
    *, options: Sequence[tuple[int, str]], ballots: Iterable[int], eligible: int
) -> WardPollResult:
    """Count one vote per ballot (each ballot is the option id voted for).

    ``options`` are (id, label) pairs in the poll's order; ``eligible`` is the number of
    residents who could vote. No option leads until someone has voted. A ballot for an
    option not on the poll is a fault in the caller, not a spoilt paper: ``ValueError``.
    """
    known = {option_id for option_id, _ in options}
    tally = Counter(ballots)
    strays = set(tally) - known
    if strays:
        raise ValueError(f"Votes for options not on the poll: {sorted(strays)}")
    total = sum(tally.values())
    most = max(tally.values(), default=0)
    return WardPollResult(
        options=tuple(
            OptionCount(
                option_id=option_id,
                label=label,
                votes=tally[option_id],
                percent=_percent(tally[option_id], total),
                is_leading=most > 0 and tally[option_id] == most,
            )
            for option_id, label in options
        ),
        votes=total,
        eligible=eligible,
        turnout_percent=_percent(total, eligible),
    )
