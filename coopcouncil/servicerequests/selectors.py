"""Reads for service requests: categories, the ward of a point, requests, and demand figures.

Dashboards count in the database (grouped by ward, category and month) and read a fixed
number of queries whatever the number of requests. ``demand_counts``, ``time_to_fix`` and
``participation_sources`` are for insight; the open data rows
carry no personal data.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from coopcouncil.core.errors import NotFound
from coopcouncil.core.interfaces import ParticipationSource
from coopcouncil.core.permissions import check
from coopcouncil.people.selectors import Actor, acting_user, is_signed_in
from coopcouncil.places.models import District, Ward
from coopcouncil.places.selectors import ward_list
from coopcouncil.servicerequests import policy
from coopcouncil.servicerequests.logic.boundaries import WardShapes, boundary_parse
from coopcouncil.servicerequests.logic.demand import (
    CategoryDemand,
    CountRow,
    TimeToFix,
    category_demand,
    fixed_in_time,
    months_back,
    per_thousand,
    ward_totals,
)
from coopcouncil.servicerequests.logic.open311 import RequestFilters
from coopcouncil.servicerequests.models import (
    OPEN_STAGES,
    ApiKey,
    DemandMonth,
    DemandSpot,
    ReferenceGroupComment,
    ReferenceGroupMember,
    RequestUpdate,
    RootCause,
    ServiceCategory,
    ServiceRequest,
    Stage,
    WardBoundary,
)

LONDON = ZoneInfo("Europe/London")
DEMAND_MONTHS = 12

# --- Categories and places ----------------------------------------------------------------


def category_list(*, active_only: bool = True) -> QuerySet[ServiceCategory]:
    categories = ServiceCategory.objects.order_by("name")
    return categories.filter(is_active=True) if active_only else categories


def category_get(code: str, *, field: str = "service_code") -> ServiceCategory:
    category = ServiceCategory.objects.filter(code=code, is_active=True).first()
    if category is None:
        raise NotFound(
            "service_unknown",
            gettext("There is no service '%(code)s'.") % {"code": code},
            field,
        )
    return category


# Prepared ward shapes, kept per process and rebuilt when the boundaries change.
_shapes_lock = threading.Lock()
_shapes: dict[str, tuple[tuple, WardShapes, dict[str, int]]] = {}


def ward_shapes() -> tuple[WardShapes, dict[str, int]]:
    """The prepared boundaries and each ward's id by code, rebuilt when a boundary changed."""
    version = tuple(
        WardBoundary.objects.aggregate(count=Count("pk"), changed=Max("updated_at")).values()
    )
    with _shapes_lock:
        cached = _shapes.get("wards")
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        boundaries = list(WardBoundary.objects.values_list("ward__code", "ward_id", "geojson"))
        shapes = WardShapes(
            {code: boundary_parse(code, json.loads(g)) for code, _, g in boundaries}
        )
        ids = {code: ward_id for code, ward_id, _ in boundaries}
        _shapes["wards"] = (version, shapes, ids)
        return shapes, ids


def ward_at(*, latitude: float, longitude: float) -> Ward | None:
    """The ward whose boundary holds the point, or None outside the borough."""
    shapes, ids = ward_shapes()
    code = shapes.ward_code_at(latitude=latitude, longitude=longitude)
    if code is None:
        return None
    return Ward.objects.select_related("district").get(pk=ids[code])


def ward_points() -> dict[int, tuple[float, float]]:
    """A point (latitude, longitude) inside each ward with a boundary, by ward id: where a
    map puts what is known only by its ward (insight's social map places groups so)."""
    shapes, ids = ward_shapes()
    points = {}
    for code, ward_id in ids.items():
        point = shapes.ward_point(code)
        if point is not None:
            points[ward_id] = point
    return points


def boundaries_geojson() -> dict:
    """Every ward boundary as a GeoJSON FeatureCollection, for the map."""
    rows = WardBoundary.objects.select_related("ward__district").order_by("ward__code")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(row.geojson),
                "properties": {
                    "ward_code": row.ward.code,
                    "ward": row.ward.name,
                    "district": row.ward.district.name,
                },
            }
            for row in rows
        ],
    }


# --- Requests -------------------------------------------------------------------------------


def _requests() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.select_related("category", "ward", "district")


def request_get(request_id: int | str, *, field: str = "service_request_id") -> ServiceRequest:
    found = None
    if str(request_id).isdigit() and int(request_id) < 2**63:
        found = _requests().filter(pk=int(request_id)).first()
    if found is None:
        raise NotFound(
            "request_unknown",
            gettext("There is no service request %(id)s.") % {"id": request_id},
            field,
        )
    return found


def request_by_token(token: str) -> ServiceRequest:
    found = ServiceRequest.objects.filter(token=token).only("pk", "token").first()
    if found is None:
        raise NotFound("token_unknown", gettext("There is no request with that token."), "token")
    return found


def request_updates(request: ServiceRequest) -> QuerySet[RequestUpdate]:
    return request.updates.order_by("created_at", "pk")


def request_queue(
    *, district: District | None = None, stages: Collection[str] = OPEN_STAGES, limit: int = 200
) -> list[ServiceRequest]:
    """The requests staff work on, oldest first (for a district, or the borough)."""
    requests = _requests().select_related("assignee").filter(stage__in=stages)
    if district is not None:
        requests = requests.filter(district=district)
    return list(requests.order_by("requested_at", "pk")[:limit])


OPEN311_FIELDS = (
    "pk",
    "stage",
    "status_notes",
    "category__name",
    "category__code",
    "description",
    "agency_responsible",
    "requested_at",
    "updated_at",
    "expected_at",
    "address",
    "postcode",
    "ward__name",
    "district__name",
    "latitude",
    "longitude",
    "photo",
)


def open311_requests(filters: RequestFilters) -> list[dict]:
    """The requests an Open311 ``GET requests`` asks for, newest first, as plain rows.

    Rows rather than model instances: a page holds up to 1,000 requests, and building a
    thousand objects with their category, ward and district cost more than the query.
    """
    requests = ServiceRequest.objects.all()
    if filters.service_request_ids:
        ids = [int(i) for i in filters.service_request_ids if i.isdigit() and int(i) < 2**63]
        requests = requests.filter(pk__in=ids)
    else:
        if filters.service_codes:
            requests = requests.filter(category__code__in=filters.service_codes)
        if filters.start is not None:
            requests = requests.filter(requested_at__gte=filters.start)
        if filters.end is not None:
            requests = requests.filter(requested_at__lte=filters.end)
        if filters.statuses == ("open",):
            requests = requests.filter(stage__in=OPEN_STAGES)
        elif filters.statuses == ("closed",):
            requests = requests.filter(stage=Stage.CLOSED)
    first = (filters.page - 1) * filters.page_size
    ordered = requests.order_by("-requested_at", "-pk").values(*OPEN311_FIELDS)
    return list(ordered[first : first + filters.page_size])


def user_requests(user: Actor, *, limit: int = 50) -> list[ServiceRequest]:
    """A resident's own reports, newest first."""
    if not is_signed_in(user):
        return []
    return list(_requests().filter(reporter=user)[:limit])


def api_key_list() -> QuerySet[ApiKey]:
    return ApiKey.objects.order_by("revoked_at", "name", "pk")


def api_key_get(key_id: int) -> ApiKey:
    key = ApiKey.objects.filter(pk=key_id).first()
    if key is None:
        raise NotFound("api_key_unknown", gettext("There is no such API key."), "key")
    return key


# --- Demand in the open ------------------------------------------------------------------


def _fix_time() -> ExpressionWrapper:
    return ExpressionWrapper(F("closed_at") - F("requested_at"), output_field=DurationField())


def _month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1, tzinfo=LONDON)


def demand_month_rows(requests: QuerySet[ServiceRequest]) -> list[dict]:
    """``requests`` counted by ward, service, month and root cause in one grouped query: the
    rows ``DemandMonth`` keeps (``services.demand_rollup_rebuild`` writes them)."""
    grouped = (
        requests.order_by()
        .annotate(month=TruncMonth("requested_at", tzinfo=LONDON))
        .values("ward_id", "district_id", "category_id", "month", "root_cause")
        .annotate(
            reported=Count("pk"),
            closed=Count("pk", filter=Q(stage=Stage.CLOSED)),
            fix=Sum(_fix_time(), filter=Q(stage=Stage.CLOSED)),
            failure_demand=Count("pk", filter=Q(is_failure_demand=True)),
        )
    )
    return [
        {
            **{k: v for k, v in row.items() if k != "fix"},
            "month": _as_date(row["month"]),
            "fix_seconds": int(row["fix"].total_seconds()) if row["fix"] else 0,
        }
        for row in grouped
    ]


def demand_spot_rows(requests: QuerySet[ServiceRequest]) -> list[dict]:
    """``requests`` counted by ward, spot and month: the rows ``DemandSpot`` keeps."""
    grouped = (
        requests.order_by()
        .annotate(month=TruncMonth("requested_at", tzinfo=LONDON))
        .values("ward_id", "district_id", "location_key", "month")
        .annotate(reports=Count("pk"))
    )
    return [{**row, "month": _as_date(row["month"])} for row in grouped]


MONTH_FIELDS = (
    "ward_id",
    "district_id",
    "category_id",
    "month",
    "root_cause",
    "reported",
    "closed",
    "fix_seconds",
    "failure_demand",
)


def _months_counted(
    *,
    months: list[date],
    district: District | None = None,
    ward: Ward | None = None,
    category: ServiceCategory | None = None,
) -> list[dict]:
    """The kept monthly counts (``DemandMonth``) of an area over ``months``."""
    counted = DemandMonth.objects.filter(month__gte=months[0], month__lte=months[-1])
    if district is not None:
        counted = counted.filter(district=district)
    if ward is not None:
        counted = counted.filter(ward=ward)
    if category is not None:
        counted = counted.filter(category=category)
    return list(counted.values(*MONTH_FIELDS))


def _count_rows(grouped: list[dict]) -> list[CountRow]:
    wards = dict(Ward.objects.values_list("pk", "code"))
    categories = dict(ServiceCategory.objects.values_list("pk", "code"))
    totals: dict[tuple[int, int, date], list[int]] = {}
    for row in grouped:
        key = (row["ward_id"], row["category_id"], row["month"])
        total = totals.setdefault(key, [0, 0, 0, 0])
        total[0] += row["reported"]
        total[1] += row["closed"]
        total[2] += row["fix_seconds"]
        total[3] += row["failure_demand"]
    return [
        CountRow(wards[ward_id], categories[category_id], month, *total)
        for (ward_id, category_id, month), total in totals.items()
        if total[0]
    ]


def _as_date(value: date | datetime) -> date:
    return value.astimezone(LONDON).date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class WardDemand:
    ward: Ward
    reported: int
    per_thousand: Decimal | None


@dataclass(frozen=True)
class RepeatLocation:
    latitude: Decimal
    longitude: Decimal
    ward_name: str
    reports: int


@dataclass(frozen=True)
class CauseCount:
    root_cause: str
    label: str
    reports: int
    failure_demand: int


@dataclass(frozen=True)
class Demand:
    """An area's demand over the twelve months to ``through``."""

    area_name: str
    months: list[date]
    through: datetime
    reported: int
    open_now: int
    categories: list[CategoryDemand]
    category_names: dict[str, str]
    wards: list[WardDemand]
    repeat_locations: list[RepeatLocation]
    causes: list[CauseCount]
    failure_demand: int


def demand_through(user: Actor, district: District, *, now: datetime | None = None) -> datetime:
    """The newest moment whose figures ``user`` may see.

    The reference group and the district team see every month as it happens. Everyone else
    sees a month once it has been over for ``demand_preview_days``: until then the group has
    it first, to look into and comment on. Example: with 7 days, on 5 December the public
    sees October and before; on 8 December, November too.
    """
    now = now or timezone.now()
    if check(user, "servicerequests.preview_demand", district):
        return now
    return demand_published_through(now=now)


def demand_published_through(*, now: datetime) -> datetime:
    """The end of the newest month published to everyone (see ``demand_through``)."""
    published = timezone.localtime(now - timedelta(days=policy.demand_preview_days()), LONDON)
    return _month_start(published.date()) - timedelta(microseconds=1)


def area_demand(*, district: District, ward: Ward | None = None, through: datetime) -> Demand:
    """A district's (or one of its wards') demand: counts by category and month, time to fix,
    rates per 1,000 residents, repeat locations, root causes and failure demand."""
    months = months_back(timezone.localtime(through, LONDON).date(), DEMAND_MONTHS)
    grouped = _months_counted(months=months, district=district, ward=ward)
    rows = _count_rows(grouped)
    spots = DemandSpot.objects.filter(
        district=district,
        month__gte=months[-min(max(policy.repeat_location_months(), 1), len(months))],
    )
    if ward is not None:
        spots = spots.filter(ward=ward)
    area_wards = [w for w in ward_list(district=district) if ward is None or w.pk == ward.pk]
    by_ward = ward_totals(rows)
    names = {w.pk: w.name for w in area_wards}
    categories = category_demand(rows, months)
    return Demand(
        area_name=ward.name if ward else district.name,
        months=months,
        through=through,
        reported=sum(c.reported for c in categories),
        open_now=sum(c.reported - c.closed for c in categories),
        categories=categories,
        category_names=dict(ServiceCategory.objects.values_list("code", "name")),
        wards=[
            WardDemand(
                w, by_ward.get(w.code, 0), per_thousand(by_ward.get(w.code, 0), w.population)
            )
            for w in area_wards
        ],
        repeat_locations=_repeat_locations(spots, names),
        causes=_causes(grouped),
        failure_demand=sum(c.failure_demand for c in categories),
    )


def _repeat_locations(spots: QuerySet[DemandSpot], names: dict[int, str]) -> list[RepeatLocation]:
    """The spots reported most over the recent months, at least ``repeat_location_reports``
    times; a spot is shown at the middle of its ~100 m square."""
    counted = (
        spots.order_by()
        .values("location_key", "ward_id")
        .annotate(total=Sum("reports"))
        .filter(total__gte=policy.repeat_location_reports())
        .order_by("-total", "location_key")[:10]
    )
    found = []
    for spot in counted:
        latitude, longitude = (Decimal(part) for part in spot["location_key"].split(","))
        found.append(
            RepeatLocation(latitude, longitude, names.get(spot["ward_id"], ""), spot["total"])
        )
    return found


def _causes(grouped: list[dict]) -> list[CauseCount]:
    labels = dict(RootCause.choices)
    totals: dict[str, list[int]] = {}
    for row in grouped:
        if row["root_cause"]:
            total = totals.setdefault(row["root_cause"], [0, 0])
            total[0] += row["reported"]
            total[1] += row["failure_demand"]
    found = [
        CauseCount(cause, str(labels.get(cause, "")), reports, failure)
        for cause, (reports, failure) in totals.items()
    ]
    return sorted(found, key=lambda c: (-c.reports, c.root_cause))


@dataclass(frozen=True)
class AreaRate:
    """One area's reports of a category per 1,000 residents beside its deprivation score."""

    name: str
    slug: str
    population: int
    imd_score: Decimal
    reports: int
    per_thousand: Decimal | None


def category_rates(
    *, category: ServiceCategory, through: datetime
) -> tuple[list[AreaRate], list[AreaRate]]:
    """Myth-busting: a category's reports per 1,000 residents by district and by ward over the
    twelve months to ``through``, each with its deprivation (IMD) score, most deprived first."""
    months = months_back(timezone.localtime(through, LONDON).date(), DEMAND_MONTHS)
    counts: dict[int, int] = {}
    for row in _months_counted(months=months, category=category):
        counts[row["ward_id"]] = counts.get(row["ward_id"], 0) + row["reported"]
    wards = list(ward_list())
    ward_rates = [
        AreaRate(
            w.name,
            w.slug,
            w.population,
            w.imd_score,
            counts.get(w.pk, 0),
            per_thousand(counts.get(w.pk, 0), w.population),
        )
        for w in wards
    ]
    districts: dict[int, list[Ward]] = {}
    for w in wards:
        districts.setdefault(w.district_id, []).append(w)
    district_rates = []
    for members in districts.values():
        population = sum(w.population for w in members)
        reports = sum(counts.get(w.pk, 0) for w in members)
        weighted = sum((w.imd_score * w.population for w in members), Decimal(0))
        imd = (weighted / population if population else Decimal(0)).quantize(Decimal("0.1"))
        district = members[0].district
        district_rates.append(
            AreaRate(
                district.name,
                district.slug,
                population,
                imd,
                reports,
                per_thousand(reports, population),
            )
        )

    def most_deprived_first(rate: AreaRate) -> tuple:
        return (-rate.imd_score, rate.name)

    return sorted(district_rates, key=most_deprived_first), sorted(
        ward_rates, key=most_deprived_first
    )


def requests_geojson(
    *,
    district: District | None = None,
    ward: Ward | None = None,
    through: datetime,
    limit: int = 5000,
) -> dict:
    """The newest requests as GeoJSON points (no personal data), for the map and download."""
    requests = ServiceRequest.objects.filter(requested_at__lte=through)
    if district is not None:
        requests = requests.filter(district=district)
    if ward is not None:
        requests = requests.filter(ward=ward)
    rows = requests.order_by("-requested_at", "-pk").values(
        "pk", "category__code", "category__name", "stage", "requested_at", "latitude", "longitude"
    )[:limit]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(row["longitude"]), float(row["latitude"])],
                },
                "properties": {
                    "service_request_id": str(row["pk"]),
                    "service_code": row["category__code"],
                    "service_name": row["category__name"],
                    "status": "closed" if row["stage"] == Stage.CLOSED else "open",
                    "requested_datetime": timezone.localtime(row["requested_at"], LONDON)
                    .replace(microsecond=0)
                    .isoformat(),
                },
            }
            for row in rows
        ],
    }


# --- For insight and the open data catalogue ----------------------------------------------


@dataclass(frozen=True)
class DemandCount:
    """Requests of one category, in one ward of one district, reported in one month."""

    district_slug: str
    ward_code: str
    category_code: str
    month: date
    reported: int
    closed: int
    failure_demand: int


def demand_counts(
    *,
    district: District | None = None,
    ward: Ward | None = None,
    category: ServiceCategory | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[DemandCount]:
    """Requests counted per district, ward, service and month, for the months from ``since``
    up to (not including) ``until``: read from the kept monthly counts."""
    counted = DemandMonth.objects.all()
    if district is not None:
        counted = counted.filter(district=district)
    if ward is not None:
        counted = counted.filter(ward=ward)
    if category is not None:
        counted = counted.filter(category=category)
    if since is not None:
        counted = counted.filter(month__gte=since.replace(day=1))
    if until is not None:
        counted = counted.filter(month__lt=until)
    districts = dict(Ward.objects.values_list("code", "district__slug"))
    rows = _count_rows(list(counted.values(*MONTH_FIELDS)))
    return [
        DemandCount(
            district_slug=districts[row.ward_code],
            ward_code=row.ward_code,
            category_code=row.category_code,
            month=row.month,
            reported=row.reported,
            closed=row.closed,
            failure_demand=row.failure_demand,
        )
        for row in sorted(rows, key=lambda r: (r.month, r.ward_code, r.category_code))
    ]


def time_to_fix(
    *,
    category_code: str,
    district: District,
    month: date,
    deadline: Callable[[date], date],
    now: datetime | None = None,
) -> TimeToFix:
    """How many of a service's requests received in ``district`` in ``month`` were closed
    by ``deadline(day received)`` (local days): a neighbourhood standard's measure, e.g.
    fly-tipping cleared within 2 working days (insight passes the working-day rule).

    One indexed range read (district, time received) of one month's requests of one service.
    """
    start = _month_start(month)
    end = _month_start(date(month.year + month.month // 12, month.month % 12 + 1, 1))
    rows = ServiceRequest.objects.filter(
        district=district,
        category__code=category_code,
        requested_at__gte=start,
        requested_at__lt=end,
    ).values_list("requested_at", "closed_at")
    return fixed_in_time(
        (
            (
                timezone.localdate(received, LONDON),
                timezone.localdate(closed, LONDON) if closed is not None else None,
            )
            for received, closed in rows.iterator(chunk_size=2000)
        ),
        deadline=deadline,
        today=timezone.localdate(now or timezone.now(), LONDON),
    )


def participation_sources() -> list[ParticipationSource]:
    """Reference-group comments (deciding) for insight's participation at scale.

    Reporting a problem is not counted: issue 17 lists only volunteering hours and assets
    managed as delivering services, and a report asks the council to deliver rather than
    delivering with it. Reports stay on the resident's own profile (``_profile_section``).
    """
    return [
        ParticipationSource(
            role="deciding",
            kind="reference_group_comments",
            label=gettext_lazy("Reference group comments"),
            events=ReferenceGroupComment.objects.filter(author__isnull=False)
            .annotate(user_id=F("author_id"), at=F("created_at"))
            .values("user_id", "at"),
        ),
    ]


def open_data_rows(*, since: datetime | None = None) -> Iterator[dict]:
    """Every request as Open311 fields, without personal data (no reporter, no email, no
    photo), streamed in id order for the CSV and JSON downloads."""
    requests = ServiceRequest.objects.order_by("pk")
    if since is not None:
        requests = requests.filter(requested_at__gte=since)
    rows = requests.values(
        "pk",
        "category__code",
        "category__name",
        "stage",
        "status_notes",
        "agency_responsible",
        "requested_at",
        "updated_at",
        "closed_at",
        "latitude",
        "longitude",
        "ward__code",
        "district__slug",
        "root_cause",
        "is_failure_demand",
    )
    for row in rows.iterator(chunk_size=2000):
        yield {
            "service_request_id": str(row["pk"]),
            "service_code": row["category__code"],
            "service_name": row["category__name"],
            "status": "closed" if row["stage"] == Stage.CLOSED else "open",
            "status_notes": row["status_notes"],
            "agency_responsible": row["agency_responsible"],
            "requested_datetime": _w3c(row["requested_at"]),
            "updated_datetime": _w3c(row["updated_at"]),
            "closed_datetime": _w3c(row["closed_at"]),
            "lat": str(row["latitude"]),
            "long": str(row["longitude"]),
            "ward_code": row["ward__code"],
            "district": row["district__slug"],
            "root_cause": row["root_cause"],
            "is_failure_demand": row["is_failure_demand"],
        }


OPEN_DATA_FIELDS = (
    "service_request_id",
    "service_code",
    "service_name",
    "status",
    "status_notes",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "closed_datetime",
    "lat",
    "long",
    "ward_code",
    "district",
    "root_cause",
    "is_failure_demand",
)


def _w3c(value: datetime | None) -> str:
    return timezone.localtime(value, LONDON).replace(microsecond=0).isoformat() if value else ""


def open_data_last_updated() -> datetime | None:
    return ServiceRequest.objects.aggregate(latest=Max("updated_at"))["latest"]


# --- Reference groups and personal data -----------------------------------------------------


def reports_in_district(user: Actor, district: District, *, now: datetime | None = None) -> int:
    if not is_signed_in(user):
        return 0
    since = (now or timezone.now()) - timedelta(days=365)
    return ServiceRequest.objects.filter(
        reporter=user, district=district, requested_at__gte=since
    ).count()


def is_reference_group_member(user: Actor, district: District) -> bool:
    return (
        is_signed_in(user)
        and ReferenceGroupMember.objects.filter(user=user, district=district).exists()
    )


def reference_group_offer(user: Actor, district: District) -> bool:
    """Whether ``user`` reports often enough in ``district`` to be offered a place."""
    return reports_in_district(user, district) >= policy.reference_group_reports()


def reference_group_offers(user: Actor) -> list[District]:
    """The districts whose reference group ``user`` is offered and has not joined."""
    if not is_signed_in(user):
        return []
    since = timezone.now() - timedelta(days=365)
    often = (
        ServiceRequest.objects.filter(reporter=user, requested_at__gte=since)
        .order_by()
        .values("district_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=policy.reference_group_reports())
        .values("district_id")
    )
    joined = ReferenceGroupMember.objects.filter(user=user).values("district_id")
    return list(District.objects.filter(pk__in=often).exclude(pk__in=joined).order_by("name"))


def reference_group_memberships(user: Actor) -> list[District]:
    if not is_signed_in(user):
        return []
    return list(
        District.objects.filter(
            pk__in=ReferenceGroupMember.objects.filter(user=user).values("district_id")
        ).order_by("name")
    )


def reference_group_size(district: District) -> int:
    return ReferenceGroupMember.objects.filter(district=district).count()


def reference_group_comments(district: District, *, limit: int = 50) -> list[ReferenceGroupComment]:
    return list(ReferenceGroupComment.objects.filter(district=district)[:limit])


def servicerequests_personal_data(user: Actor) -> dict:
    """What this app holds about ``user``, for their data export (any account, even one
    no longer active)."""
    person = acting_user(user)
    if person is None:
        return {}
    reports = ServiceRequest.objects.filter(
        Q(reporter=person) | Q(contact_email__iexact=person.email)
    )
    return {
        "service_requests": [
            {
                "service_request_id": str(r.pk),
                "service_code": r.category.code,
                "description": r.description,
                "address": r.address,
                "postcode": r.postcode,
                "lat": str(r.latitude),
                "long": str(r.longitude),
                "status": r.status,
                "requested_datetime": _w3c(r.requested_at),
                "contact_email": r.contact_email,
                "has_photo": bool(r.photo),
            }
            for r in reports.select_related("category").order_by("requested_at", "pk")
        ],
        "reference_groups": [
            {"district": m.district.name, "joined": _w3c(m.joined_at)}
            for m in ReferenceGroupMember.objects.filter(user=person).select_related("district")
        ],
        "reference_group_comments": [
            {"created": _w3c(c.created_at), "text": c.text}
            for c in ReferenceGroupComment.objects.filter(author=person).order_by("created_at")
        ],
    }
