"""Participatory-budgeting endpoints, mounted at /api/v1/pb/.

Reading processes, projects, results and delivery is public; proposing, reviewing, voting and
running a process need a signed-in account (session + CSRF) and the permission layer's yes.
Money is integer pence.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.security import django_auth
from pydantic import ConfigDict

from coopcouncil.core.errors import NotFound
from coopcouncil.participation import selectors, services
from coopcouncil.participation.models import PHASE_DATES, PBProcess
from coopcouncil.places import selectors as places

router = Router(tags=["participatory budgeting"])


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


class ResultOut(Schema):
    id: int
    rule: str
    winners: list[str]
    budget_used_pence: int
    budget_left_pence: int
    voter_count: int
    computed_at: datetime
    explanation: dict
    summary: dict


class DeliveryIn(Schema):
    status: str
    spent_pence: int = Field(..., ge=0)
    note: str = ""


class DeliveryOut(Schema):
    project: int = Field(..., alias="project_id")
    code: str = Field(..., alias="project.code")
    title: str = Field(..., alias="project.title")
    status: str
    spent_pence: int
    note: str
    updated_at: datetime


class BirthDateIn(Schema):
    date_of_birth: date


def _process(process_id: int) -> PBProcess:
    return selectors.process_get(process_id)


def _heading_plans(headings: list[dict]) -> tuple[services.HeadingPlan, ...]:
    # `.get`: a PATCH body dumped with exclude_unset leaves out a heading's unsent ward.
    return tuple(
        services.HeadingPlan(
            name=h["name"],
            budget_pence=h["budget_pence"],
            ward=places.ward_get(h["ward"]) if h.get("ward") else None,
        )
        for h in headings
    )


def _aware(when: datetime | None) -> datetime | None:
    # A date without an offset is council time, as on the web form; mixing naive and aware
    # dates would break the phase-order check.
    return timezone.make_aware(when) if when is not None and timezone.is_naive(when) else when


@router.get("/processes", response=list[ProcessOut])
def process_list(request: HttpRequest, district: str = "", phase: str = ""):
    area = places.district_get(district) if district else None
    return selectors.process_list(district=area, phase=phase).prefetch_related("headings__ward")


@router.post("/processes", response={201: ProcessOut}, auth=django_auth)
def process_create(request: HttpRequest, payload: ProcessIn):
    data = payload.dict()
    headings = _heading_plans(data.pop("headings"))
    district = data.pop("district")
    close_at = data.pop("voting_close_at")
    process = services.process_create(
        actor=request.user,
        district=places.district_get(district) if district else None,
        headings=headings,
        dates={"voting_close_at": close_at} if close_at else None,
        **data,
    )
    return 201, selectors.process_get(process.pk)


@router.get("/processes/{process_id}", response=ProcessOut)
def process_detail(request: HttpRequest, process_id: int):
    return _process(process_id)


@router.patch("/processes/{process_id}", response=ProcessOut, auth=django_auth)
def process_update(request: HttpRequest, process_id: int, payload: ProcessPatch):
    """Change only the fields sent: the same rules as the web edit form. Once voting opens,
    the voting terms (budget, headings, area, ballot type and limits, rule, minimum age) are
    fixed (409 `pb_voting_terms_fixed`); the title, description and dates may still change."""
    process = _process(process_id)
    data = payload.dict(exclude_unset=True)
    dates = {name: _aware(data.pop(name)) for name in PHASE_DATES if name in data}
    headings = _heading_plans(data.pop("headings")) if "headings" in data else None
    if "district" in data:
        slug = data.pop("district")
        data["district"] = places.district_get(slug) if slug else None
    services.process_update(
        actor=request.user, process=process, headings=headings, dates=dates, **data
    )
    return selectors.process_get(process.pk)


@router.post("/processes/{process_id}/advance", response=PhaseOut, auth=django_auth)
def process_advance(request: HttpRequest, process_id: int):
    """Move to the next phase (proposals → review → voting; results → delivery)."""
    return {
        "phase": services.process_phase_advance(actor=request.user, process=_process(process_id))
    }


@router.post("/processes/{process_id}/close-voting", response=ResultOut, auth=django_auth)
def process_close_voting(request: HttpRequest, process_id: int):
    """Close voting, count the ballots under the process's rule and publish the result."""
    return services.voting_close(actor=request.user, process=_process(process_id))


@router.get("/processes/{process_id}/projects", response=list[ProjectOut])
def project_list(request: HttpRequest, process_id: int):
    """The ballot paper: projects found feasible."""
    return selectors.ballot_projects(_process(process_id))


@router.get("/processes/{process_id}/proposals", response=list[ProjectOut])
def proposal_list(request: HttpRequest, process_id: int, status: str = ""):
    """Every proposal with its review decision and reason, published for transparency."""
    return selectors.project_list(_process(process_id), status=status)


@router.post("/processes/{process_id}/proposals", response={201: ProjectOut}, auth=django_auth)
def proposal_submit(request: HttpRequest, process_id: int, payload: ProposalIn):
    process = _process(process_id)
    heading = None
    if payload.heading:
        heading = process.headings.filter(name=payload.heading).first()
        if heading is None:
            raise NotFound("pb_heading_unknown", "There is no such heading.", "heading")
    group = None
    if payload.community_group:
        from coopcouncil.people.selectors import organisation_get

        group = organisation_get(payload.community_group)
    project = services.proposal_submit(
        actor=request.user,
        process=process,
        title=payload.title,
        description=payload.description,
        estimated_cost_pence=payload.estimated_cost_pence,
        ward=places.ward_get(payload.ward) if payload.ward else None,
        heading=heading,
        community_group=group,
    )
    return 201, project


@router.post(
    "/processes/{process_id}/proposals/{project_id}/review",
    response=ProjectOut,
    auth=django_auth,
)
def proposal_review(request: HttpRequest, process_id: int, project_id: int, payload: ReviewIn):
    project = selectors.project_get(_process(process_id), project_id)
    return services.proposal_review(actor=request.user, project=project, **payload.dict())


@router.get("/processes/{process_id}/ballot", response=BallotOut, auth=django_auth)
def ballot_detail(request: HttpRequest, process_id: int):
    """The signed-in voter's own ballot."""
    ballot = selectors.ballot_of(_process(process_id), request.user)
    if ballot is None:
        raise NotFound("pb_no_ballot", "You have not voted in this process.")
    return ballot


@router.put("/processes/{process_id}/ballot", response=BallotOut, auth=django_auth)
def ballot_cast(request: HttpRequest, process_id: int, payload: BallotIn):
    """Cast or change one's ballot while voting is open; a ballot breaking the rules is refused."""
    return services.ballot_cast(
        voter=request.user,
        process=_process(process_id),
        choices=payload.choices,
        points=payload.points,
    )


@router.put("/me/date-of-birth", response={204: None}, auth=django_auth)
def birth_date_give(request: HttpRequest, payload: BirthDateIn):
    """Give one's date of birth, needed only to check a PB minimum voting age."""
    services.voter_date_of_birth_give(user=request.user, date_of_birth=payload.date_of_birth)
    return 204, None


@router.get("/processes/{process_id}/results", response=ResultOut)
def result_detail(request: HttpRequest, process_id: int):
    """The latest published count, with the rule's explanation for every project."""
    result = selectors.result_latest(_process(process_id))
    if result is None:
        raise NotFound("pb_no_result", "This process has not been counted yet.")
    return result


@router.get("/processes/{process_id}/delivery", response=list[DeliveryOut])
def delivery_list(request: HttpRequest, process_id: int):
    return selectors.delivery_list(_process(process_id))


@router.put(
    "/processes/{process_id}/projects/{project_id}/delivery",
    response=DeliveryOut,
    auth=django_auth,
)
def delivery_update(request: HttpRequest, process_id: int, project_id: int, payload: DeliveryIn):
    project = selectors.project_get(_process(process_id), project_id)
    return services.delivery_update(actor=request.user, project=project, **payload.dict())


@router.get("/processes/{process_id}/pabulib", response={200: str})
def pabulib_export(request: HttpRequest, process_id: int):
    """The process as a Pabulib `.pb` file (https://pabulib.org/format)."""
    process = _process(process_id)
    response = HttpResponse(
        selectors.process_pabulib_text(process), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="pb-process-{process.pk}.pb"'
    return response
