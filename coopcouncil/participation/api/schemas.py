"""What the PB endpoints read and write: processes, projects, ballots, results, delivery."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from coopcouncil.participation import selectors
from coopcouncil.participation.models import Result


class HeadingOut(Schema):
    name: str
    kind: str
    ward: str | None = Field(None, alias="ward.slug")
    budget_pence: int


class ProcessOut(Schema):
    id: int
    title: str
    description: str
    district: str | None = Field(None, alias="district.slug")
    budget_pence: int
    currency: str
    phase: str
    ballot_type: str
    rule: str
    official_rule: str
    min_projects: int
    max_projects: int | None
    max_total_cost_pence: int | None
    points_to_spread: int | None
    max_points_per_project: int | None
    min_voter_age: int
    proposals_open_at: datetime | None
    review_open_at: datetime | None
    voting_open_at: datetime | None
    voting_close_at: datetime | None
    results_at: datetime | None
    delivery_at: datetime | None
    is_imported: bool
    headings: list[HeadingOut]


class HeadingIn(Schema):
    name: str
    budget_pence: int = Field(..., ge=0)
    ward: str | None = Field(None, description="Ward slug, for a per-ward heading")


class ProcessIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    district: str | None = Field(None, description="District slug; empty for the borough")
    budget_pence: int = Field(..., gt=0)
    ballot_type: str = "approval"
    rule: str = ""
    official_rule: str = ""
    min_projects: int = Field(0, ge=0)
    max_projects: int | None = Field(None, ge=1)
    max_total_cost_pence: int | None = Field(None, ge=0)
    points_to_spread: int | None = Field(None, ge=1)
    max_points_per_project: int | None = Field(None, ge=1)
    min_voter_age: int | None = Field(None, ge=0, le=120)
    voting_close_at: datetime | None = None
    headings: list[HeadingIn] = []


class ProcessPatch(Schema):
    """Only the fields sent change. Fields typed without `None` refuse an explicit null
    (their `None` default is never validated, so it only marks "not sent"); `headings`,
    when sent, replaces them all; a date sent as null clears it."""

    model_config = ConfigDict(extra="forbid")  # A misspelt field must not "succeed" silently.

    title: str = Field(None, min_length=1, max_length=200)
    description: str = Field(None)
    district: str | None = Field(None, description="District slug; null for the borough")
    budget_pence: int = Field(None, gt=0)
    ballot_type: str = Field(None)
    rule: str = Field(None)
    official_rule: str = Field(None)
    min_projects: int = Field(None, ge=0)
    max_projects: int | None = Field(None, ge=1)
    max_total_cost_pence: int | None = Field(None, ge=0)
    points_to_spread: int | None = Field(None, ge=1)
    max_points_per_project: int | None = Field(None, ge=1)
    min_voter_age: int = Field(None, ge=0, le=120)
    proposals_open_at: datetime | None = None
    review_open_at: datetime | None = None
    voting_open_at: datetime | None = None
    voting_close_at: datetime | None = None
    results_at: datetime | None = None
    delivery_at: datetime | None = None
    headings: list[HeadingIn] = Field(None)


class ProjectOut(Schema):
    id: int
    code: str
    title: str
    description: str
    ward: str | None = Field(None, alias="ward.slug")
    heading: str | None = Field(None, alias="heading.name")
    estimated_cost_pence: int
    final_cost_pence: int | None
    status: str
    review_reason: str
    community_group: str | None = Field(None, alias="community_group.slug")


class ProposalIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    estimated_cost_pence: int = Field(..., gt=0)
    ward: str | None = None
    heading: str | None = None
    community_group: str | None = Field(None, description="Organisation slug")


class ReviewIn(Schema):
    is_feasible: bool
    reason: str = Field(..., min_length=1)
    final_cost_pence: int | None = Field(None, gt=0)


class BallotIn(Schema):
    choices: list[str] = Field([], description="Project codes; in rank order for ordinal")
    points: dict[str, int] | None = Field(None, description="Cumulative: points per code")


class BallotOut(Schema):
    process: int = Field(..., alias="process_id")
    choices: list[str]
    points: list[int | str] | None
    changed_at: datetime


class PhaseOut(Schema):
    phase: str


class TieOut(Schema):
    heading: str
    projects: list[str] = Field(..., description="Codes of the tied projects, in tie-break order")
    support: str = Field(..., description="The score they tied on, as an exact decimal")
    measure: str = Field(..., description="votes, points or votes-per-cost")
    broken_by: list[str] = Field(..., description="Tie-break steps used: lower-cost, smaller-id")
    funded: list[str]
    sentence: str


class ResultOut(Schema):
    id: int
    rule: str
    winners: list[str]
    budget_used_pence: int
    budget_left_pence: int
    voter_count: int
    computed_at: datetime
    ties: list[TieOut] = Field(..., description="Equal scores whose tie-break decided a fate")
    explanation: dict
    summary: dict

    @staticmethod
    def resolve_ties(result: Result) -> list[selectors.ResultTie]:
        return selectors.result_ties(result)


class DeliveryIn(Schema):
    status: str
    spent_pence: int = Field(..., ge=0)
    note: str = ""


class ProjectDeliveryOut(Schema):
    project: int = Field(..., alias="project_id")
    code: str = Field(..., alias="project.code")
    title: str = Field(..., alias="project.title")
    status: str
    spent_pence: int
    note: str
    updated_at: datetime


class BirthDateIn(Schema):
    date_of_birth: date
