"""The checks an application must pass before it is submitted, and the award limits.

Each check returns ``Problem``s — the field, a stable code and the figures to name — and the
services turn each code into its translated message, so the form, the API and the CLI show
the same words against the same field.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from coopcouncil.core.money import format_pence


@dataclass(frozen=True)
class RoundRules:
    opens_at: datetime
    closes_at: datetime
    eligible_kinds: Collection[str]
    district_id: int | None
    max_award_pence: int
    match_funding_percent: int


@dataclass(frozen=True)
class ApplicationFacts:
    title: str
    project: str
    outcomes: str
    amount_pence: int
    budget_line_pence: Sequence[int]
    match_funding_pence: int
    organisation_kind: str
    ward_district_id: int | None


@dataclass(frozen=True)
class Problem:
    """A broken check: the field it is about, a stable code, and the figures its message
    names (the services turn the code into the translated message)."""

    field: str
    code: str
    values: tuple[tuple[str, str], ...] = ()


def submission_problems(rules: RoundRules, facts: ApplicationFacts) -> list[Problem]:
    """Everything that stops this application being submitted (empty when it may be)."""
    problems = [
        Problem(field, f"{field}_required")
        for field, value in (
            ("title", facts.title),
            ("project", facts.project),
            ("outcomes", facts.outcomes),
        )
        if not value.strip()
    ]
    if facts.ward_district_id is None:
        problems.append(Problem("ward", "ward_required"))
    elif rules.district_id is not None and facts.ward_district_id != rules.district_id:
        problems.append(Problem("ward", "ward_other_district"))
    if facts.amount_pence <= 0:
        problems.append(Problem("amount_pence", "amount_required"))
    elif facts.amount_pence > rules.max_award_pence:
        largest = format_pence(rules.max_award_pence)
        problems.append(Problem("amount_pence", "amount_over_largest", (("largest", largest),)))
    budget_total = sum(facts.budget_line_pence)
    if not facts.budget_line_pence:
        problems.append(Problem("budget_lines", "budget_lines_required"))
    elif budget_total != facts.amount_pence:
        figures = (
            ("total", format_pence(budget_total)),
            ("asked", format_pence(facts.amount_pence)),
        )
        problems.append(Problem("budget_lines", "budget_lines_do_not_add_up", figures))
    if rules.eligible_kinds and facts.organisation_kind not in rules.eligible_kinds:
        problems.append(Problem("organisation", "organisation_kind_ineligible"))
    needed = match_funding_needed(facts.amount_pence, rules.match_funding_percent)
    if facts.match_funding_pence < needed:
        figures = (("percent", str(rules.match_funding_percent)), ("needed", format_pence(needed)))
        problems.append(Problem("match_funding_pence", "match_funding_short", figures))
    return problems


def match_funding_needed(amount_pence: int, percent: int) -> int:
    """Match funding the group must bring, rounded up to the penny."""
    share = Fraction(amount_pence * percent, 100)
    return -(-share.numerator // share.denominator)


def is_open_for_submission(rules: RoundRules, now: datetime) -> bool:
    return rules.opens_at <= now < rules.closes_at


def award_problem(
    *, amount_pence: int, asked_pence: int, round_amount_pence: int, awarded_so_far_pence: int
) -> Problem | None:
    """Why this award cannot be made, or None. The round's total can never be exceeded."""
    if amount_pence <= 0:
        return Problem("amount_pence", "award_not_positive")
    if amount_pence > asked_pence:
        return Problem("amount_pence", "award_over_asked", (("asked", format_pence(asked_pence)),))
    left = round_amount_pence - awarded_so_far_pence
    if amount_pence > left:
        return Problem("amount_pence", "round_exceeded", (("left", format_pence(left)),))
    return None


def is_report_late(
    *, due_on: date, submitted_on: date | None, today: date, grace_days: int
) -> bool:
    """A monitoring report is late once its due date plus the grace has passed without it
    (or it came in after that)."""
    deadline = due_on + timedelta(days=grace_days)
    return (submitted_on or today) > deadline
