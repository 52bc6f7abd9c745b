"""Opening, reading, editing and moving on a PB process, and its Pabulib export."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.security import django_auth

from coopcouncil.core.caching import shared_read, url_record_id
from coopcouncil.participation import selectors, services
from coopcouncil.participation.api.schemas import (
    PhaseOut,
    ProcessIn,
    ProcessOut,
    ProcessPatch,
    ResultOut,
)
from coopcouncil.participation.models import PHASE_DATES
from coopcouncil.places import selectors as places

router = Router()


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


@router.get(
    "/processes",
    response=list[ProcessOut],
    operation_id="coopcouncil_participation_api_process_list",
)
def process_list(request: HttpRequest, district: str = "", phase: str = ""):
    area = places.district_get(district) if district else None
    return selectors.process_list(district=area, phase=phase).prefetch_related("headings__ward")


@router.post(
    "/processes",
    response={201: ProcessOut},
    auth=django_auth,
    operation_id="coopcouncil_participation_api_process_create",
)
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


@router.get(
    "/processes/{process_id}",
    response=ProcessOut,
    operation_id="coopcouncil_participation_api_process_detail",
)
@shared_read(lambda process_id: selectors.process_page_topics(url_record_id(process_id)))
def process_detail(request: HttpRequest, process_id: int):
    return selectors.process_get(process_id)


@router.patch(
    "/processes/{process_id}",
    response=ProcessOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_process_update",
)
def process_update(request: HttpRequest, process_id: int, payload: ProcessPatch):
    """Change only the fields sent: the same rules as the web edit form. Once voting opens,
    the voting terms (budget, headings, area, ballot type and limits, rule, minimum age) are
    fixed (409 `pb_voting_terms_fixed`); the title, description and dates may still change."""
    process = selectors.process_get(process_id)
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


@router.post(
    "/processes/{process_id}/advance",
    response=PhaseOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_process_advance",
)
def process_advance(request: HttpRequest, process_id: int):
    """Move to the next phase (proposals → review → voting; results → delivery)."""
    return {
        "phase": services.process_phase_advance(
            actor=request.user, process=selectors.process_get(process_id)
        )
    }


@router.post(
    "/processes/{process_id}/close-voting",
    response=ResultOut,
    auth=django_auth,
    operation_id="coopcouncil_participation_api_process_close_voting",
)
def process_close_voting(request: HttpRequest, process_id: int):
    """Close voting, count the ballots under the process's rule and publish the result."""
    return services.voting_close(actor=request.user, process=selectors.process_get(process_id))


@router.get(
    "/processes/{process_id}/pabulib",
    response={200: str},
    operation_id="coopcouncil_participation_api_pabulib_export",
)
def pabulib_export(request: HttpRequest, process_id: int):
    """The process as a Pabulib `.pb` file (https://pabulib.org/format)."""
    process = selectors.process_get(process_id)
    response = HttpResponse(
        selectors.process_pabulib_text(process), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="pb-process-{process.pk}.pb"'
    return response
