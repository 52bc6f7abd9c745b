"""A member ballot's result: turnout, the yes share, and whether each rule was met.

A ballot's rules state a minimum turnout (share of the electorate snapshot who voted) and a
pass threshold (share of the votes for a choice that must be yes). Both are whole-number
percentages, compared exactly in integers: 40 % turnout is met by 400 of 1,000 and not by
399. Abstentions count towards turnout but not towards the yes share.

Example: Rochdale Boroughwide Housing's stock transfer — 76 % voted yes; with a 50 % pass
threshold and no turnout rule, ``ballot_outcome(electorate=100, yes=38, no=12, abstain=0,
turnout_percent_required=0, yes_percent_required=50)`` has turnout 50 % and passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

CHOICES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class BallotOutcome:
    electorate: int
    yes: int
    no: int
    abstain: int
    turnout_percent: Decimal | None
    yes_percent: Decimal | None
    is_turnout_met: bool
    is_threshold_met: bool

    @property
    def voted(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def is_passed(self) -> bool:
        return self.is_turnout_met and self.is_threshold_met


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def ballot_outcome(
    *,
    electorate: int,
    yes: int,
    no: int,
    abstain: int,
    turnout_percent_required: int,
    yes_percent_required: int,
) -> BallotOutcome:
    """Turnout and the yes share, and whether each meets its rule (see the module docstring).

    The pass threshold is "more than" when it is 50 (a majority), "at least" otherwise, as
    co-operatives' rules usually write a special resolution (at least 75 %).
    """
    voted = yes + no + abstain
    decided = yes + no
    is_turnout_met = 100 * voted >= turnout_percent_required * electorate if electorate else False
    if yes_percent_required == 50:
        is_threshold_met = 2 * yes > decided
    else:
        is_threshold_met = decided > 0 and 100 * yes >= yes_percent_required * decided
    return BallotOutcome(
        electorate=electorate,
        yes=yes,
        no=no,
        abstain=abstain,
        turnout_percent=_percent(voted, electorate),
        yes_percent=_percent(yes, decided),
        is_turnout_met=is_turnout_met,
        is_threshold_met=is_threshold_met,
    )


def is_open(*, opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    """Voting is open from ``opens_at`` up to, not including, ``closes_at``."""
    return opens_at <= now < closes_at
