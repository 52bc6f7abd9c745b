"""Database → Election: a process's projects and ballots as one Pabulib election."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from django.utils import timezone

from coopcouncil.participation.logic.election import (
    CARDINAL_VOTE_TYPES,
    Election,
    Layout,
    Vote,
)
from coopcouncil.participation.logic.election import Project as ElectionProject
from coopcouncil.participation.logic.pabulib import format_number, parse_number
from coopcouncil.participation.models import Ballot, PBProcess, Project
from coopcouncil.participation.pabulib_adapter.terms import (
    CONSTRAINT_KEYS,
    MONEY_CONSTRAINTS,
    meta_rule,
    number_or_none,
    units,
)


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
        # Each project's heading names its category: joined, not read project by project.
        projects = list(
            process.projects.filter(status=Project.Status.FEASIBLE).select_related("heading")
        )
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
    supporters = supporter_counts(votes)
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


def supporter_counts(votes: Sequence[Vote]) -> dict[str, int]:
    """How many votes include each project (a project listed twice in a vote counts once)."""
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
        if number_or_none(meta.get("budget", "")) != units(process.budget_pence):
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
