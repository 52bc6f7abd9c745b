"""Whether a PB process's terms hold together: budget, ballot, counting rule, dates, headings.

Plain rules for ``participation.services.terms``: the service copies a process into
``ProcessTerms`` and refuses with the problems found here, so the web form, the API and the
command line all apply one set of rules, and the rules are tested without a database.

Each check returns ``Problems``: the field, then its messages, in the order an officer reads
the form (a heading's problems come last). Example::

    >>> terms = ProcessTerms(title="", budget_pence=0, ballot_type="approval", rule="greedy-cost")
    >>> list(process_terms_problems(terms, ()))
    ['title', 'budget_pence']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from coopcouncil.core.money import format_pence
from coopcouncil.participation.logic.counting import OFFICIAL, RULE_NAMES
from coopcouncil.participation.logic.official import OFFICIAL_RULES

Problems = dict[str, list[str]]

PLATFORM_BALLOT_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal")
"""Ballot types a council can open on the platform (the others arrive only by import)."""

APPROVAL_ONLY_RULES = frozenset({"greedy-card", "mes-card", "phragmen"})
"""Rules whose satisfaction is defined for approval ballots only (pabutools does the same)."""


@dataclass(frozen=True)
class PhaseDate:
    """One planned phase date: its field, the label officers read, and when (None: unplanned)."""

    name: str
    label: str
    when: datetime | None


@dataclass(frozen=True)
class HeadingTerms:
    """A heading to be: a ward's (``ward_name`` set) or a theme's share of the budget."""

    name: str
    budget_pence: int
    ward_name: str | None = None
    ward_district_id: int | None = None


@dataclass(frozen=True)
class ProcessTerms:
    """What an officer set for a process; ``phase_dates`` in phase order."""

    title: str
    budget_pence: int
    ballot_type: str
    rule: str
    official_rule: str = ""
    min_projects: int = 0
    max_projects: int | None = None
    max_total_cost_pence: int | None = None
    points_to_spread: int | None = None
    max_points_per_project: int | None = None
    min_voter_age: int = 0
    district_id: int | None = None
    district_name: str = ""
    phase_dates: tuple[PhaseDate, ...] = ()


def rule_fits_ballot(rule: str, ballot_type: str) -> bool:
    """False when the rule cannot count this kind of ballot (e.g. Phragmén on rankings)."""
    return ballot_type == "approval" or rule not in APPROVAL_ONLY_RULES


def process_terms_problems(terms: ProcessTerms, headings: tuple[HeadingTerms, ...]) -> Problems:
    """Every problem with a process's terms, for opening it or editing it before voting."""
    found: list[tuple[str, str]] = []
    if not terms.title:
        found.append(("title", "Give the process a title."))
    if terms.budget_pence <= 0:
        found.append(("budget_pence", "The budget must be more than zero."))
    found += _ballot_problems(terms)
    found += _rule_problems(terms)
    if not 0 <= terms.min_voter_age <= 120:
        found.append(("min_voter_age", "The minimum age must be between 0 and 120."))
    found += _phase_date_problems(terms.phase_dates)
    found += _heading_problems(terms, headings)
    return _grouped(found)


def title_and_dates_problems(terms: ProcessTerms) -> Problems:
    """The problems that still matter once voting has opened and the voting terms are fixed."""
    found = [] if terms.title else [("title", "Give the process a title.")]
    return _grouped([*found, *_phase_date_problems(terms.phase_dates)])


def _ballot_problems(terms: ProcessTerms) -> list[tuple[str, str]]:
    found = []
    if terms.ballot_type not in PLATFORM_BALLOT_TYPES:
        found.append(("ballot_type", "Choose approval, cumulative or ordinal ballots."))
    if terms.ballot_type == "cumulative":
        if not terms.points_to_spread:
            found.append(
                ("points_to_spread", "A cumulative ballot needs a number of points to spread.")
            )
        elif (terms.max_points_per_project or 0) > terms.points_to_spread:
            found.append(
                (
                    "max_points_per_project",
                    "The most points for one project cannot be more than the points to spread.",
                )
            )
    if terms.max_projects is not None and terms.max_projects < max(terms.min_projects, 1):
        found.append(
            ("max_projects", "The most projects must be at least the fewest, and at least 1.")
        )
    if terms.max_total_cost_pence is not None and terms.max_total_cost_pence <= 0:
        found.append(
            ("max_total_cost_pence", "The most a voter may choose must cost more than zero.")
        )
    return found


def _rule_problems(terms: ProcessTerms) -> list[tuple[str, str]]:
    if terms.rule not in RULE_NAMES:
        return [("rule", f"Choose a counting rule: {', '.join(RULE_NAMES)}.")]
    if terms.rule == OFFICIAL and terms.official_rule not in OFFICIAL_RULES:
        return [("official_rule", f"Choose the city rule: {', '.join(OFFICIAL_RULES)}.")]
    if not rule_fits_ballot(terms.rule, terms.ballot_type):
        return [("rule", f"The {terms.rule} rule counts approval ballots only.")]
    return []


def _phase_date_problems(dates: Iterable[PhaseDate]) -> list[tuple[str, str]]:
    # Each planned date must follow the latest good one before it; an unplanned phase is skipped.
    found = []
    latest: PhaseDate | None = None
    for date in dates:
        if date.when is None:
            continue
        if latest is not None and latest.when is not None and date.when <= latest.when:
            found.append((date.name, f"{date.label} must be after {latest.label.lower()}."))
        else:
            latest = date
    return found


def _heading_problems(
    terms: ProcessTerms, headings: tuple[HeadingTerms, ...]
) -> list[tuple[str, str]]:
    found = []
    names = [heading.name.strip() for heading in headings]
    if len(set(names)) != len(names) or not all(names):
        found.append(("headings", "Each heading needs its own name."))
    if any(heading.budget_pence < 0 for heading in headings):
        found.append(("headings", "A heading's budget cannot be negative."))
    total = sum(heading.budget_pence for heading in headings)
    if total > terms.budget_pence:
        found.append(
            (
                "headings",
                f"The headings' budgets add up to {format_pence(total)}, more than the whole "
                f"budget of {format_pence(terms.budget_pence)}.",
            )
        )
    for heading in headings:
        if (
            heading.ward_name is not None
            and terms.district_id
            and heading.ward_district_id != terms.district_id
        ):
            found.append(("headings", f"{heading.ward_name} is not in {terms.district_name}."))
    return found


def _grouped(found: list[tuple[str, str]]) -> Problems:
    problems: Problems = {}
    for field, message in found:
        problems.setdefault(field, []).append(message)
    return problems
