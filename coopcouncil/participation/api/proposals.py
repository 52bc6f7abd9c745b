"""Proposals and projects: submitting, the feasibility review, the ballot paper, delivery."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.errors import NotFound
from coopcouncil.participation import selectors, services
from coopcouncil.participation.api.schemas import (
    DeliveryIn,
    ProjectDeliveryOut,
    ProjectOut,
    ProposalIn,
    ReviewIn,
)
from coopcouncil.places import selectors as places

router = Router()


@router.get(
    "/processes/{process_id}/projects",
    response=list[ProjectOut],
    operation_id="coopcouncil_participation_api_project_list",
)
def project_list(request: HttpRequest, process_id: int):
    """The ballot paper: projects found feasible."""
    return selectors.ballot_projects(selectors.process_get(process_id))


@router.get(
    "/processes/{process_id}/proposals",
    response=list[ProjectOut],
    operation_id="coopcouncil_participation_api_proposal_list",
)
def proposal_list(request: HttpRequest, process_id: int, status: str = ""):
    """Every proposal with its review decision and reason, published for transparency."""
    return selectors.project_list(selectors.process_get(process_id), status=status)


@router.post(
    "/processes/{process_id}/proposals",
    response={201: ProjectOut},
    auth=django_auth,
    operation_id="coopcouncil_participation_api_proposal_submit",
    # OpenAPI links: the process's proposals, and the clerk's review of the new one.
    openapi_extra={
        "responses": {
            201: {
                "links": {
                    "proposals": {
                        "operationId": "coopcouncil_participation_api_proposal_list",
                        "parameters": {"process_id": "$request.path.process_id"},
                    },
                    "review": {
                        "operationId": "coopcouncil_participation_api_proposal_review",
                        "parameters": {
                            "process_id": "$request.path.process_id",
                            "project_id": "$response.body#/id",
                        },
                    },
                }
            }
        }
    },
)
def proposal_submit(request: HttpRequest, process_id: int, payload: ProposalIn):
    process = selectors.process_get(process_id)
    heading = None
    if payload.heading:
        heading = process.headings.filter(name=payload.heading).first()
        if heading is None:
            raise NotFound("pb_heading_unknown", gettext("There is no such heading."), "heading")
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
    operation_id="coopcouncil_participation_api_proposal_review",
)
def proposal_review(request: HttpRequest, process_id: int, project_id: int, payload: ReviewIn):
    project = selectors.project_get(selectors.process_get(process_id), project_id)
    return services.proposal_review(actor=request.user, project=project, **payload.dict())


@router.get(
    "/processes/{process_id}/delivery",
    response=list[ProjectDeliveryOut],
    operation_id="coopcouncil_participation_api_delivery_list",
)
def delivery_list(request: HttpRequest, process_id: int):
    return selectors.delivery_list(selectors.process_get(process_id))


@router.put(
    "/processes/{process_id}/projects/{project_id}/delivery",
    response=ProjectDeliveryOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_delivery_update",
)
def delivery_update(request: HttpRequest, process_id: int, project_id: int, payload: DeliveryIn):
    project = selectors.project_get(selectors.process_get(process_id), project_id)
    return services.delivery_update(actor=request.user, project=project, **payload.dict())
