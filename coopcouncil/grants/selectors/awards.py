"""Reads for published awards, a fund's dashboard, and the district and profile sections.

Every page here reads a fixed number of queries however many awards there are: totals are
aggregated in the database and the lists are paged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from coopcouncil.grants import policy
from coopcouncil.grants.logic.applications import is_report_late
from coopcouncil.grants.models import Application, Fund, MonitoringReport, WardTally
from coopcouncil.grants.models.applications import Standing
from coopcouncil.grants.selectors.funds import AWARDED
from coopcouncil.people.models import Organisation
from coopcouncil.places.models import Ward

DECIDED = (*AWARDED, Application.Status.DECLINED)


def awards_public(*, fund: Fund | None = None, district=None) -> QuerySet[Application]:
    """Awards, newest first, with what the public page shows loaded up front."""
    awards = (
        Application.objects.awards_published()
        .select_related("organisation", "ward__district", "round__fund", "decision")
        .order_by("-decided_at", "-id")
    )
    if fund is not None:
        awards = awards.filter(round__fund=fund)
    if district is not None:
        awards = awards.filter(ward__district=district)
    return awards


@dataclass(frozen=True)
class AwardsPage:
    """One page of the public awards, newest first, with no count of every award.

    ``after`` is the cursor the page started after ("" for the newest); ``next_cursor`` is
    where the older page starts ("" on the last page)."""

    awards: list[Application]
    after: str
    next_cursor: str

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def is_first(self) -> bool:
        return not self.after

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or not self.is_first


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def award_cursor(award: Application) -> str:
    """Where an award stands in the newest-first order: its decision time (whole
    microseconds since 1970, exact where a float would round) and id, e.g. ``1796...-42``."""
    assert award.decided_at is not None
    return f"{(award.decided_at - _EPOCH) // _MICROSECOND}-{award.pk}"


def _cursor_read(cursor: str | None) -> tuple[datetime, int] | None:
    microseconds, _dash, pk = (cursor or "").partition("-")
    try:
        return _EPOCH + timedelta(microseconds=int(microseconds)), int(pk)
    except (ValueError, OverflowError):
        return None


def awards_page(after: str | None, *, size: int) -> AwardsPage:
    """The ``size`` awards after the cursor ``after`` (from the newest if it is missing or
    unreadable): one query of ``size + 1`` rows read along the newest-awards index, and the
    partners of the joint ones in a second. Keyset paging, not OFFSET: an award decided
    while someone pages neither repeats nor skips a row, and the 5,000th page costs what the
    first does. No page count: counting 100,000 awards on every view made the page slow."""
    position = _cursor_read(after)
    awards = (
        awards_public()
        .select_related(None)
        .select_related("organisation", "ward__district", "round__fund")
        .prefetch_related(Prefetch("partners", queryset=Organisation.objects.only("name")))
        .only(*AWARDS_PAGE_COLUMNS)
    )
    if position is not None:
        decided_at, pk = position
        awards = awards.filter(Q(decided_at__lt=decided_at) | Q(decided_at=decided_at, pk__lt=pk))
    rows = list(awards[: size + 1])
    shown = rows[:size]
    return AwardsPage(
        awards=shown,
        after=(after or "") if position is not None else "",
        next_cursor=award_cursor(shown[-1]) if len(rows) > size else "",
    )


# What the awards page and the API show of each award, its group, ward, district and fund.
AWARDS_PAGE_COLUMNS = (
    "title",
    "awarded_pence",
    "decided_at",
    "decision_id",
    "organisation__name",
    "ward__name",
    "ward__code",
    "ward__district__name",
    "ward__district__slug",
    "round__fund__name",
    "round__fund__slug",
)


@dataclass(frozen=True)
class WardAwards:
    ward_name: str
    ward_code: str
    imd_score: Decimal
    awarded_pence: int
    award_count: int


@dataclass(frozen=True)
class Dashboard:
    """A fund's (or district's) figures: applications, success rate, money by ward, outcomes."""

    applications: int
    decided: int
    awarded: int
    awarded_pence: int
    people_reached: int
    volunteers: int
    volunteer_hours: int
    reports_received: int
    wards: tuple[WardAwards, ...]

    @property
    def success_rate_percent(self) -> int | None:
        if not self.decided:
            return None
        return round(100 * self.awarded / self.decided)

    @property
    def largest_ward_pence(self) -> int:
        return max((w.awarded_pence for w in self.wards), default=0)

    @property
    def largest_imd(self) -> Decimal:
        return max((w.imd_score for w in self.wards), default=Decimal(0))


def dashboard(*, fund: Fund | None = None, district=None) -> Dashboard:
    """Three queries whatever the number of applications: the running totals (a few rows per
    round and ward), the awards a call-in has suspended or withdrawn (their own standing,
    which democracy's call-in moves through ``services.award_standing_follow``), and the
    wards."""
    tallies = WardTally.objects.all()
    called_in = Application.objects.filter(
        status__in=AWARDED, award_standing__in=[Standing.SUSPENDED, Standing.WITHDRAWN]
    )
    wards = Ward.objects.all()
    if fund is not None:
        tallies = tallies.filter(round__fund=fund)
        called_in = called_in.filter(round__fund=fund)
    if district is not None:
        tallies = tallies.filter(ward__district=district)
        called_in = called_in.filter(ward__district=district)
        wards = wards.filter(district=district)
    groups = tallies.values_list("ward_id", "status").annotate(
        count=Sum("applications"),
        awarded_pence=Sum("awarded_pence"),
        reports=Sum("reports_received"),
        people=Sum("people_reached"),
        volunteers=Sum("volunteers"),
        hours=Sum("volunteer_hours"),
    )
    by_ward: dict[int | None, list[int]] = {}
    totals = {"applications": 0, "decided": 0, "awarded": 0, "awarded_pence": 0}
    outcomes = {"reports_received": 0, "people_reached": 0, "volunteers": 0, "volunteer_hours": 0}
    for ward_id, status, count, pence, reports, people, volunteers, hours in groups.order_by():
        totals["applications"] += count
        outcomes["reports_received"] += reports
        outcomes["people_reached"] += people
        outcomes["volunteers"] += volunteers
        outcomes["volunteer_hours"] += hours
        if status in DECIDED:
            totals["decided"] += count
        if status in AWARDED:
            _award_add(totals, by_ward, ward_id, count, pence)
    # A suspended award is not decided for the public until the call-in's outcome; a
    # withdrawn one stays decided but awards nothing.
    taken_back = called_in.values_list("ward_id", "award_standing").annotate(
        count=Count("id"), awarded_pence=Coalesce(Sum("awarded_pence"), 0)
    )
    for ward_id, standing, count, pence in taken_back.order_by():
        if standing == Standing.SUSPENDED:
            totals["decided"] -= count
        _award_add(totals, by_ward, ward_id, -count, -pence)
    ward_rows = wards.order_by("-imd_score", "name").values_list("pk", "name", "code", "imd_score")
    return Dashboard(
        **totals,
        **outcomes,
        wards=tuple(
            WardAwards(name, code, imd, *by_ward.get(pk, (0, 0)))
            for pk, name, code, imd in ward_rows
        ),
    )


def _award_add(totals: dict, by_ward: dict, ward_id: int | None, count: int, pence: int) -> None:
    totals["awarded"] += count
    totals["awarded_pence"] += pence
    ward_totals = by_ward.setdefault(ward_id, [0, 0])
    ward_totals[0] += pence
    ward_totals[1] += count


def dashboard_csv_rows(*, fund: Fund | None = None, district=None) -> list[list]:
    """The dashboard's ward table as CSV rows, header first."""
    figures = dashboard(fund=fund, district=district)
    rows: list[list] = [["ward", "ward_code", "imd_score", "awards", "awarded_pence"]]
    rows += [
        [w.ward_name, w.ward_code, str(w.imd_score), w.award_count, w.awarded_pence]
        for w in figures.wards
    ]
    return rows


@dataclass(frozen=True)
class JointAward:
    """A published award held jointly: the lead, its partners, and the ward it benefits."""

    application_id: int
    ward_id: int | None
    lead_id: int
    partner_ids: frozenset[int]

    @property
    def organisation_ids(self) -> frozenset[int]:
        return self.partner_ids | {self.lead_id}


def joint_award_applicants() -> list[JointAward]:
    """Every published joint award with the organisations holding it (the social map ties
    them). Drafts, refusals and awards a call-in has suspended or withdrawn hold nothing
    jointly. One query, whatever the number of awards."""
    rows = (
        Application.objects.awards_published()
        .filter(partners__isnull=False)
        .values_list("pk", "ward_id", "organisation_id", "partners__id")
    )
    found: dict[int, tuple[int | None, int, set[int]]] = {}
    for application_id, ward_id, lead_id, partner_id in rows.order_by("pk"):
        found.setdefault(application_id, (ward_id, lead_id, set()))[2].add(partner_id)
    return [
        JointAward(pk, ward_id, lead_id, frozenset(partners))
        for pk, (ward_id, lead_id, partners) in found.items()
    ]


def organisation_grants(organisation_ids) -> QuerySet[Application]:
    """Submitted applications of these groups, for their members' profile pages."""
    return (
        Application.objects.filter(organisation_id__in=organisation_ids)
        .exclude(status=Application.Status.DRAFT)
        .select_related("organisation", "round")
        .order_by("-submitted_at")
    )


def recovered_pence(application: Application) -> int:
    """What has already come back from ``application``'s award through clawbacks."""
    return application.clawbacks.aggregate(t=Sum("amount_pence"))["t"] or 0


def report_is_late(report: MonitoringReport, *, today=None) -> bool:
    """Flag a report not in by its due date (plus the council's grace days)."""
    return is_report_late(
        due_on=report.due_on,
        submitted_on=timezone.localdate(report.submitted_at) if report.submitted_at else None,
        today=today or timezone.localdate(),
        grace_days=policy.report_grace_days(),
    )
