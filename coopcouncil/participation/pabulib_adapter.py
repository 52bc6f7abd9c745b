"""Pabulib adapter: database rows ↔ the logic package's `Election`, and counting a process.

The logic package (`participation.logic`) knows nothing of Django: it counts `Election`
dataclasses. This module builds them from a process's projects and ballots, and turns a parsed
`.pb` file back into unsaved model instances for the import service. Money in the database is
integer pence (minor units); in an `Election` it is whole currency units as an exact
`Fraction` (pence / 100), so counting a process and counting its exported file agree exactly,
including rules that step the budget one currency unit at a time.

Data the platform does not model (extra META keys, PROJECTS and VOTES columns, line endings)
is kept on the rows of an imported process, so `.pb` → import → export gives the same election.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone

from coopcouncil.participation.logic.counting import count_election, outcome_as_json
from coopcouncil.participation.logic.election import (
    CARDINAL_VOTE_TYPES,
    Election,
    Layout,
    Vote,
)
from coopcouncil.participation.logic.election import Project as ElectionProject
from coopcouncil.participation.logic.official import OFFICIAL_RULES
from coopcouncil.participation.logic.outcome import Outcome
from coopcouncil.participation.logic.pabulib import format_number, parse_number
from coopcouncil.participation.logic.summary import results_summary
from coopcouncil.participation.models import Ballot, BallotType, Heading, PBProcess, Project

OFFICIAL = "official"
# Platform constraints and the META keys Pabulib files use for them.
CONSTRAINT_KEYS = {
    "min_projects": "min_length",
    "max_projects": "max_length",
    "max_total_cost_pence": "max_sum_cost",
    "points_to_spread": "max_sum_points",
    "max_points_per_project": "max_points",
}
MONEY_CONSTRAINTS = ("max_total_cost_pence",)


def units(pence: int) -> Fraction:
    """Pence (minor units) as exact currency units."""
    return Fraction(int(pence), 100)


def pence(amount: Fraction) -> int:
    """Exact currency units as pence; ValueError when the amount has a fraction of a penny."""
    scaled = Fraction(amount) * 100
    if scaled.denominator != 1:
        raise ValueError(f"{format_number(amount)} is not a whole number of pence")
    return int(scaled)


def meta_rule(process: PBProcess) -> str:
    """The META `rule` of the process: the city rule for `official`, else the rule's name."""
    return process.official_rule if process.rule == OFFICIAL else process.rule


# --- Database → Election ----------------------------------------------------------------


def process_election(
    process: PBProcess,
    *,
    projects: Sequence[Project] | None = None,
    ballots: Sequence[Ballot] | None = None,
    funded: Iterable[str] = (),
) -> Election:
    """The whole process as one Pabulib election: projects on the ballot and every ballot.

    `funded` (project codes) fills the PROJECTS `selected` column of a platform process;
    an imported process keeps the file's own `selected` column.
    """
    if projects is None:
        projects = list(process.projects.filter(status=Project.Status.FEASIBLE))
    if ballots is None:
        ballots = list(process.ballots.all())
    funded = set(funded)
    if process.is_imported:
        columns = tuple(process.pabulib_project_columns)
        vote_columns = tuple(process.pabulib_vote_columns)
    else:
        columns = ("project_id", "cost", "votes", "name")
        columns += ("category",) if any(p.heading_id for p in projects) else ()
        columns += ("selected",) if funded else ()
        vote_columns = ("voter_id", "vote")
        if process.ballot_type in CARDINAL_VOTE_TYPES:
            vote_columns += ("points",)
    votes = tuple(ballot_vote(b) for b in ballots)
    supporters = _supporter_counts(votes)
    return Election(
        meta=_meta(process, len(projects), len(votes)),
        projects=tuple(
            _election_project(process, p, supporters.get(p.code, 0), p.code in funded)
            for p in projects
        ),
        votes=votes,
        project_columns=columns,
        vote_columns=vote_columns,
        layout=Layout(**process.pabulib_layout) if process.pabulib_layout else Layout(),
    )


def ballot_vote(ballot: Ballot) -> Vote:
    """One stored ballot as a Pabulib vote (points kept exact)."""
    points = None
    if ballot.points is not None:
        points = tuple(_exact_points(text) for text in ballot.points)
    return Vote(
        voter_id=ballot.voter_ref or str(ballot.pk),
        projects=tuple(ballot.choices),
        points=points,
        extra=tuple(ballot.pabulib_extra),
    )


def _exact_points(value: int | str) -> int | Fraction:
    text = str(value)
    try:
        return int(text)
    except ValueError:
        return parse_number(text)


def _supporter_counts(votes: Sequence[Vote]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for vote in votes:
        for code in dict.fromkeys(vote.projects):
            counts[code] = counts.get(code, 0) + 1
    return counts


def _meta(process: PBProcess, project_count: int, vote_count: int) -> dict[str, str]:
    budget = format_number(units(process.budget_pence))
    if process.is_imported:
        meta = {key: value for key, value in process.pabulib_meta}
        # Keep the file's text unless the platform now holds a different value.
        if _number_or_none(meta.get("budget", "")) != units(process.budget_pence):
            meta["budget"] = budget
        if meta.get("vote_type", "").strip() != process.ballot_type:
            meta["vote_type"] = process.ballot_type
        return meta
    meta = {
        "description": process.title,
        "country": "United Kingdom",
        "unit": process.district.borough.name if process.district_id else "",
        "district": process.district.name if process.district_id else "",
        "instance": str(timezone.localdate(process.created_at).year),
        "num_projects": str(project_count),
        "num_votes": str(vote_count),
        "budget": budget,
        "vote_type": process.ballot_type,
        "rule": meta_rule(process),
        "date_begin": _pabulib_date(process.voting_open_at),
        "date_end": _pabulib_date(process.voting_close_at),
    }
    for field, key in CONSTRAINT_KEYS.items():
        value = getattr(process, field)
        if value is not None and not (field == "min_projects" and value == 0):
            meta[key] = format_number(units(value)) if field in MONEY_CONSTRAINTS else str(value)
    meta.update({"language": "en", "currency": process.currency})
    return {key: value for key, value in meta.items() if value != ""}


def _pabulib_date(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y") if moment else ""


def _number_or_none(text: str) -> Fraction | None:
    try:
        return parse_number(text)
    except (ValueError, ZeroDivisionError):
        return None


def _election_project(
    process: PBProcess, project: Project, supporters: int, is_funded: bool
) -> ElectionProject:
    cost = units(project.cost_pence)
    category = (project.heading.name,) if project.heading_id else ()
    if not process.is_imported:
        columns = {
            "project_id": project.code,
            "cost": format_number(cost),
            "votes": str(supporters),
            "name": project.title,
            "category": category[0] if category else "",
            "selected": "1" if is_funded else "0",
        }
        return ElectionProject(
            project_id=project.code,
            cost=cost,
            name=project.title,
            categories=category,
            selected=1 if is_funded else 0,
            columns=tuple(columns.items()),
        )
    cells = dict(project.pabulib_columns)
    name = cells.get("name", "").strip()
    return ElectionProject(
        project_id=project.code,
        cost=cost,
        # Titles are cut to 200 characters; a cut title still stands for the file's name.
        name=name if project.title == name[:200] else project.title,
        categories=_pabulib_list(cells.get("category", cells.get("categories", ""))),
        targets=_pabulib_list(cells.get("target", cells.get("targets", ""))),
        selected=_whole_or_none(cells.get("selected", "")),
        columns=tuple(tuple(pair) for pair in project.pabulib_columns),
    )


def _pabulib_list(text: str) -> tuple[str, ...]:
    # Pabulib writes an empty list as "" or "None".
    if text.strip().lower() in ("", "none"):
        return ()
    return tuple(item.strip() for item in text.split(","))


def _whole_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


# --- Counting ----------------------------------------------------------------------------


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
    supporters = _supporter_counts(whole.votes)
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


# --- Election → database (import) --------------------------------------------------------


@dataclass(frozen=True)
class ImportedRows:
    """Unsaved rows for a process read from a `.pb` file."""

    process: PBProcess
    projects: list[Project]
    ballots: list[Ballot]


def rows_from_election(election: Election, *, title: str, district, rule: str) -> ImportedRows:
    """Turn a parsed election into unsaved process, project and ballot rows.

    Raises `ValueError` naming the project when a cost is not a whole number of pence.
    """
    meta = dict(election.meta)
    process = PBProcess(
        title=title[:200],
        description=meta.get("description", "")[:2000],
        district=district,
        budget_pence=pence(election.budget),
        currency=meta.get("currency", "").strip()[:3] or "GBP",
        phase="results",
        ballot_type=election.vote_type,
        rule=rule,
        official_rule=meta.get("rule", "").strip()[:40],
        min_voter_age=0,
        pabulib_meta=list(meta.items()),
        pabulib_project_columns=list(election.project_columns),
        pabulib_vote_columns=list(election.vote_columns),
        pabulib_layout={
            "line_ending": election.layout.line_ending,
            "has_byte_order_mark": election.layout.has_byte_order_mark,
            "ends_with_newline": election.layout.ends_with_newline,
        },
        is_imported=True,
    )
    for field, key in CONSTRAINT_KEYS.items():
        value = _number_or_none(meta.get(key, ""))
        if value is not None and value >= 0:
            whole = pence(value) if field in MONEY_CONSTRAINTS else int(value)
            setattr(process, field, whole)
    projects = []
    for item in election.projects:
        try:
            cost = pence(item.cost)
        except ValueError as error:
            raise ValueError(f"project {item.project_id!r}: {error}") from None
        projects.append(
            Project(
                code=item.project_id,
                title=item.name[:200],
                description=item.column("description"),
                estimated_cost_pence=cost,
                final_cost_pence=cost,
                status=Project.Status.FEASIBLE,
                review_reason="Imported from a Pabulib file.",
                pabulib_columns=[list(pair) for pair in item.columns],
            )
        )
    ballots = [
        Ballot(
            voter_ref=vote.voter_id,
            choices=list(vote.projects),
            points=None if vote.points is None else [format_number(p) for p in vote.points],
            pabulib_extra=list(vote.extra),
        )
        for vote in election.votes
    ]
    return ImportedRows(process=process, projects=projects, ballots=ballots)


def default_rule_for(election: Election) -> str:
    """`official` when the file names a city rule we apply, else greedy by cost satisfaction."""
    return OFFICIAL if election.meta.get("rule", "").strip() in OFFICIAL_RULES else "greedy-cost"


def platform_ballot_types() -> tuple[str, ...]:
    """Ballot types a council can open on the platform (the others arrive only by import)."""
    return (BallotType.APPROVAL, BallotType.CUMULATIVE, BallotType.ORDINAL)
