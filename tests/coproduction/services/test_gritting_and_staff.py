"""Community gritting (routes, equipment, runs, alerts) and staff volunteering days."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from coopcouncil.coproduction.selectors import staff_days_remaining, staff_hours_given
from coopcouncil.coproduction.services import (
    equipment_issue,
    equipment_return,
    gritting_alert_send,
    gritting_log,
    gritting_route_add,
    gritting_route_adopt,
    staff_days_decide,
    staff_days_request,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(asset_officer, ward):
    return gritting_route_add(actor=asset_officer, ward=ward, name="Rochdale Road")


def test_a_resident_adopts_a_route_once_and_logs_gritting(route, volunteer, make_resident, ward):
    gritting_route_adopt(actor=volunteer, route=route)
    with pytest.raises(Conflict):
        gritting_route_adopt(actor=make_resident(ward), route=route)
    run = gritting_log(actor=volunteer, route=route)
    assert run.volunteer == volunteer


def test_only_the_adopter_logs_gritting_on_a_route(route, volunteer, make_resident, ward):
    gritting_route_adopt(actor=volunteer, route=route)
    with pytest.raises(NotAllowed):
        gritting_log(actor=make_resident(ward), route=route)


def test_equipment_is_issued_against_the_volunteer_and_cannot_go_out_twice(
    asset_officer, route, volunteer
):
    gritting_route_adopt(actor=volunteer, route=route)
    loan = equipment_issue(actor=asset_officer, route=route, kind="spreader", reference="SPR-1")
    assert loan.volunteer == volunteer
    with pytest.raises(Conflict):
        equipment_issue(actor=asset_officer, route=route, kind="spreader", reference="SPR-1")
    equipment_return(actor=asset_officer, loan=loan)
    assert equipment_issue(actor=asset_officer, route=route, kind="spreader", reference="SPR-1")


def test_an_alert_tells_the_volunteers_on_the_districts_routes_only(
    asset_officer, route, volunteer, other_ward, make_resident, django_capture_on_commit_callbacks
):
    gritting_route_adopt(actor=volunteer, route=route)
    elsewhere = gritting_route_add(actor=asset_officer, ward=other_ward, name="Moor Lane")
    gritting_route_adopt(actor=make_resident(other_ward), route=elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        alert = gritting_alert_send(actor=asset_officer, district=route.ward.district)
    assert alert.volunteers_told == 1
    assert [message.to for message in mail.outbox] == [[volunteer.email]]


def test_residents_cannot_send_gritting_alerts(volunteer, ward):
    with pytest.raises(NotAllowed):
        gritting_alert_send(actor=volunteer, district=ward.district)


@pytest.fixture
def employee(make_role):
    return make_role("officer", "Eve Employee", team="finance")


@pytest.fixture
def manager(make_role):
    return make_role("officer", "Max Manager", team="finance")


def test_an_employee_has_three_days_a_year_by_default_and_the_setting_changes_it(
    employee, settings
):
    assert staff_days_remaining(employee, on_date=date(2026, 6, 1)) == Decimal(3)
    settings.COOPCOUNCIL_STAFF_VOLUNTEERING_DAYS = 5
    assert staff_days_remaining(employee, on_date=date(2026, 6, 1)) == Decimal(5)


def test_a_request_waits_for_the_manager_and_counts_against_the_days_left(employee, manager):
    request = staff_days_request(
        actor=employee,
        manager=manager,
        on_date=date(2026, 6, 1),
        days=Decimal(2),
        hours=Decimal(15),
        cause="Food bank",
    )
    assert request.status == "waiting"
    assert staff_days_remaining(employee, on_date=date(2026, 6, 1)) == Decimal(1)
    with pytest.raises(DomainError) as refused:
        staff_days_request(
            actor=employee,
            manager=manager,
            on_date=date(2026, 7, 1),
            days=Decimal(2),
            hours=Decimal(15),
            cause="Park",
        )
    assert refused.value.code == "days_over_entitlement" and "1" in refused.value.message


def test_only_the_named_manager_decides_never_the_employee(employee, manager, make_role):
    request = staff_days_request(
        actor=employee,
        manager=manager,
        on_date=date(2026, 6, 1),
        days=Decimal(1),
        hours=Decimal("7.5"),
        cause="Food bank",
    )
    with pytest.raises(NotAllowed):
        staff_days_decide(actor=employee, request=request, is_approved=True)
    with pytest.raises(NotAllowed):
        staff_days_decide(
            actor=make_role("officer", team="clerk"), request=request, is_approved=True
        )
    staff_days_decide(actor=manager, request=request, is_approved=True)
    assert staff_hours_given(on_date=date(2026, 6, 1)) == (Decimal("7.5"), 600)


def test_residents_are_not_staff_and_cannot_ask_for_days(volunteer, manager):
    with pytest.raises(NotAllowed):
        staff_days_request(
            actor=volunteer,
            manager=manager,
            on_date=date(2026, 6, 1),
            days=Decimal(1),
            hours=Decimal(7),
            cause="x",
        )
