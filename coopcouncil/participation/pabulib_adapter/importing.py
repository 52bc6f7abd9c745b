"""Election → database: a parsed `.pb` file as unsaved process, project and ballot rows."""

from __future__ import annotations

from dataclasses import dataclass

from coopcouncil.participation.logic.election import Election
from coopcouncil.participation.logic.official import OFFICIAL_RULES
from coopcouncil.participation.logic.pabulib import format_number
from coopcouncil.participation.models import Ballot, PBProcess, Project
from coopcouncil.participation.pabulib_adapter.terms import (
    CONSTRAINT_KEYS,
    MONEY_CONSTRAINTS,
    OFFICIAL,
    number_or_none,
    pence,
)


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
        value = number_or_none(meta.get(key, ""))
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
