"""The versioned JSON API: one NinjaAPI, one router per domain, one error shape.

Every error body is ``{"detail": ..., "errors": {field: [...]}}`` with a 4xx status:
broken rules come from ``DomainError``; malformed input from ninja's validation,
reshaped here so clients see the same keys either way.
"""

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from coopcouncil.budgets.api import router as budgets_router
from coopcouncil.core.errors import DomainError
from coopcouncil.democracy.api import router as democracy_router
from coopcouncil.opendata.api import router as opendata_router
from coopcouncil.participation.api import router as participation_router
from coopcouncil.people.api import router as people_router
from coopcouncil.places.api import router as places_router

api = NinjaAPI(
    title="coopcouncil API",
    version="1",
    description="Places, people, local democracy, participatory budgeting and devolved money"
    " for a co-operative council. Errors share one body: "
    '`{"detail": "...", "errors": {"field": ["..."]}}`.',
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _field_name(loc: list) -> str:
    # ninja reports ("body", "payload", "field") or ("query", "field"); keep the field.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "form", "payload")]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(error.get("msg", ""))
    return api.create_response(
        request, {"detail": "The request is not valid.", "errors": errors}, status=400
    )


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_body(), status=exc.status)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    # An id or number larger than the database can hold (SQLite raises OverflowError,
    # PostgreSQL DataError): the client sent a value no record can have.
    return api.create_response(
        request, {"detail": "A value in the request is out of range.", "errors": {}}, status=400
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found.", "errors": {}}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in to do this.", "errors": {}}, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc), "errors": {}}, status=exc.status_code)


api.add_router("/", places_router)
api.add_router("/", people_router)
api.add_router("/opendata", opendata_router)
api.add_router("/democracy", democracy_router)
api.add_router("/pb", participation_router)
api.add_router("/budgets", budgets_router)
