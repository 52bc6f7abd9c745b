"""Co-production's writes; import them from here. Each checks its rule, audits, and emails
after commit. ``coproduction_erase`` is the app's part of a person's erasure."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coopcouncil.coproduction.models import (
    CommunityValueNomination,
    CreditAccount,
    CreditRedemption,
    EquipmentLoan,
    GrittingRoute,
    GrittingRun,
    LeaseApplication,
    Opportunity,
    SafeguardingCheck,
    Shift,
    SignUp,
    StaffVolunteeringRequest,
)
from coopcouncil.coproduction.services.assets import (
    assets_import,
    commitment_return_record,
    community_value_list,
    community_value_nominate,
    community_value_notice_record,
    lease_apply,
    lease_decide,
    meanwhile_licence_grant,
)
from coopcouncil.coproduction.services.gritting import (
    equipment_issue,
    equipment_return,
    gritting_alert_send,
    gritting_log,
    gritting_route_add,
    gritting_route_adopt,
)
from coopcouncil.coproduction.services.staff_volunteering import (
    staff_days_decide,
    staff_days_request,
)
from coopcouncil.coproduction.services.time_credits import (
    Redeemed,
    credit_offer_create,
    credit_redeem,
    credits_spend,
)
from coopcouncil.coproduction.services.volunteering import (
    attendance_confirm,
    opportunity_post,
    safeguarding_check_record,
    shift_add,
    shift_reminders_send,
    shift_sign_up,
    sign_up_cancel,
)
from coopcouncil.people.models import User

__all__ = [
    "Redeemed",
    "assets_import",
    "attendance_confirm",
    "commitment_return_record",
    "community_value_list",
    "community_value_nominate",
    "community_value_notice_record",
    "coproduction_erase",
    "credit_offer_create",
    "credit_redeem",
    "credits_spend",
    "equipment_issue",
    "equipment_return",
    "gritting_alert_send",
    "gritting_log",
    "gritting_route_add",
    "gritting_route_adopt",
    "lease_apply",
    "lease_decide",
    "meanwhile_licence_grant",
    "opportunity_post",
    "safeguarding_check_record",
    "shift_add",
    "shift_reminders_send",
    "shift_sign_up",
    "sign_up_cancel",
    "staff_days_decide",
    "staff_days_request",
]


def coproduction_erase(*, user: User) -> None:
    """Remove the person from co-production, keeping every count right without them.

    Places they hold on shifts still to come are given up (freed for others); hours given,
    credits, gritting runs and staff days stay, no longer linked to anyone; DBS checks go.
    The caller (people's ``user_erase``) holds the transaction and writes the audit event.
    """
    with transaction.atomic():
        future = SignUp.objects.filter(
            volunteer=user, status=SignUp.Status.BOOKED, shift__starts_at__gt=timezone.now()
        )
        for shift_id in list(future.values_list("shift_id", flat=True)):
            Shift.objects.filter(pk=shift_id).update(booked=F("booked") - 1)
        future.update(status=SignUp.Status.CANCELLED)
        SignUp.objects.filter(volunteer=user).update(volunteer=None)
        SafeguardingCheck.objects.filter(person=user).delete()
        SafeguardingCheck.objects.filter(recorded_by=user).update(recorded_by=None)
        CreditAccount.objects.filter(person=user).update(person=None)
        CreditRedemption.objects.filter(redeemed_by=user).update(redeemed_by=None)
        GrittingRoute.objects.filter(volunteer=user).update(volunteer=None, adopted_at=None)
        EquipmentLoan.objects.filter(volunteer=user).update(volunteer=None)
        GrittingRun.objects.filter(volunteer=user).update(volunteer=None)
        StaffVolunteeringRequest.objects.filter(employee=user).update(employee=None)
        StaffVolunteeringRequest.objects.filter(manager=user).update(manager=None)
        Opportunity.objects.filter(organiser=user).update(organiser=None)
        LeaseApplication.objects.filter(submitted_by=user).update(submitted_by=None)
        CommunityValueNomination.objects.filter(nominated_by=user).update(nominated_by=None)
