"""Signing up, cancelling and confirming hours: places, safeguarding, credits, audit, email."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from coopcouncil.coproduction.models import CreditAccount, CreditEntry, Shift, SignUp
from coopcouncil.coproduction.selectors import volunteer_hours_for
from coopcouncil.coproduction.services import (
    attendance_confirm,
    opportunity_post,
    safeguarding_check_record,
    shift_reminders_send,
    shift_sign_up,
    sign_up_cancel,
)
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent

from ..conftest import make_shift

pytestmark = pytest.mark.django_db


def test_a_resident_takes_a_place_is_emailed_and_the_shift_counts_it(
    shift, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up = shift_sign_up(actor=volunteer, shift=shift)
    assert sign_up.status == "booked"
    assert Shift.objects.get(pk=shift.pk).booked == 1
    assert AuditEvent.objects.filter(action="coproduction.signed_up").count() == 1
    assert mail.outbox[-1].to == [volunteer.email]


def test_a_full_shift_refuses_the_next_person(organiser, opportunity, make_resident, ward):
    shift = make_shift(organiser, opportunity, places=1)
    shift_sign_up(actor=make_resident(ward), shift=shift)
    with pytest.raises(Conflict) as refused:
        shift_sign_up(actor=make_resident(ward), shift=shift)
    assert refused.value.code == "shift_full"
    assert Shift.objects.get(pk=shift.pk).booked == 1


def test_the_same_person_cannot_take_two_places_on_a_shift(shift, volunteer):
    shift_sign_up(actor=volunteer, shift=shift)
    with pytest.raises(Conflict) as refused:
        shift_sign_up(actor=volunteer, shift=shift)
    assert refused.value.code == "already_signed_up"
    assert Shift.objects.get(pk=shift.pk).booked == 1


def test_someone_without_a_verified_residency_is_refused_with_the_reason(shift, make_user):
    with pytest.raises(NotAllowed) as refused:
        shift_sign_up(actor=make_user(), shift=shift)
    assert "Verify your home address" in refused.value.message


def test_a_role_needing_a_dbs_check_refuses_someone_with_none_and_names_the_reason(
    organiser, ward, volunteer
):
    reading = opportunity_post(
        actor=organiser, role="Reading buddy", place="Library", ward=ward, is_check_needed=True
    )
    shift = make_shift(organiser, reading)
    with pytest.raises(DomainError) as refused:
        shift_sign_up(actor=volunteer, shift=shift)
    assert refused.value.code == "safeguarding_check_needed"
    assert "safeguarding (DBS) check" in refused.value.message
    assert not SignUp.objects.exists()


def test_a_dbs_check_expiring_before_the_shift_is_refused_with_its_date(
    organiser, asset_officer, ward, volunteer
):
    reading = opportunity_post(
        actor=organiser, role="Reading buddy", place="Library", ward=ward, is_check_needed=True
    )
    shift = make_shift(organiser, reading, days_ahead=10)
    today = timezone.localdate()
    safeguarding_check_record(
        actor=asset_officer,
        person=volunteer,
        checked_on=today - timedelta(days=1000),
        expires_on=today + timedelta(days=2),
    )
    with pytest.raises(DomainError) as refused:
        shift_sign_up(actor=volunteer, shift=shift)
    assert refused.value.code == "safeguarding_check_expired"
    assert f"{today + timedelta(days=2):%d %B %Y}" in refused.value.message


def test_a_volunteer_with_a_dbs_check_in_date_takes_the_place(
    organiser, asset_officer, ward, volunteer
):
    reading = opportunity_post(
        actor=organiser, role="Reading buddy", place="Library", ward=ward, is_check_needed=True
    )
    shift = make_shift(organiser, reading)
    safeguarding_check_record(
        actor=asset_officer,
        person=volunteer,
        checked_on=date(2025, 1, 1),
        expires_on=date(2099, 1, 1),
    )
    assert shift_sign_up(actor=volunteer, shift=shift).status == "booked"


def test_only_officers_record_safeguarding_checks(volunteer):
    with pytest.raises(NotAllowed):
        safeguarding_check_record(
            actor=volunteer,
            person=volunteer,
            checked_on=date(2025, 1, 1),
            expires_on=date(2099, 1, 1),
        )


def test_cancelling_frees_the_place_for_someone_else(organiser, opportunity, make_resident, ward):
    shift = make_shift(organiser, opportunity, places=1)
    first = shift_sign_up(actor=make_resident(ward), shift=shift)
    sign_up_cancel(actor=first.volunteer, sign_up=first)
    assert Shift.objects.get(pk=shift.pk).booked == 0
    assert shift_sign_up(actor=make_resident(ward), shift=shift).status == "booked"


def test_nobody_else_may_cancel_a_volunteers_place(shift, volunteer, make_resident, ward):
    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    with pytest.raises(NotAllowed):
        sign_up_cancel(actor=make_resident(ward), sign_up=sign_up)


def test_confirmed_hours_earn_one_credit_per_whole_hour_once(confirmed, organiser, volunteer):
    account = CreditAccount.objects.get(person=volunteer)
    assert account.balance == 3
    assert CreditEntry.objects.get(account=account).amount == 3
    assert volunteer_hours_for(volunteer) == Decimal(3)
    with pytest.raises(Conflict) as again:
        attendance_confirm(
            actor=organiser,
            sign_up=confirmed,
            hours=Decimal(5),
            now=confirmed.shift.ends_at,
        )
    assert again.value.code == "already_confirmed"
    assert CreditAccount.objects.get(person=volunteer).balance == 3


def test_an_absence_earns_nothing(organiser, shift, volunteer):
    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    absent = attendance_confirm(actor=organiser, sign_up=sign_up, hours=None, now=shift.ends_at)
    assert absent.status == "absent"
    assert not CreditAccount.objects.exists()


def test_only_the_organiser_confirms_hours(shift, volunteer, make_role):
    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    stranger = make_role("officer", team="finance")
    with pytest.raises(NotAllowed):
        attendance_confirm(actor=stranger, sign_up=sign_up, hours=Decimal(2), now=shift.ends_at)
    with pytest.raises(NotAllowed):
        attendance_confirm(actor=volunteer, sign_up=sign_up, hours=Decimal(2), now=shift.ends_at)


def test_hours_cannot_be_confirmed_before_the_shift_or_in_odd_fractions(
    organiser, shift, volunteer
):
    sign_up = shift_sign_up(actor=volunteer, shift=shift)
    with pytest.raises(Conflict):
        attendance_confirm(actor=organiser, sign_up=sign_up, hours=Decimal(2))
    with pytest.raises(DomainError) as odd:
        attendance_confirm(
            actor=organiser, sign_up=sign_up, hours=Decimal("1.1"), now=shift.ends_at
        )
    assert odd.value.code == "hours_not_quarter" and odd.value.field == "hours"


def test_volunteers_are_reminded_of_a_shift_starting_soon_once(
    organiser, opportunity, volunteer, django_capture_on_commit_callbacks
):
    soon = make_shift(organiser, opportunity, days_ahead=0)
    Shift.objects.filter(pk=soon.pk).update(
        starts_at=timezone.now() + timedelta(hours=5), ends_at=timezone.now() + timedelta(hours=8)
    )
    shift_sign_up(actor=volunteer, shift=Shift.objects.get(pk=soon.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert shift_reminders_send() == 1
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    assert shift_reminders_send() == 0
