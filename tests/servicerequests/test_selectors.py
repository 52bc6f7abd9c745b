"""Reads insight relies on: a service's time to fix in a district and month."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from coopcouncil.servicerequests.models import ServiceRequest, Stage
from coopcouncil.servicerequests.selectors import time_to_fix

LONDON = ZoneInfo("Europe/London")


def make_request(categories, ward, code: str, received: datetime, closed: datetime | None):
    return ServiceRequest.objects.create(
        category=categories[code],
        latitude="53.548210",
        longitude="-2.119870",
        location_key="53.548,-2.120",
        ward=ward,
        district=ward.district,
        stage=Stage.CLOSED if closed else Stage.RECEIVED,
        token=f"t{ServiceRequest.objects.count()}",
        requested_at=received,
        updated_at=closed or received,
        closed_at=closed,
    )


def test_time_to_fix_counts_one_service_in_the_month_by_london_days(sr_world, ward):
    """Months and days are London's: 00:30 on 1 August (BST) is 23:30 on 31 July in UTC."""
    august_first = datetime(2026, 8, 1, 0, 30, tzinfo=LONDON)
    make_request(sr_world, ward, "FLY_TIPPING", august_first, august_first + timedelta(days=2))
    make_request(sr_world, ward, "FLY_TIPPING", august_first, august_first + timedelta(days=3))
    make_request(sr_world, ward, "POTHOLE", august_first, None)
    make_request(sr_world, ward, "FLY_TIPPING", august_first - timedelta(hours=1), None)
    figure = time_to_fix(
        category_code="FLY_TIPPING",
        district=ward.district,
        month=date(2026, 8, 1),
        deadline=lambda day: day + timedelta(days=2),
    )
    assert (figure.judged, figure.in_time) == (2, 1)


def test_time_to_fix_reads_a_fixed_number_of_queries(sr_world, ward, django_assert_max_num_queries):
    for day in range(1, 20):
        received = datetime(2026, 8, day, 10, tzinfo=LONDON)
        make_request(sr_world, ward, "FLY_TIPPING", received, received + timedelta(days=1))
    with django_assert_max_num_queries(1):
        figure = time_to_fix(
            category_code="FLY_TIPPING",
            district=ward.district,
            month=date(2026, 8, 1),
            deadline=lambda day: day + timedelta(days=2),
        )
    assert figure.share_percent == 100
