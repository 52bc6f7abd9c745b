"""After the award: instalments against milestones, finance's approval, monitoring, clawback,
and the co-production dividend credited from a verified saving."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.budgets.services import commitment_record
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import require
from coopcouncil.grants import policy
from coopcouncil.grants.logic.dividend import credit_for
from coopcouncil.grants.models import (
    Application,
    Clawback,
    ClawbackDue,
    DividendEntry,
    Instalment,
    MonitoringReport,
    VerifiedSaving,
)
from coopcouncil.grants.selectors.awards import recovered_pence
from coopcouncil.grants.selectors.clawbacks import clawback_owed_pence
from coopcouncil.grants.services.funds import fund_income_record
from coopcouncil.grants.services.tallies import tally_report
from coopcouncil.people.models import Organisation
from coopcouncil.people.selectors import Actor, acting_user


def _awarded(application: Application) -> None:
    """An award, suspended by a call-in or not; one withdrawn after a call-in is none."""
    if not application.holds_award:
        raise Conflict("not_awarded", gettext("Only an award has payments and reports."))


def _payable(application: Application) -> None:
    """Money is paid only on an award in force: a called-in decision is suspended until
    the review's outcome, and one the review withdrew pays nothing more."""
    _awarded(application)
    if application.is_award_suspended:
        raise Conflict(
            "award_suspended",
            gettext(
                "This award is suspended by a call-in: nothing is paid until the review decides."
            ),
        )


def instalment_schedule(
    *, actor: Actor, application: Application, milestone: str, amount_pence: int, due_on: date
) -> Instalment:
    """Plan an instalment; all instalments together never exceed the award."""
    require(actor, "grants.schedule_payments", application)
    _awarded(application)
    if not milestone.strip():
        raise DomainError("milestone_required", gettext("Name the milestone."), "milestone")
    if type(amount_pence) is not int or amount_pence <= 0:
        raise DomainError(
            "amount_invalid", gettext("An instalment is more than £0.00."), "amount_pence"
        )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        planned = locked.instalments.aggregate(t=Sum("amount_pence"))["t"] or 0
        if planned + amount_pence > locked.awarded_pence:
            raise Conflict(
                "instalments_exceed_award",
                gettext("Instalments would total more than the %(award)s awarded.")
                % {"award": format_pence(locked.awarded_pence)},
                "amount_pence",
            )
        instalment = Instalment.objects.create(
            application=locked,
            milestone=milestone.strip(),
            amount_pence=amount_pence,
            due_on=due_on,
        )
        audit_record(
            actor=actor,
            action="grants.instalment_scheduled",
            target=instalment,
            summary=f"{locked.title}: {format_pence(amount_pence)} on {milestone}",
        )
    return instalment


def _with_award_locked(application_id: int) -> Application:
    """The award with its row locked: a call-in suspending its decision moves the award's
    standing in the same transaction (``award_standing_follow``), so it waits for this
    payment or is seen by it: never a payment on a suspended award."""
    return Application.objects.select_for_update().get(pk=application_id)


def instalment_approve(
    *, actor: Actor, instalment: Instalment, now: datetime | None = None
) -> Instalment:
    """Finance approves paying an instalment once its milestone is met."""
    require(actor, "grants.approve_payment", instalment)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Instalment.objects.select_for_update().get(pk=instalment.pk)
        if locked.status == Instalment.Status.APPROVED:
            raise Conflict("already_approved", gettext("This instalment is already approved."))
        _payable(_with_award_locked(locked.application_id))
        locked.status = Instalment.Status.APPROVED
        locked.approved_by = acting_user(actor)
        locked.approved_at = now
        locked.commitment = _monitoring_commitment(actor, locked, now)
        locked.save(update_fields=["status", "approved_by", "approved_at", "commitment"])
        audit_record(
            actor=actor,
            action="grants.instalment_approved",
            target=locked,
            summary=f"{format_pence(locked.amount_pence)} approved: {locked.milestone}",
        )
    return locked


def _monitoring_commitment(actor: Actor, instalment: Instalment, now: datetime):
    """The approved payment as a commitment on the fund's budget line, citing the award's
    decision, so budget monitoring counts it; None when the fund names no line."""
    application = Application.objects.select_related(
        "round__fund__budget_line", "ward__district", "decision"
    ).get(pk=instalment.application_id)
    line = application.round.fund.budget_line
    if line is None or application.ward is None:
        return None
    return commitment_record(
        actor=actor,
        district=application.ward.district,
        line=line,
        amount_pence=instalment.amount_pence,
        description=f"Grant: {application.title} ({instalment.milestone})"[:200],
        committed_on=timezone.localdate(now),
        decision=application.decision,
        ward=application.ward if line.is_devolved_to_wards else None,
    )


def monitoring_report_request(
    *, actor: Actor, application: Application, due_on: date
) -> MonitoringReport:
    """Ask the grantee for a report by ``due_on``."""
    require(actor, "grants.schedule_payments", application)
    _awarded(application)
    with transaction.atomic():
        report = MonitoringReport.objects.create(application=application, due_on=due_on)
        audit_record(
            actor=actor,
            action="grants.report_requested",
            target=report,
            summary=f"{application.title}: report due {due_on:%d %B %Y}",
        )
    return report


def monitoring_report_submit(
    *,
    actor: Actor,
    report: MonitoringReport,
    outcomes_achieved: str,
    volunteers: int,
    volunteer_hours: int,
    people_reached: int,
    spend_pence: int,
    now: datetime | None = None,
) -> MonitoringReport:
    """The grantee reports outcomes achieved, volunteers, hours, people reached and spend."""
    require(actor, "grants.report_monitoring", report.application)
    if not outcomes_achieved.strip():
        raise DomainError(
            "outcomes_required", gettext("Say what the grant achieved."), "outcomes_achieved"
        )
    for name, value in (
        ("volunteers", volunteers),
        ("volunteer_hours", volunteer_hours),
        ("people_reached", people_reached),
        ("spend_pence", spend_pence),
    ):
        if value < 0:
            raise DomainError("negative", gettext("This cannot be negative."), name)
    with transaction.atomic():
        locked = MonitoringReport.objects.select_for_update().get(pk=report.pk)
        if locked.submitted_at is not None:
            raise Conflict("report_submitted", gettext("This report is already in."))
        locked.outcomes_achieved = outcomes_achieved.strip()
        locked.volunteers = volunteers
        locked.volunteer_hours = volunteer_hours
        locked.people_reached = people_reached
        locked.spend_pence = spend_pence
        locked.submitted_at = now or timezone.now()
        locked.save()
        tally_report(report=locked, application=locked.application)
        audit_record(
            actor=actor,
            action="grants.report_submitted",
            target=locked,
            summary=f"Report for {locked.application}",
        )
    return locked


def clawback_record(
    *, actor: Actor, application: Application, amount_pence: int, reason: str
) -> Clawback:
    """Recover unspent money, or what a withdrawn award's group owes (``ClawbackDue``); it
    returns to the fund as income (once per clawback)."""
    require(actor, "grants.record_clawback", application)
    if not ClawbackDue.objects.filter(application=application).exists():
        _awarded(application)
    if type(amount_pence) is not int or amount_pence <= 0:
        raise DomainError(
            "amount_invalid", gettext("A clawback is more than £0.00."), "amount_pence"
        )
    if not reason.strip():
        raise DomainError("reason_required", gettext("Say why the money is recovered."), "reason")
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("round__fund")
            .get(pk=application.pk)
        )
        if not locked.holds_award:
            # Withdrawn after a call-in: what was paid on it and not yet back is owed.
            if amount_pence > clawback_owed_pence(locked):
                raise Conflict(
                    "clawback_exceeds_due",
                    gettext("More than the group owes cannot be recovered."),
                    "amount_pence",
                )
        elif recovered_pence(locked) + amount_pence > locked.awarded_pence:
            raise Conflict(
                "clawback_exceeds_award",
                gettext("More than the award cannot be recovered."),
                "amount_pence",
            )
        clawback = Clawback.objects.create(
            application=locked,
            amount_pence=amount_pence,
            reason=reason.strip(),
            recorded_by=acting_user(actor),
        )
        fund_income_record(
            actor=None,
            fund=locked.round.fund,
            amount_pence=amount_pence,
            source="clawback",
            reference=f"clawback-{clawback.pk}",
        )
        audit_record(
            actor=actor,
            action="grants.clawback_recorded",
            target=clawback,
            summary=f"{locked.title}: {format_pence(amount_pence)} returned to the fund",
        )
    return clawback


def saving_record(
    *,
    actor: Actor,
    organisation: Organisation,
    description: str,
    saving_pence: int,
    verified_on: date,
) -> VerifiedSaving:
    """Record a verified co-production saving and credit the group its dividend share."""
    require(actor, "grants.record_saving", organisation)
    if not description.strip():
        raise DomainError("description_required", gettext("Say what the saving is."), "description")
    if type(saving_pence) is not int or saving_pence <= 0:
        raise DomainError("amount_invalid", gettext("A saving is more than £0.00."), "saving_pence")
    share = policy.dividend_share_percent()
    credit = credit_for(saving_pence, share)
    with transaction.atomic():
        saving = VerifiedSaving.objects.create(
            organisation=organisation,
            description=description.strip(),
            saving_pence=saving_pence,
            share_percent=share,
            verified_on=verified_on,
            verified_by=acting_user(actor),
        )
        if credit > 0:
            DividendEntry.objects.create(
                organisation=organisation,
                kind=DividendEntry.Kind.CREDIT,
                amount_pence=credit,
                saving=saving,
            )
        audit_record(
            actor=actor,
            action="grants.saving_recorded",
            target=saving,
            summary=f"{organisation}: {format_pence(saving_pence)} saved,"
            f" {format_pence(credit)} credited ({share}%)",
        )
    return saving
