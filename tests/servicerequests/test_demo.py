"""The demo year: seasons, hot spots, idempotent, and the selectors insight reads."""

from django.utils import timezone

from coopcouncil.servicerequests import selectors, services
from coopcouncil.servicerequests.demo import demo_load, demo_requests
from coopcouncil.servicerequests.models import ServiceRequest, Source


def test_running_the_demo_twice_adds_nothing_the_second_time(places):
    first = demo_load()
    count = ServiceRequest.objects.count()
    assert count > 5000 and "illustrative reports" in first
    demo_load()
    assert ServiceRequest.objects.count() == count


def test_potholes_peak_in_winter_and_fly_tipping_in_summer(sr_world):
    made = demo_requests(categories=sr_world, now=timezone.now(), scale=0.5)
    by_month: dict[tuple[str, int], int] = {}
    for report in made:
        key = (report.category.code, timezone.localtime(report.requested_at).month)
        by_month[key] = by_month.get(key, 0) + 1
    assert by_month[("POTHOLE", 1)] > 2 * by_month[("POTHOLE", 7)]
    assert by_month[("FLY_TIPPING", 7)] > by_month[("FLY_TIPPING", 1)]
    assert all(r.source == Source.DEMO for r in made)


def test_the_same_seed_makes_the_same_year(sr_world):
    now = timezone.now()
    first = demo_requests(categories=sr_world, now=now, scale=0.05)
    second = demo_requests(categories=sr_world, now=now, scale=0.05)
    assert [(r.latitude, r.requested_at) for r in first] == [
        (r.latitude, r.requested_at) for r in second
    ]


def test_hot_spots_show_as_repeat_locations(sr_world, west_oldham):
    ServiceRequest.objects.bulk_create(
        demo_requests(categories=sr_world, now=timezone.now(), scale=0.5)
    )
    services.demand_rollup_rebuild()
    demand = selectors.area_demand(district=west_oldham, through=timezone.now())
    assert demand.repeat_locations and demand.repeat_locations[0].reports >= 3
    assert demand.causes and demand.failure_demand > 0


def test_demand_counts_for_insight_add_up_to_the_requests(sr_world, report):
    (count,) = selectors.demand_counts()
    assert (count.district_slug, count.ward_code, count.category_code, count.reported) == (
        "west-oldham",
        "OLD08",
        "FLY_TIPPING",
        1,
    )


def test_reports_are_not_counted_as_delivering_services(sr_world, report):
    """Issue 17 counts only volunteering hours and assets managed as delivering services:
    a report is not a source of participation at scale, though the reporter's profile
    still lists it."""
    sources = selectors.participation_sources()
    assert {(s.role, s.kind) for s in sources} == {("deciding", "reference_group_comments")}
    assert selectors.user_requests(report.reporter) == [report]
