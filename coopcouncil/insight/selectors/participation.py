"""Participation at scale: who takes part, counted in the database, read from a snapshot.

Every app that records a kind of taking part offers ``participation_sources()`` from its
selectors (``core.interfaces.ParticipationSource``); ``SOURCE_PROVIDERS`` lists them, so a
new app's sources are one line here. Nothing is typed in.

Counting distinct people across several apps' tables needs their rows in one place: a
UNION ALL of each source's own queryset (compiled by Django, so each app keeps its own
query), counted with ``COUNT(DISTINCT ...)`` by ward. The ORM cannot aggregate over a
union, hence the one SQL statement here, built from the compiled querysets and run on
SQLite and PostgreSQL alike. It runs when the snapshot is refreshed, never on a page view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from coopcouncil.coproduction.selectors import participation_sources as coproduction_sources
from coopcouncil.core.interfaces import PARTICIPATION_ROLES, ParticipationSource
from coopcouncil.democracy.selectors import participation_sources as democracy_sources
from coopcouncil.insight.logic.participation import (
    DeprivationGap,
    WardRate,
    deprivation_gap,
    per_thousand,
    share_percent,
)
from coopcouncil.insight.models import ParticipationFigure, ParticipationRole
from coopcouncil.membership.selectors import participation_sources as membership_sources
from coopcouncil.mutuals.selectors import participation_sources as mutuals_sources
from coopcouncil.participation.selectors import participation_sources as pb_sources
from coopcouncil.people.selectors import verified_residency_wards
from coopcouncil.places.models import Ward
from coopcouncil.places.selectors import ward_list
from coopcouncil.servicerequests.selectors import (
    participation_sources as servicerequests_sources,
)

# Each app's sources of taking part; an app that records more adds its function here.
SOURCE_PROVIDERS: tuple[Callable[[], list[ParticipationSource]], ...] = (
    democracy_sources,
    pb_sources,
    coproduction_sources,
    servicerequests_sources,
    mutuals_sources,
    membership_sources,
)

ANY_ROLE = "any"
ROLE_LABELS = dict(ParticipationRole.choices)
FIGURE_FIELDS = (
    "period_start",
    "period_end",
    "is_window",
    "ward_id",
    "role",
    "kind",
    "participants",
    "new_participants",
    "computed_at",
)


def participation_sources() -> list[ParticipationSource]:
    return [source for provider in SOURCE_PROVIDERS for source in provider()]


@dataclass(frozen=True)
class CountedRow:
    """People counted in one period (its index), ward (None: no verified ward), role and
    source kind."""

    period: int
    ward_id: int | None
    role: str
    kind: str
    participants: int
    new_participants: int


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _events_sql(sources: list[ParticipationSource]) -> tuple[str, list]:
    parts, params = [], []
    for index, source in enumerate(sources):
        sql, source_params = source.events.query.sql_with_params()
        parts.append(
            f'SELECT s{index}."user_id", s{index}."at", %s AS "role", %s AS "kind" '
            f"FROM ({sql}) AS s{index}"
        )
        params += [source.role, source.kind, *source_params]
    return " UNION ALL ".join(parts), params


def _count_sql(events: str, homes: str, periods: int, keys: tuple[str, ...]) -> str:
    """People per period, ward (and ``keys``), and how many took part for the first time.

    The periods are a VALUES list (its columns are column1.. on SQLite and PostgreSQL
    alike), so every month is counted in one pass over the records.
    """
    on_keys = "".join(f' AND f."{k}" = e."{k}"' for k in keys)
    first_keys = "".join(f', "{k}"' for k in keys)
    chosen = "".join(f', e."{k}"' for k in keys)
    values = ", ".join(["(%s, %s, %s)"] * periods)
    return (
        f"WITH events AS ({events}), homes AS ({homes}), "
        f'firsts AS (SELECT "user_id"{first_keys}, MIN("at") AS first_at '
        f'FROM events GROUP BY "user_id"{first_keys}), '
        f"periods AS (SELECT column1 AS idx, column2 AS p_start, column3 AS p_end "
        f"FROM (VALUES {values}) AS v) "
        f'SELECT p.idx, h."home_ward"{chosen}, COUNT(DISTINCT e."user_id"), '
        f'COUNT(DISTINCT CASE WHEN f.first_at >= p.p_start THEN e."user_id" END) '
        f'FROM events e JOIN periods p ON e."at" >= p.p_start AND e."at" < p.p_end '
        f'JOIN firsts f ON f."user_id" = e."user_id"{on_keys} '
        f'LEFT JOIN homes h ON h."user_id" = e."user_id" '
        f'GROUP BY p.idx, h."home_ward"{chosen}'
    )


ALL_LEVELS: tuple[tuple[str, ...], ...] = (("role", "kind"), ("role",), ())


def participation_counts(
    *,
    periods: list[tuple[datetime, datetime]],
    at: datetime,
    levels: tuple[tuple[str, ...], ...] = ALL_LEVELS,
) -> list[CountedRow]:
    """Distinct people taking part in each period (start included, end not), by the ward of
    their residency verified at ``at``: per source, per role and in any role (one
    statement for each of ``levels``, whatever the number of periods).

    "New" people took part in that way for the first time in the period.
    """
    sources = participation_sources()
    if not sources or not periods:
        return []
    events, event_params = _events_sql(sources)
    homes, home_params = verified_residency_wards(at=at).query.sql_with_params()
    adapt = connection.ops.adapt_datetimefield_value
    bounds = [
        value
        for index, (start, end) in enumerate(periods)
        for value in (index, adapt(start), adapt(end))
    ]
    rows: list[CountedRow] = []
    with connection.cursor() as cursor:
        for keys in levels:
            cursor.execute(
                _count_sql(events, homes, len(periods), keys),
                [*event_params, *home_params, *bounds],
            )
            for record in cursor.fetchall():
                period, ward_id, *named, people, new = record
                role = named[0] if keys else ANY_ROLE
                kind = named[1] if len(keys) == 2 else ""
                rows.append(CountedRow(period, ward_id, role, kind, people, new))
    return rows


# --- Reading the snapshot ---------------------------------------------------------------


@dataclass(frozen=True)
class WardParticipation:
    ward: Ward
    population: int
    by_role: dict[str, int]
    participants: int
    new_participants: int
    per_thousand: Decimal | None
    new_share: int | None


@dataclass(frozen=True)
class MonthParticipation:
    month: date
    by_role: dict[str, int]
    participants: int
    new_participants: int


@dataclass(frozen=True)
class SourceTotal:
    role: str
    role_label: str
    kind: str
    label: str
    participants: int


@dataclass(frozen=True)
class ParticipationAtScale:
    """The whole view: the window, every ward, each source, each month and the comparison."""

    window_start: date | None
    window_end: date | None
    computed_at: datetime | None
    wards: list[WardParticipation]
    months: list[MonthParticipation]
    sources: list[SourceTotal]
    by_role: dict[str, int]
    participants: int
    new_participants: int
    unplaced: int
    per_thousand: Decimal | None
    gap: DeprivationGap


def participation_at_scale(*, district=None) -> ParticipationAtScale:
    """The latest snapshot for the borough (or one district): three queries, whatever the
    number of ballots, signatures and people behind it."""
    # Plain named tuples: a thousand figures read as model instances cost the page 3x more.
    figures = list(
        ParticipationFigure.objects.order_by("period_start").values_list(*FIGURE_FIELDS, named=True)
    )
    window = [f for f in figures if f.is_window]
    wards = list(ward_list(district=district).select_related("district").order_by("name"))
    ward_ids = {w.pk for w in wards}
    in_scope = [f for f in window if f.ward_id in ward_ids or (district is None and not f.ward_id)]
    ward_rows = [_ward_row(ward, [f for f in window if f.ward_id == ward.pk]) for ward in wards]
    any_rows = [f for f in in_scope if f.role == ANY_ROLE]
    population = sum(w.population for w in wards)
    participants = sum(f.participants for f in any_rows)
    labels = {s.kind: str(s.label) for s in participation_sources()}
    return ParticipationAtScale(
        window_start=window[0].period_start if window else None,
        window_end=window[0].period_end if window else None,
        computed_at=window[0].computed_at if window else None,
        wards=ward_rows,
        months=_months([f for f in figures if not f.is_window], ward_ids, district is None),
        sources=_sources(in_scope, labels),
        by_role=_by_role(in_scope),
        participants=participants,
        new_participants=sum(f.new_participants for f in any_rows),
        unplaced=sum(f.participants for f in any_rows if f.ward_id is None),
        per_thousand=per_thousand(participants, population),
        gap=deprivation_gap(
            [WardRate(r.ward.name, r.ward.imd_score, r.per_thousand) for r in ward_rows]
        ),
    )


def _by_role(figures: list) -> dict[str, int]:
    totals: dict[str, int] = dict.fromkeys(PARTICIPATION_ROLES, 0)
    for figure in figures:
        if figure.role in totals and not figure.kind:
            totals[figure.role] += figure.participants
    return totals


def _ward_row(ward: Ward, figures: list) -> WardParticipation:
    any_role = [f for f in figures if f.role == ANY_ROLE]
    people = sum(f.participants for f in any_role)
    new = sum(f.new_participants for f in any_role)
    return WardParticipation(
        ward=ward,
        population=ward.population,
        by_role=_by_role(figures),
        participants=people,
        new_participants=new,
        per_thousand=per_thousand(people, ward.population),
        new_share=share_percent(new, people),
    )


def _months(figures: list, ward_ids: set[int], whole_borough: bool) -> list[MonthParticipation]:
    months: dict[date, list] = {}
    for figure in figures:
        if figure.ward_id in ward_ids or (whole_borough and figure.ward_id is None):
            months.setdefault(figure.period_start, []).append(figure)
    return [
        MonthParticipation(
            month=month,
            by_role=_by_role(rows),
            participants=sum(f.participants for f in rows if f.role == ANY_ROLE),
            new_participants=sum(f.new_participants for f in rows if f.role == ANY_ROLE),
        )
        for month, rows in sorted(months.items())
    ]


def _sources(figures: list, labels: dict[str, str]) -> list[SourceTotal]:
    totals: dict[tuple[str, str], int] = {}
    for figure in figures:
        if figure.kind:
            key = (figure.role, figure.kind)
            totals[key] = totals.get(key, 0) + figure.participants
    return [
        SourceTotal(role, str(ROLE_LABELS.get(role, role)), kind, labels.get(kind, kind), people)
        for (role, kind), people in sorted(totals.items())
    ]


def participation_figures() -> QuerySet[ParticipationFigure]:
    """Every snapshot row, for the open data download."""
    return ParticipationFigure.objects.select_related("ward").order_by(
        "-is_window", "period_start", "ward__name", "role", "kind"
    )
