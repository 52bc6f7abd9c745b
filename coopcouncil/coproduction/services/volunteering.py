"""Writes for volunteering: post opportunities and shifts, sign up and cancel, confirm hours.

A shift is never overbooked: a sign-up takes a place with one conditional update
(``booked = booked + 1 WHERE booked < places``), which the database applies one at a time
to the shift's row, so of 200 people pressing "sign up" for 50 places at once exactly 50
get one. A check constraint (``shift_never_overbooked``) backs it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from coopcouncil.coproduction import policy
from coopcouncil.coproduction.logic.time_credits import credits_for_hours
from coopcouncil.coproduction.logic.volunteering import (
    check_confirmed_hours,
    safeguarding_problem,
)
from coopcouncil.coproduction.models import (
    CreditAccount,
    CreditEntry,
    Opportunity,
    SafeguardingCheck,
    Shift,
    SignUp,
)
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor, acting_user, verified_residency
from coopcouncil.places.models import Ward

# The words for ``logic.volunteering.check_confirmed_hours``'s codes, in the reader's language.
HOURS_PROBLEMS = {
    "hours_not_positive": gettext_lazy("Confirm more than zero hours."),
    "hours_too_many": gettext_lazy("One shift cannot be more than 24 hours."),
    "hours_not_quarter": gettext_lazy("Give hours in quarter hours, e.g. 2.25."),
}


def opportunity_post(
    *,
    actor: Actor,
    role: str,
    place: str,
    ward: Ward,
    organisation: Organisation | None = None,
    description: str = "",
    skills: str = "",
    is_check_needed: bool = False,
    is_gritting: bool = False,
) -> Opportunity:
    """An organisation (or the council, naming none) posts a volunteering role."""
    require(actor, "coproduction.post_opportunity", organisation)
    if not role.strip():
        raise DomainError("role_required", gettext("Name the volunteering role."), "role")
    if not place.strip():
        raise DomainError("place_required", gettext("Say where the volunteering happens."), "place")
    with transaction.atomic():
        opportunity = Opportunity.objects.create(
            role=role.strip(),
            place=place.strip(),
            ward=ward,
            organisation=organisation,
            organiser=acting_user(actor),
            description=description.strip(),
            skills=skills.strip(),
            is_check_needed=is_check_needed,
            is_gritting=is_gritting,
        )
        audit_record(
            actor=actor,
            action="coproduction.opportunity_posted",
            target=opportunity,
            summary=f"{opportunity.role} in {ward}",
        )
    return opportunity


def shift_add(
    *, actor: Actor, opportunity: Opportunity, starts_at: datetime, ends_at: datetime, places: int
) -> Shift:
    """The organiser adds a shift with a number of places."""
    require(actor, "coproduction.organise", opportunity)
    if ends_at <= starts_at:
        raise DomainError(
            "shift_ends_before_start", gettext("A shift must end after it starts."), "ends_at"
        )
    if places < 1:
        raise DomainError("places_not_positive", gettext("Offer at least one place."), "places")
    with transaction.atomic():
        shift = Shift.objects.create(
            opportunity=opportunity, starts_at=starts_at, ends_at=ends_at, places=places
        )
        audit_record(
            actor=actor,
            action="coproduction.shift_added",
            target=shift,
            summary=f"{opportunity}: {places} places from {starts_at:%Y-%m-%d %H:%M}",
        )
    return shift


def safeguarding_check_record(
    *, actor: Actor, person: User, checked_on: date, expires_on: date
) -> SafeguardingCheck:
    """An officer records that they saw a person's DBS check, and when it expires."""
    require(actor, "coproduction.record_safeguarding_check")
    if expires_on <= checked_on:
        raise DomainError(
            "check_expires_before_checked",
            gettext("A check must expire after the date it was made."),
            "expires_on",
        )
    with transaction.atomic():
        check = SafeguardingCheck.objects.create(
            person=person,
            checked_on=checked_on,
            expires_on=expires_on,
            recorded_by=acting_user(actor),
        )
        audit_record(
            actor=actor,
            action="coproduction.safeguarding_check_recorded",
            target=check,
            summary=f"DBS check recorded, expires {expires_on}",
        )
    return check


def _safeguarding_refusal(volunteer: User, shift: Shift) -> None:
    latest = SafeguardingCheck.objects.filter(person=volunteer).order_by("-expires_on").first()
    problem = safeguarding_problem(
        is_check_needed=shift.opportunity.is_check_needed,
        check_expires_on=latest.expires_on if latest else None,
        shift_starts_on=timezone.localtime(shift.starts_at).date(),
    )
    if problem == "no_check":
        raise DomainError(
            "safeguarding_check_needed",
            gettext(
                "This role needs a safeguarding (DBS) check and none is recorded for you."
                " Ask the organiser how to get one."
            ),
        )
    if problem == "check_expired" and latest is not None:
        raise DomainError(
            "safeguarding_check_expired",
            gettext(
                "This role needs a safeguarding (DBS) check in date on the day; yours expires on"
                " %(date)s."
            )
            % {"date": f"{latest.expires_on:%d %B %Y}"},
        )


def shift_sign_up(*, actor: Actor, shift: Shift, now: datetime | None = None) -> SignUp:
    """A resident takes a place on a shift: refused when full, started, or unchecked."""
    require(actor, "coproduction.volunteer", shift)
    volunteer = acting_user(actor)
    if volunteer is None:  # the rule admits only signed-in residents; this narrows the type
        raise Conflict("not_signed_in", gettext("Sign in to volunteer."))
    if shift.starts_at <= (now or timezone.now()):
        raise Conflict("shift_started", gettext("This shift has already started."))
    _safeguarding_refusal(volunteer, shift)
    try:
        with transaction.atomic():
            taken = Shift.objects.filter(pk=shift.pk, booked__lt=F("places")).update(
                booked=F("booked") + 1
            )
            if not taken:
                raise Conflict("shift_full", gettext("Sorry, this shift is full."))
            sign_up = SignUp.objects.create(shift=shift, volunteer=volunteer)
            audit_record(
                actor=actor,
                action="coproduction.signed_up",
                target=shift,
                summary=f"A volunteer signed up for {shift}",
            )
            email_after_commit(
                gettext("You are volunteering: %(role)s") % {"role": shift.opportunity.role},
                gettext("Thank you. You have a place on %(shift)s at %(place)s.")
                % {"shift": shift, "place": shift.opportunity.place},
                [volunteer.email],
            )
    except IntegrityError:
        raise Conflict(
            "already_signed_up", gettext("You already have a place on this shift.")
        ) from None
    return sign_up


def sign_up_cancel(*, actor: Actor, sign_up: SignUp, now: datetime | None = None) -> SignUp:
    """The volunteer gives up their place before the shift starts, freeing it for another."""
    person = acting_user(actor)
    if person is None or sign_up.volunteer_id != person.pk:
        require(actor, "coproduction.organise", sign_up.shift.opportunity)
    if sign_up.status != SignUp.Status.BOOKED:
        raise Conflict("not_booked", gettext("This place is not booked."))
    if sign_up.shift.starts_at <= (now or timezone.now()):
        raise Conflict("shift_started", gettext("This shift has already started."))
    with transaction.atomic():
        changed = SignUp.objects.filter(pk=sign_up.pk, status=SignUp.Status.BOOKED).update(
            status=SignUp.Status.CANCELLED
        )
        if not changed:
            raise Conflict("not_booked", gettext("This place is not booked."))
        Shift.objects.filter(pk=sign_up.shift_id).update(booked=F("booked") - 1)
        audit_record(
            actor=actor,
            action="coproduction.sign_up_cancelled",
            target=sign_up.shift,
            summary=f"A place on {sign_up.shift} was given up",
        )
    sign_up.refresh_from_db()
    return sign_up


def attendance_confirm(
    *, actor: Actor, sign_up: SignUp, hours: Decimal | None, now: datetime | None = None
) -> SignUp:
    """The organiser confirms the volunteer came and their hours, which earn time credits.

    ``hours`` None records that they did not come. A confirmed sign-up cannot be confirmed
    again, so credits are earned once for it (the ledger holds one earning per sign-up).
    """
    require(actor, "coproduction.organise", sign_up.shift.opportunity)
    now = now or timezone.now()
    if sign_up.shift.starts_at > now:
        raise Conflict(
            "shift_not_started", gettext("Confirm attendance once the shift has started.")
        )
    if hours is not None:
        problem = check_confirmed_hours(hours)
        if problem is not None:
            raise DomainError(problem.code, str(HOURS_PROBLEMS[problem.code]), "hours")
    with transaction.atomic():
        locked = SignUp.objects.select_for_update().get(pk=sign_up.pk)
        if locked.status != SignUp.Status.BOOKED:
            raise Conflict("already_confirmed", gettext("This attendance is already recorded."))
        locked.status = SignUp.Status.ABSENT if hours is None else SignUp.Status.ATTENDED
        locked.hours = hours
        locked.confirmed_at = now
        locked.save(update_fields=["status", "hours", "confirmed_at"])
        earned = 0
        if hours is not None and locked.volunteer is not None:
            earned = _credits_earn(locked, hours, now)
        audit_record(
            actor=actor,
            action="coproduction.attendance_confirmed",
            target=locked.shift,
            summary=f"{locked.get_status_display()}: {hours or 0} hours, {earned} credits",
        )
    return locked


def _credits_earn(sign_up: SignUp, hours: Decimal, now: datetime) -> int:
    earned = credits_for_hours(hours)
    if earned == 0:
        return 0
    volunteer = sign_up.volunteer
    residency = verified_residency(volunteer, now=now)
    account, _created = CreditAccount.objects.get_or_create(
        person=volunteer,
        defaults={"ward": residency.ward if residency else sign_up.shift.opportunity.ward},
    )
    CreditEntry.objects.create(account=account, amount=earned, sign_up=sign_up, at=now)
    CreditAccount.objects.filter(pk=account.pk).update(balance=F("balance") + earned)
    return earned


def shift_reminders_send(*, now: datetime | None = None) -> int:
    """Remind each volunteer of a shift starting soon, once; return the shifts reminded.

    Run by the scheduler (``coopcouncil coproduction remind``); the emails go through the
    task queue.
    """
    now = now or timezone.now()
    soon = now + timedelta(hours=policy.shift_reminder_hours())
    reminded = 0
    with transaction.atomic():
        shifts = Shift.objects.select_for_update().filter(
            is_reminded=False, starts_at__gt=now, starts_at__lte=soon
        )
        for shift in shifts.select_related("opportunity"):
            addresses = SignUp.objects.filter(
                shift=shift, status=SignUp.Status.BOOKED, volunteer__isnull=False
            ).values_list("volunteer__email", flat=True)
            email_after_commit(
                gettext("Reminder: %(role)s") % {"role": shift.opportunity.role},
                gettext("You are volunteering on %(shift)s at %(place)s. Thank you.")
                % {"shift": shift, "place": shift.opportunity.place},
                list(addresses),
            )
            shift.is_reminded = True
            shift.save(update_fields=["is_reminded"])
            reminded += 1
    return reminded
