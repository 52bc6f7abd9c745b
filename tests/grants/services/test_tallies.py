"""The dashboards' running totals: kept by the services as applications move, equal to a
fresh recount after any mix of operations, and recounted by ``rebuild-totals``."""

from __future__ import annotations

import threading
from dataclasses import astuple
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import Application, MonitoringReport, WardTally
from coopcouncil.grants.services.tallies import tally_rows

TALLY_FIELDS = (
    "applications",
    "awarded_pence",
    "reports_received",
    "people_reached",
    "volunteers",
    "volunteer_hours",
)


def _kept() -> dict[tuple, tuple]:
    """The running totals the services kept (rows emptied by moves count as absent)."""
    rows = {}
    for tally in WardTally.objects.all():
        figures = tuple(getattr(tally, field) for field in TALLY_FIELDS)
        if any(figures):
            rows[(tally.round_id, tally.ward_id, tally.status)] = figures
    return rows


def _recounted() -> dict[tuple, tuple]:
    return {
        (t.round_id, t.ward_id, t.status): tuple(getattr(t, field) for field in TALLY_FIELDS)
        for t in tally_rows(
            application_model=Application, report_model=MonitoringReport, tally_model=WardTally
        )
    }


@pytest.fixture
def call_in(make_resident):
    """Suspend an award's decision with a call-in (one signature reaches a threshold of one)."""
    from coopcouncil.democracy.models import CallInPetition
    from coopcouncil.democracy.services import decisions

    def suspend(application):
        CallInPetition.objects.filter(decision=application.decision).update(threshold=1)
        decision = decisions.call_in_decision_get(application.decision_id)
        decisions.call_in_sign(resident=make_resident(application.ward), decision=decision)

    return suspend


def test_kept_totals_equal_a_recount_after_a_mix_of_operations(
    make_application, score_all, district_officer, partnership, member, fund, call_in
):
    """Every submission, check, award, part award, decline and report moves the totals
    exactly as a recount from the applications would; the dashboard is the same either way,
    including an award suspended by a call-in."""
    make_application("draft")
    make_application("submitted")
    services.application_eligibility_record(
        actor=district_officer,
        application=make_application("submitted"),
        is_eligible=False,
        note="Not a community group",
    )
    make_application()
    decided = []
    for outcome, amount in (
        (services.AWARD, 0),
        (services.PART_AWARD, 400_000),
        (services.DECLINE, 0),
    ):
        decided.append(
            services.application_decide(
                actor=district_officer,
                application=score_all(make_application()),
                outcome=outcome,
                amount_pence=amount,
                reasons="Panel's reasons",
            )
        )
    report = services.monitoring_report_request(
        actor=district_officer,
        application=decided[0],
        due_on=timezone.localdate() + timedelta(days=30),
    )
    services.monitoring_report_submit(
        actor=member,
        report=report,
        outcomes_achieved="Turbine ordered",
        volunteers=10,
        volunteer_hours=120,
        people_reached=300,
        spend_pence=900_000,
    )
    call_in(decided[1])

    assert _kept() == _recounted()
    figures = selectors.dashboard(fund=fund)
    assert (figures.applications, figures.decided, figures.awarded) == (
        6,
        2,
        1,
    )  # the part award is suspended
    assert (figures.people_reached, figures.reports_received) == (300, 1)
    assert services.tallies_rebuild() == len(_recounted())
    assert astuple(selectors.dashboard(fund=fund)) == astuple(figures)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers")
def test_simultaneous_submissions_all_count(make_application, member):
    """Groups submitting at once into the same round and ward each add one: the row is
    created once and every ``F()`` update lands."""
    drafts = [make_application("draft") for _ in range(6)]
    barrier = threading.Barrier(len(drafts))

    def submit(application: Application) -> None:
        try:
            barrier.wait()
            services.application_submit(
                actor=member, application=Application.objects.get(pk=application.pk)
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _kept() == _recounted()
    assert sum(figures[0] for figures in _kept().values()) == len(drafts)
