"""The versioned JSON API: one NinjaAPI, one router per domain, one error shape.

Every error body is ``{"detail": ..., "code": ..., "errors": {field: [...]}}``: broken rules
come from ``DomainError`` with their own stable code; malformed input from ninja's validation
(``invalid``), a missing object (``not_found``), a missing sign-in (``not_signed_in``), and
what ninja or Django answer themselves (``method_not_allowed``, ``csrf_failed``...) are
reshaped here, so a client can act on ``code`` whichever layer refused.
"""

import inspect
from collections.abc import Callable
from http import HTTPStatus

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from coopcouncil.budgets.api import router as budgets_router
from coopcouncil.coproduction.api import router as coproduction_router
from coopcouncil.core.api import Problem
from coopcouncil.core.caching import public_page
from coopcouncil.core.errors import DomainError, RateLimited
from coopcouncil.democracy.api import router as democracy_router
from coopcouncil.grants.api import router as grants_router
from coopcouncil.insight.api import router as insight_router
from coopcouncil.membership.api import router as membership_router
from coopcouncil.mutuals.api import router as mutuals_router
from coopcouncil.opendata.api import router as opendata_router
from coopcouncil.participation.api import router as participation_router
from coopcouncil.people.api import router as people_router
from coopcouncil.places.api import router as places_router
from coopcouncil.procurement.api import router as procurement_router
from coopcouncil.servicerequests.api import router as servicerequests_router


def _error_statuses(method: str, operation: dict) -> set[int]:
    """The error statuses an operation can answer, from what every endpoint shares.

    A session part-way through a second factor gets 403 anywhere (``people/middleware.py``);
    parameters or a body can be invalid or out of range (400); a path id, or a text filter
    naming a record (``?district=``, ``?ward=``), can name nothing (404); signed-in
    operations refuse the signed-out (401) and the not allowed (403, CSRF too); a write can
    name a missing record in its body (404), break a rule (400) or clash with the current
    state (409); a rate-limited endpoint refuses a caller over its limit (429).
    """
    parameters = operation.get("parameters", [])
    is_write = method not in ("get", "head")
    statuses = {403}
    if parameters or "requestBody" in operation or is_write:
        statuses.add(400)
    if operation.get("security"):
        statuses.add(401)
    if is_write or any(_names_a_record(parameter) for parameter in parameters):
        statuses.add(404)
    if is_write:
        statuses.add(409)
    # An endpoint that calls ``core.ratelimits.rate_limit_request`` says so in its
    # ``openapi_extra``; it answers 429 to a caller over the limit.
    if operation.get("x-rate-limited"):
        statuses.add(429)
    return statuses


# Query-string filters that name a record by its slug or code; an unknown one is 404.
RECORD_FILTERS = frozenset({"district", "ward", "line", "financial_year"})


def _names_a_record(parameter: dict) -> bool:
    """A path parameter, or a query-string filter naming a district, ward, line or year."""
    return parameter["in"] == "path" or (
        parameter["in"] == "query" and parameter["name"] in RECORD_FILTERS
    )


def declare_error_responses(schema: dict) -> None:
    """Declares each operation's error responses with the shared ``Problem`` body.

    Done here, once, rather than in every router, so no endpoint can leave an error out of
    the document; an endpoint still declares any other status it answers (e.g. 429).
    """
    problem = {"$ref": "#/components/schemas/Problem"}
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
        Problem.model_json_schema()
    )
    for path_item in schema["paths"].values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(_error_statuses(method, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": HTTPStatus(status).phrase,
                        "content": {"application/json": {"schema": problem}},
                    },
                )


# A machine client's key, checked by ``people.middleware.ApiKeyMiddleware`` before any endpoint.
API_KEY_SCHEMES = {
    "ApiKeyBearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key (`cck_...`) from /accounts/api-keys/ or"
        " `coopcouncil api-keys create`; it acts as its account, read-only keys only read.",
    },
    "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
}


def declare_api_key_security(schema: dict) -> None:
    """Declares that every signed-in operation also takes an API key instead of the session."""
    schema.setdefault("components", {}).setdefault("securitySchemes", {}).update(API_KEY_SCHEMES)
    for path_item in schema["paths"].values():
        for operation in path_item.values():
            if operation.get("security"):
                operation["security"] += [{name: []} for name in API_KEY_SCHEMES]


class CouncilAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document declares every operation's error responses
    and the API keys that may stand in for a session."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_api_key_security(schema)
        declare_error_responses(schema)
        return schema


api = CouncilAPI(
    title="coopcouncil API",
    version="1",
    description="Places, people, local democracy, participatory budgeting and devolved money"
    " for a co-operative council. Errors share one body: "
    '`{"detail": "...", "code": "...", "errors": {"field": ["..."]}}`; `code` is stable.',
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict:
    return {"detail": detail, "code": code, "errors": errors or {}}


def _status_code_name(status: int) -> str:
    """A stable code for an error that carries none of its own: the HTTP reason, snake_cased."""
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


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
        request, _body(gettext("The request is not valid."), "invalid", errors), status=400
    )


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = api.create_response(request, exc.as_body(), status=exc.status)
    if isinstance(exc, RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    # An id or number larger than the database can hold (SQLite raises OverflowError,
    # PostgreSQL DataError): the client sent a value no record can have.
    detail = gettext("A value in the request is out of range.")
    return api.create_response(request, _body(detail, "out_of_range"), status=400)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, _body(gettext("Not found."), "not_found"), status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = _body(gettext("Sign in to do this."), "not_signed_in")
    return api.create_response(request, body, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own refusals: a body it cannot parse (400), a failed CSRF check (403), throttling.
    code = "csrf_failed" if "csrf" in exc.message.lower() else _status_code_name(exc.status_code)
    return api.create_response(request, _body(str(exc), code), status=exc.status_code)


class ApiErrorBodyMiddleware:
    """Gives the shared error body to API errors that never reach the handlers above.

    ninja answers a method the path does not take (405) itself, and Django answers a path under
    ``/api/`` that names no endpoint (404) and a crash (500) with its HTML pages; a client reading
    JSON gets ``{"detail", "code", "errors"}`` for those too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        code = _status_code_name(response.status_code)
        detail = _PLAIN_ERRORS.get(code) or response.reason_phrase
        reshaped = JsonResponse(_body(str(detail), code), status=response.status_code)
        if response.has_header("Allow"):
            reshaped["Allow"] = response["Allow"]
        return reshaped


_PLAIN_ERRORS = {
    "not_found": gettext_lazy("Not found."),
    "method_not_allowed": gettext_lazy("This address does not take that method."),
    "internal_server_error": gettext_lazy("Something went wrong on our side."),
}


api.add_router("/", places_router)
api.add_router("/", people_router)
api.add_router("/opendata", opendata_router)
api.add_router("/democracy", democracy_router)
api.add_router("/pb", participation_router)
api.add_router("/budgets", budgets_router)
api.add_router("/coproduction", coproduction_router)
api.add_router("/insight", insight_router)
api.add_router("/procurement", procurement_router)
api.add_router("/grants", grants_router)
api.add_router("/service-requests", servicerequests_router)
api.add_router("/mutuals", mutuals_router)
api.add_router("/membership", membership_router)


def api_urls() -> tuple[list, str, str]:
    """The API's URLs, with each path whose GET is marked ``shared_read`` served through the
    public page cache (core/caching.py).

    django-ninja serves all of a path's operations from one view it makes per path, so the
    mark is found on the operations of the path view that view closes over.
    """
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if not inspect.isfunction(pattern.callback):
            continue  # the OpenAPI document and its docs page
        path_view = inspect.getclosurevars(pattern.callback).nonlocals.get("self")
        marked = [
            operation.view_func.page_topics
            for operation in getattr(path_view, "operations", [])
            if "GET" in operation.methods and hasattr(operation.view_func, "page_topics")
        ]
        if marked:
            pattern.callback = public_page(marked[0])(pattern.callback)
    return patterns, app_name, namespace
