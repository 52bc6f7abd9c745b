"""The kept monthly counts always equal the requests counted afresh, whatever staff do."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopcouncil.servicerequests import selectors, services
from coopcouncil.servicerequests.models import DemandMonth, DemandSpot, ServiceRequest, Stage
from tests.servicerequests.conftest import COLDHURST


def kept() -> list[tuple]:
    rows = DemandMonth.objects.filter(reported__gt=0).values_list(
        "ward_id", "category_id", "month", "root_cause", "reported", "closed", "failure_demand"
    )
    return sorted(rows)


def counted_afresh() -> list[tuple]:
    rows = selectors.demand_month_rows(ServiceRequest.objects.all())
    return sorted(
        (
            r["ward_id"],
            r["category_id"],
            r["month"],
            r["root_cause"],
            r["reported"],
            r["closed"],
            r["failure_demand"],
        )
        for r in rows
    )


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["report", "close", "reopen", "tag", "untag", "assign"]),
        st.integers(0, 4),
        st.integers(0, 400),
    ),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_kept_counts_equal_a_fresh_count_after_any_handling(
    sr_world, reporter, team_officer, steps
):
    ServiceRequest.objects.all().delete()
    DemandMonth.objects.all().delete()
    DemandSpot.objects.all().delete()
    location = services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1])
    now = timezone.now()
    for action, pick, days_ago in steps:
        reports = list(ServiceRequest.objects.order_by("pk"))
        report = reports[pick % len(reports)] if reports else None
        if action == "report" or report is None:
            services.service_request_report(
                actor=reporter,
                category=sr_world["DOG_FOULING" if pick % 2 else "POTHOLE"],
                description="",
                location=location,
                now=now - timedelta(days=days_ago),
            )
        elif action == "close" and report.stage != Stage.CLOSED:
            services.service_request_update(
                actor=team_officer, request=report, stage=Stage.CLOSED, note="Done"
            )
        elif action == "reopen" and report.stage != Stage.RECEIVED:
            services.service_request_update(
                actor=team_officer, request=report, stage=Stage.RECEIVED, note="Back"
            )
        elif action in ("tag", "untag"):
            services.service_request_tag(
                actor=team_officer,
                request=report,
                root_cause="wear" if action == "tag" else "",
                is_failure_demand=action == "tag" and pick % 2 == 0,
            )
        elif action == "assign" and report.stage != Stage.CLOSED:
            services.service_request_assign(
                actor=team_officer, request=report, assignee=team_officer
            )
    assert kept() == counted_afresh()
    assert kept_spots() == spots_afresh()


def kept_spots() -> list[tuple]:
    return sorted(DemandSpot.objects.values_list("ward_id", "location_key", "month", "reports"))


def spots_afresh() -> list[tuple]:
    rows = selectors.demand_spot_rows(ServiceRequest.objects.all())
    return sorted((r["ward_id"], r["location_key"], r["month"], r["reports"]) for r in rows)


def test_a_rebuild_recounts_requests_written_in_bulk(sr_world, report):
    DemandMonth.objects.all().delete()
    assert services.demand_rollup_rebuild() == 1
    assert kept() == counted_afresh()
    assert (
        kept_spots() == spots_afresh() == [(report.ward_id, report.location_key, kept()[0][2], 1)]
    )
