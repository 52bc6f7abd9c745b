"""Endpoints for budget monitoring: commitments, spend imports and the variance report."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth

from coopcouncil.budgets import selectors, services
from coopcouncil.budgets.models import Commitment, CostCentre
from coopcouncil.budgets.selectors import CommitmentSource
from coopcouncil.core.errors import NotFound
from coopcouncil.places import selectors as places

router = Router(tags=["budgets: monitoring"])


class SpendCommitmentIn(Schema):
    district: str
    line: str
    amount_pence: int
    description: str
    committed_on: date
    decision_id: int | None = None
    ward: str = ""


class SpendCommitmentOut(Schema):
    id: int
    district: str
    line: str
    ward: str | None
    amount_pence: int
    description: str
    committed_on: date
    decision_id: int | None
    source: str
    pb_project_id: int | None
    ward_allocation_id: int | None

    @staticmethod
    def resolve_district(commitment: Commitment) -> str:
        return commitment.district.slug

    @staticmethod
    def resolve_ward(commitment: Commitment) -> str | None:
        return commitment.ward.slug if commitment.ward_id else None

    @staticmethod
    def resolve_line(commitment: Commitment) -> str:
        return commitment.line.slug


class SpendImportIn(Schema):
    csv: str
    file_name: str = ""


class SpendImportOut(Schema):
    id: int
    file_name: str
    row_count: int
    total_pence: int


class VarianceOut(Schema):
    district: str
    district_name: str
    line: str
    line_name: str
    budget_pence: int
    commitments_pence: int
    actual_pence: int
    variance_pence: int
    variance_percent: str | None
    is_overspent: bool


class WardVarianceOut(Schema):
    district: str
    ward: str
    ward_name: str
    line: str
    line_name: str
    budget_pence: int
    commitments_pence: int
    actual_pence: int
    variance_pence: int
    variance_percent: str | None
    is_overspent: bool


class QuarterOut(Schema):
    quarter: str
    district: str
    line: str
    actual_pence: int


class MonitoringOut(Schema):
    financial_year: str
    variances: list[VarianceOut]
    wards: list[WardVarianceOut]
    quarters: list[QuarterOut]
    totals: dict[str, int]


def _decision(decision_id: int | None):
    if decision_id is None:
        return None
    from coopcouncil.democracy.selectors import decision_get

    try:
        return decision_get(decision_id, include_drafts=True)
    except NotFound as error:
        raise NotFound(error.code, error.message, "decision_id") from None


@router.get("/commitments", response=list[SpendCommitmentOut], summary="Commitments, newest first")
def commitment_list(request: HttpRequest, district: str = ""):
    return selectors.commitment_list(district=places.district_get(district) if district else None)


@router.post(
    "/commitments",
    response={201: SpendCommitmentOut},
    auth=django_auth,
    summary="Record a commitment (finance, or the district's own team)",
)
def commitment_create(request: HttpRequest, payload: SpendCommitmentIn):
    return 201, services.commitment_record(
        actor=request.user,
        district=places.district_get(payload.district),
        line=selectors.line_get(payload.line),
        amount_pence=payload.amount_pence,
        description=payload.description,
        committed_on=payload.committed_on,
        decision=_decision(payload.decision_id),
        ward=places.ward_get(payload.ward) if payload.ward else None,
    )


@router.post(
    "/spend/import",
    response={201: SpendImportOut},
    auth=django_auth,
    summary="Import actual spend from CSV text: all rows or none, with row-level errors",
    description="Columns: date, district, line, amount_pounds, description, reference. "
    "Errors come back as `errors: {'row 3': ['amount_pounds: ...']}`. The same file twice "
    "imports once.",
)
def spend_import(request: HttpRequest, payload: SpendImportIn):
    return 201, services.spend_import(
        actor=request.user, text=payload.csv, file_name=payload.file_name
    )


@router.post(
    "/spend/import/file",
    response={201: SpendImportOut},
    auth=django_auth,
    summary="Import actual spend from an uploaded CSV file (multipart): all rows or none",
    description="The same columns and errors as `/spend/import`, plus an optional `ward` "
    "column; the file must be UTF-8 (a field error on `file` otherwise).",
)
def spend_import_file(request: HttpRequest, file: UploadedFile | None = File(None)):
    # Optional here so a missing file is the service's field error on `file`, like the form.
    return 201, services.spend_import_file(actor=request.user, upload=file)


@router.get(
    "/monitoring",
    response=MonitoringOut,
    summary="Budget, commitments, actual spend and variance per district and line",
    description="`wards` breaks down lines devolved on to wards: each ward's adopted amount "
    "and the commitments and spend that name the ward (the rest stays with the district).",
)
def monitoring_report(request: HttpRequest, financial_year: str = ""):
    return selectors.monitoring_report(financial_year=financial_year).as_json()


@router.get("/monitoring.csv", summary="The monitoring report as CSV (pounds)")
def monitoring_csv(request: HttpRequest, financial_year: str = ""):
    report = selectors.monitoring_report(financial_year=financial_year)
    response = HttpResponse(report.as_csv(), content_type="text/csv")
    name = report.financial_year.replace("/", "-") or "none"
    response["Content-Disposition"] = f'attachment; filename="budget-monitoring-{name}.csv"'
    return response


class CostCentreIn(Schema):
    code: str
    district: str
    line: str
    ward: str = ""


class CostCentreOut(Schema):
    code: str
    district: str
    line: str
    ward: str | None

    @staticmethod
    def resolve_district(cost_centre: CostCentre) -> str:
        return cost_centre.district.slug

    @staticmethod
    def resolve_line(cost_centre: CostCentre) -> str:
        return cost_centre.line.slug

    @staticmethod
    def resolve_ward(cost_centre: CostCentre) -> str | None:
        return cost_centre.ward.slug if cost_centre.ward_id else None


@router.get("/cost-centres", response=list[CostCentreOut], summary="Ledger cost-centre codes")
def cost_centre_list(request: HttpRequest):
    return selectors.cost_centre_list()


@router.post(
    "/cost-centres",
    response={201: CostCentreOut},
    auth=django_auth,
    summary="Map a ledger cost-centre code to a district and line (finance officers)",
    description="Mapping a code again moves it. Spend files may then give `cost_centre` in "
    "place of `district` and `line`; a code with no mapping is an error on its row.",
)
def cost_centre_save(request: HttpRequest, payload: CostCentreIn):
    return 201, services.cost_centre_save(
        actor=request.user,
        code=payload.code,
        district=places.district_get(payload.district),
        line=selectors.line_get(payload.line),
        ward=places.ward_get(payload.ward) if payload.ward else None,
    )


class CommitmentsSyncIn(Schema):
    financial_year: str
    decision_line: str = ""
    pb_line: str = ""
    ward_allocation_line: str = ""


class CommitmentSourceOut(Schema):
    kind: str
    source_id: int
    title: str
    amount_pence: int
    committed_on: date
    district: str | None
    waiting_reason: str


class CommitmentsSyncOut(Schema):
    created: list[SpendCommitmentOut]
    waiting: list[CommitmentSourceOut]


def _source_out(source: CommitmentSource) -> dict:
    return {
        "kind": source.kind,
        "source_id": source.source_id,
        "title": source.title,
        "amount_pence": source.amount_pence,
        "committed_on": source.committed_on,
        "district": source.district.slug if source.district else None,
        "waiting_reason": source.waiting_reason,
    }


def _line(slug: str, field: str):
    if not slug:
        return None
    try:
        return selectors.line_get(slug)
    except NotFound as error:
        raise NotFound(error.code, error.message, field) from None


@router.get(
    "/commitments/sources",
    response=list[CommitmentSourceOut],
    summary="Decisions, PB projects in delivery and ward allocations not yet committed",
)
def commitment_sources(request: HttpRequest, financial_year: str):
    return [_source_out(s) for s in selectors.commitment_sources(financial_year=financial_year)]


@router.post(
    "/commitments/sync",
    response=CommitmentsSyncOut,
    auth=django_auth,
    summary="Create a commitment for each source of the year, on the line named for its kind",
    description="Idempotent: a source already committed is never committed again. A kind "
    "with no line given is left waiting and listed in `waiting`.",
)
def commitments_sync(request: HttpRequest, payload: CommitmentsSyncIn):
    synced = services.commitments_sync(
        actor=request.user,
        financial_year=payload.financial_year,
        decision_line=_line(payload.decision_line, "decision_line"),
        pb_line=_line(payload.pb_line, "pb_line"),
        ward_allocation_line=_line(payload.ward_allocation_line, "ward_allocation_line"),
    )
    return {
        "created": list(synced.created),
        "waiting": [_source_out(source) for source in synced.waiting],
    }
