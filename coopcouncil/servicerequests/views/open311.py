"""The Open311 GeoReport v2 endpoint at /open311/v2/: an adapter over the same selectors and
services the web pages use. Field reference: shared/standards/open311-georeport-v2.md.

Every resource answers as ``.json`` or ``.xml``. Reading needs no key; ``POST requests``
needs an ``api_key`` (and a call that gives one counts against that key's rate limit).
Errors are the spec's list of ``{code, description}`` with 400, 403, 404 (or 429 past the
rate limit).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coopcouncil.core.errors import DomainError
from coopcouncil.people.selectors import Actor
from coopcouncil.servicerequests import selectors, services
from coopcouncil.servicerequests.logic.open311 import (
    FilterInvalid,
    Open311Error,
    RequestFilters,
    errors_document,
    request_filters,
    w3c_datetime,
    xml_document,
)
from coopcouncil.servicerequests.models import ServiceCategory, Stage

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def _answer(
    fmt: str, content: Any, *, root: str, item: str | None, status: int = 200
) -> HttpResponse:
    if fmt == "json":
        body: str | bytes = json.dumps(content, ensure_ascii=False)
    else:
        body = xml_document(root, item, content)
    return HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=status)


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    rows = errors_document([Open311Error(status, description)])
    return _answer(fmt, rows, root="errors", item="error", status=status)


def open311_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a rule's refusal or a bad filter in the spec's error form, in the asked format."""

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        try:
            key = request.POST.get("api_key", "") if request.method == "POST" else ""
            key = key or request.GET.get("api_key", "")
            if key or request.method == "POST":
                request.open311_key = services.api_key_authenticate(key=key)  # type: ignore[attr-defined]
            return view(request, *args, fmt=fmt, **kwargs)
        except FilterInvalid as error:
            return _error(fmt, 400, error.message)
        except DomainError as error:
            status = error.status if error.status in (403, 404, 429) else 400
            return _error(fmt, status, error.message)

    return answer


def _service_row(category: ServiceCategory) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def _when(value: datetime | None) -> str | None:
    return w3c_datetime(timezone.localtime(value)) if value is not None else None


def _request_row(request: HttpRequest, row: dict) -> dict:
    """One request as the spec's fields, from a row of ``selectors.open311_requests``."""
    media = (
        request.build_absolute_uri(reverse("servicerequests:photo", args=[row["pk"]]))
        if row["photo"]
        else None
    )
    return {
        "service_request_id": str(row["pk"]),
        "status": "closed" if row["stage"] == Stage.CLOSED else "open",
        "status_notes": row["status_notes"] or None,
        "service_name": row["category__name"],
        "service_code": row["category__code"],
        "description": row["description"] or None,
        "agency_responsible": row["agency_responsible"] or None,
        "service_notice": None,
        "requested_datetime": _when(row["requested_at"]),
        "updated_datetime": _when(row["updated_at"]),
        "expected_datetime": _when(row["expected_at"]),
        "address": row["address"] or f"{row['ward__name']}, {row['district__name']}",
        "address_id": None,
        "zipcode": row["postcode"] or None,
        "lat": float(row["latitude"]),
        "long": float(row["longitude"]),
        "media_url": media,
    }


@require_http_methods(["GET"])
@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    changed = selectors.open_data_last_updated() or timezone.now()
    changeset = w3c_datetime(timezone.localtime(changed))
    content = {
        "changeset": changeset,
        "contact": gettext("Ask the council's digital team for help with this endpoint."),
        "key_service": gettext("API keys are issued by the council's administrators."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri("/open311/v2"),
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return _answer(fmt, content, root="discovery", item=None)


@require_http_methods(["GET"])
@open311_view
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [_service_row(c) for c in selectors.category_list()]
    return _answer(fmt, rows, root="services", item="service")


@require_http_methods(["GET"])
@open311_view
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    category = selectors.category_get(code)
    content = {
        "service_code": category.code,
        "attributes": [
            {
                "variable": a.get("variable", True),
                "code": a["code"],
                "datatype": a["datatype"],
                "required": a.get("required", False),
                "datatype_description": a.get("datatype_description", ""),
                "order": a.get("order", 1),
                "description": a.get("description", ""),
                **({"values": a["values"]} if "values" in a else {}),
            }
            for a in sorted(category.attributes, key=lambda a: a.get("order", 1))
        ],
    }
    return _answer(fmt, content, root="service_definition", item=None)


def _posted_attributes(request: HttpRequest) -> dict:
    """``attribute[CODE]=v`` and, for multivaluelist, ``attribute[CODE][]=v1&...``."""
    answers: dict[str, Any] = {}
    for name in request.POST:
        if not name.startswith("attribute["):
            continue
        code = name[len("attribute[") :].split("]", 1)[0]
        values = request.POST.getlist(name)
        answers[code] = values if name.endswith("[]") else values[-1]
    return answers


def _report(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    code = data.get("service_code", "").strip()
    if not code:
        return _error(fmt, 400, gettext("service_code is required."))
    category = selectors.category_get(code)
    if data.get("address_id", "").strip() and not (
        data.get("lat", "").strip() or data.get("address_string", "").strip()
    ):
        return _error(fmt, 400, gettext("Send lat and long, or an address_string with a postcode."))
    location = services.location_find(
        latitude=data.get("lat", ""),
        longitude=data.get("long", ""),
        address_text=data.get("address_string", ""),
    )
    actor: Actor = request.user  # an Open311 client posts for an anonymous reporter
    report = services.service_request_report(
        actor=actor,
        category=category,
        description=data.get("description", ""),
        location=location,
        attributes=_posted_attributes(request),
        api_key=request.open311_key,  # type: ignore[attr-defined]
        contact_email=data.get("email", ""),
    )
    rows = [{"service_request_id": str(report.pk), "service_notice": None, "account_id": None}]
    return _answer(fmt, rows, root="service_requests", item="request")


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311_view
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _report(request, fmt)
    filters = request_filters(request.GET, now=timezone.now())
    rows = [_request_row(request, r) for r in selectors.open311_requests(filters)]
    return _answer(fmt, rows, root="service_requests", item="request")


@require_http_methods(["GET"])
@open311_view
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    rows = selectors.open311_requests(RequestFilters(service_request_ids=(request_id,)))
    if not rows:
        selectors.request_get(request_id)  # raises the 404 with its message
    return _answer(fmt, [_request_row(request, rows[0])], root="service_requests", item="request")


@require_http_methods(["GET"])
@open311_view
def token_detail(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    report = selectors.request_by_token(token)
    rows = [{"service_request_id": str(report.pk), "token": report.token}]
    return _answer(fmt, rows, root="service_requests", item="request")
