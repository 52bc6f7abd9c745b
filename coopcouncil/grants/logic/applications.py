"""The checks an application must pass before it is submitted, and the award limits.

Each check returns ``(field, message)`` pairs so the form, the API and the CLI show the
same message against the same field.
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


def submission_problems(rules: RoundRules, facts: ApplicationFacts) -> list[tuple[str, str]]:
    """Everything that stops this application being submitted (empty when it may be)."""
    problems: list[tuple[str, str]] = []
    for field, value, label in (
        ("title", facts.title, "a project title"),
        ("project", facts.project, "what the project will do"),
        ("outcomes", facts.outcomes, "the outcomes it promises"),
    ):
        if not value.strip():
            problems.append((field, f"Give {label}."))
    if facts.ward_district_id is None:
        problems.append(("ward", "Say which ward the people who benefit live in."))
    elif rules.district_id is not None and facts.ward_district_id != rules.district_id:
        problems.append(("ward", "This round funds work in another district."))
    if facts.amount_pence <= 0:
        problems.append(("amount_pence", "Say how much you are asking for."))
    elif facts.amount_pence > rules.max_award_pence:
        problems.append(
            (
                "amount_pence",
                f"The most this round awards is {format_pence(rules.max_award_pence)}.",
            )
        )
    budget_total = sum(facts.budget_line_pence)
    if not facts.budget_line_pence:
        problems.append(("budget_lines", "Add the budget lines the money will pay for."))
    elif budget_total != facts.amount_pence:
        problems.append(
            (
                "budget_lines",
                f"The budget lines add up to {format_pence(budget_total)}, not the"
                f" {format_pence(facts.amount_pence)} asked for.",
            )
        )
    if rules.eligible_kinds and facts.organisation_kind not in rules.eligible_kinds:
        problems.append(("organisation", "This kind of organisation may not bid in this round."))
    needed = match_funding_needed(facts.amount_pence, rules.match_funding_percent)
    if facts.match_funding_pence < needed:
        problems.append(
            (
                "match_funding_pence",
                f"This round needs {rules.match_funding_percent}% match funding:"
                f" at least {format_pence(needed)}.",
            )
        )
    return problems


def match_funding_needed(amount_pence: int, percent: int) -> int:
    """Match funding the group must bring, rounded up to the penny."""
    share = Fraction(amount_pence * percent, 100)
    return -(-share.numerator // share.denominator)


def is_open_for_submission(rules: RoundRules, now: datetime) -> bool:
    return rules.opens_at <= now < rules.closes_at


def award_problem(
    *, amount_pence: int, asked_pence: int, round_amount_pence: int, awarded_so_far_pence: int
) -> tuple[str, str] | None:
    """Why this award cannot be made, or None. The round's total can never be exceeded."""
    if amount_pence <= 0:
        return ("amount_pence", "An award must be more than £0.00.")
    if amount_pence > asked_pence:
        return ("amount_pence", f"The group asked for {format_pence(asked_pence)}; award no more.")
    left = round_amount_pence - awarded_so_far_pence
    if amount_pence > left:
        return (
            "amount_pence",
            f"Only {format_pence(left)} is left in this round; the award would exceed it.",
        )
    return None


def is_report_late(
    *, due_on: date, submitted_on: date | None, today: date, grace_days: int
) -> bool:
    """A monitoring report is late once its due date plus the grace has passed without it
    (or it came in after that)."""
    deadline = due_on + timedelta(days=grace_days)
    return (submitted_on or today) > deadline
