"""Counting a process: each heading as its own election, then the published figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from coopcouncil.participation.logic.counting import count_election, outcome_as_json
from coopcouncil.participation.logic.election import Election, Vote
from coopcouncil.participation.logic.outcome import Outcome
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.logic.summary import results_summary
from coopcouncil.participation.models import Ballot, Heading, PBProcess, Project
from coopcouncil.participation.pabulib_adapter.exporting import process_election, supporter_counts
from coopcouncil.participation.pabulib_adapter.terms import units


@dataclass(frozen=True)
class HeadingCount:
    """The count of one heading (or of the whole process when it has none)."""

    heading: str
    budget_pence: int
    election: Election
    outcome: Outcome


@dataclass(frozen=True)
class ProcessCount:
    """A whole count: each heading's outcome, the winners and the published figures."""

    rule: str
    parts: tuple[HeadingCount, ...]
    winners: tuple[str, ...]
    budget_used_pence: int
    budget_left_pence: int
    voter_count: int
    voters_with_funded_project: int
    summary: dict

    def as_json(self) -> dict:
        """The rule's own explanation, heading by heading, with exact decimal strings."""
        return {
            "rule": self.rule,
            "winners": list(self.winners),
            "budget_used_pence": self.budget_used_pence,
            "budget_left_pence": self.budget_left_pence,
            "voters": self.voter_count,
            "voters_with_funded_project": self.voters_with_funded_project,
            "headings": [
                {
                    "heading": part.heading,
                    "budget_pence": part.budget_pence,
                    "outcome": outcome_as_json(part.outcome),
                }
                for part in self.parts
            ],
        }


def process_count(process: PBProcess) -> ProcessCount:
    """Count the stored ballots of `process` under its rule, heading by heading.

    A process without headings is one election. With headings, each heading is counted on its
    own with its own budget and only the ballot choices for its projects; projects without a
    heading share what is left of the process budget. Raises the logic's `UnknownRule` or
    `UnsupportedRule` when the rule does not apply to these ballots.
    """
    projects = list(
        process.projects.filter(status=Project.Status.FEASIBLE).select_related("heading", "ward")
    )
    ballots = list(process.ballots.select_related("ward").order_by("pk"))
    whole = process_election(process, projects=projects, ballots=ballots)
    headings = list(Heading.objects.filter(process=process).order_by("name"))
    groups = [
        (h.name, h.budget_pence, {p.code for p in projects if p.heading_id == h.pk})
        for h in headings
    ]
    rest = {p.code for p in projects if p.heading_id is None}
    if rest or not headings:
        left = process.budget_pence - sum(h.budget_pence for h in headings)
        groups.append(("" if not headings else "Other projects", max(left, 0), rest))
    parts = tuple(
        HeadingCount(name, budget, part, count_election(part, process.rule))
        for name, budget, codes in groups
        for part in [_part_election(whole, codes, budget)]
    )
    winners = tuple(code for part in parts for code in part.outcome.selected)
    cost = {p.code: p.cost_pence for p in projects}
    used = sum(cost[code] for code in winners)
    funded_whole = Outcome(
        rule=process.rule,
        budget=whole.budget,
        selected=winners,
        projects=tuple(result for part in parts for result in part.outcome.projects),
    )
    headline = results_summary(whole, funded_whole)
    return ProcessCount(
        rule=process.rule,
        parts=parts,
        winners=winners,
        budget_used_pence=used,
        budget_left_pence=process.budget_pence - used,
        voter_count=headline.voters,
        voters_with_funded_project=headline.voters_with_funded_project,
        summary=_published_figures(whole, projects, ballots, set(winners)),
    )


def _published_figures(
    whole: Election, projects: Sequence[Project], ballots: Sequence[Ballot], funded: set[str]
) -> dict:
    """Votes per project and the per-ward breakdown, stored with the result snapshot."""
    supporters = supporter_counts(whole.votes)
    points: dict[str, Fraction] = {}
    for vote in whole.votes:
        for code, given in zip(vote.projects, vote.points or (), strict=False):
            points[code] = points.get(code, Fraction(0)) + given
    wards: dict[str, dict] = {}
    for ballot in ballots:
        if ballot.ward_id:
            row = wards.setdefault(ballot.ward.name, _ward_row())
            row["voters"] += 1
    for project in projects:
        if project.ward_id and project.code in funded:
            row = wards.setdefault(project.ward.name, _ward_row())
            row["funded_projects"] += 1
            row["funded_pence"] += project.cost_pence
    return {
        "supporters": supporters,
        "points": {code: format_number(total) for code, total in points.items()},
        "wards": [{"ward": name, **row} for name, row in sorted(wards.items())],
    }


def _ward_row() -> dict:
    return {"voters": 0, "funded_projects": 0, "funded_pence": 0}


def _part_election(whole: Election, codes: set[str], budget_pence: int) -> Election:
    if codes == {p.project_id for p in whole.projects} and units(budget_pence) == whole.budget:
        return whole
    meta = dict(whole.meta)
    meta["budget"] = format_number(units(budget_pence))
    votes = tuple(_vote_within(vote, codes) for vote in whole.votes)
    return Election(
        meta=meta,
        projects=tuple(p for p in whole.projects if p.project_id in codes),
        votes=votes,
        project_columns=whole.project_columns,
        vote_columns=whole.vote_columns,
    )


def _vote_within(vote: Vote, codes: set[str]) -> Vote:
    keep = [i for i, code in enumerate(vote.projects) if code in codes]
    points = None if vote.points is None else tuple(vote.points[i] for i in keep)
    return Vote(vote.voter_id, tuple(vote.projects[i] for i in keep), points, vote.extra)
