"""Decisions with named votes, publication, and the community call-in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError, NotAllowed
from coopcouncil.core.permissions import check, require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.democracy import interfaces, policy
from coopcouncil.democracy.logic.deadlines import call_in_closes_at, is_call_in_open
from coopcouncil.democracy.models import (
    CallInPetition,
    CallInSignature,
    Decision,
    DistrictPartnership,
    Meeting,
    Vote,
)
from coopcouncil.democracy.selectors import (
    call_in_page_topic,
    next_main_meeting,
    partnership_councillors,
)
from coopcouncil.democracy.services.meetings import review_item_add
from coopcouncil.democracy.services.notify import site_link
from coopcouncil.democracy.services.signing import SIGNED_ACTION
from coopcouncil.people.models import User
from coopcouncil.people.selectors import Actor, verified_residency


@transaction.atomic
def decision_create(
    *,
    actor: Actor,
    partnership: DistrictPartnership,
    title: str,
    summary: str = "",
    kind: str = Decision.Kind.GENERAL,
    budget_pence: int = 0,
    wards: Iterable = (),
    meeting: Meeting | None = None,
) -> Decision:
    """Record a draft decision of the District Executive (votes follow, then publication)."""
    require(actor, "democracy.record_minutes", partnership)
    if kind not in Decision.Kind.values:
        raise DomainError(
            "decision_kind_invalid", gettext("Choose general, budget or grant award."), "kind"
        )
    if budget_pence < 0:
        raise DomainError(
            "budget_negative", gettext("The budget cannot be negative."), "budget_pence"
        )
    if not title.strip():
        raise DomainError("title_required", gettext("Say what was decided."), "title")
    wards = list(wards)
    outside = [w for w in wards if w.district_id != partnership.district_id]
    if outside:
        raise DomainError(
            "ward_outside_district",
            gettext("%(outside)s is not in %(district)s.")
            % {"outside": ", ".join(map(str, outside)), "district": partnership.district},
            "wards",
        )
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise DomainError(
            "meeting_elsewhere", gettext("That meeting is another partnership's."), "meeting"
        )
    decision = Decision.objects.create(
        partnership=partnership,
        meeting=meeting,
        title=title.strip(),
        summary=summary,
        kind=kind,
        budget_pence=budget_pence,
    )
    decision.wards.set(wards)
    audit_record(
        actor=actor,
        action="democracy.decision_created",
        target=decision,
        summary=decision.title,
        details={"kind": kind, "budget_pence": budget_pence},
    )
    return decision


@transaction.atomic
def decision_vote_record(
    *, actor: Actor, decision: Decision, councillor: User, choice: str
) -> Vote:
    """Minute a councillor's vote. The permission layer refuses an ineligible voter."""
    require(actor, "democracy.record_minutes", decision)
    if choice not in Vote.Choice.values:
        raise DomainError(
            "vote_choice_invalid", gettext("Choose for, against or abstain."), "choice"
        )
    if decision.status != Decision.Status.DRAFT:
        raise Conflict(
            "decision_published", gettext("Votes are recorded before a decision is published.")
        )
    verdict = check(councillor, "democracy.vote_on_decision", decision)
    if not verdict.allowed:
        raise NotAllowed("vote_not_allowed", verdict.reason, "councillor")
    vote, _ = Vote.objects.update_or_create(
        decision=decision, councillor=councillor, defaults={"choice": choice}
    )
    audit_record(
        actor=actor,
        action="democracy.vote_recorded",
        target=decision,
        summary=f"{councillor}: {vote.get_choice_display()}",
    )
    return vote


@transaction.atomic
def decision_publish(*, actor: Actor, decision: Decision, now: datetime | None = None) -> Decision:
    """Publish a decision and open its call-in window."""
    require(actor, "democracy.record_minutes", decision)
    if decision.status != Decision.Status.DRAFT:
        raise Conflict("decision_published", gettext("This decision is already published."))
    now = now or timezone.now()
    decision.status = Decision.Status.PUBLISHED
    decision.published_at = now
    decision.save(update_fields=["status", "published_at"])
    closes = call_in_closes_at(
        now,
        working_days=policy.call_in_window_working_days(),
        zone=timezone.get_current_timezone(),
    )
    CallInPetition.objects.create(
        decision=decision, opens_at=now, closes_at=closes, threshold=policy.call_in_threshold()
    )
    audit_record(
        actor=actor,
        action="democracy.decision_published",
        target=decision,
        summary=f"{decision.title}; call-in open until {timezone.localtime(closes):%d %B %Y}",
    )
    return decision


def _petition_refusal(petition: CallInPetition, now: datetime) -> DomainError | None:
    closes = timezone.localtime(petition.closes_at)
    if petition.status == CallInPetition.Status.CLOSED or not is_call_in_open(
        opens_at=petition.opens_at, closes_at=petition.closes_at, now=now
    ):
        return DomainError(
            "call_in_closed",
            gettext("The call-in window for this decision closed at %(time)s on %(date)s.")
            % {"time": time_format(closes, "H:i"), "date": date_format(closes, "d F Y")},
        )
    return None


def call_in_decision_get(decision_id: int) -> Decision | None:
    """A decision with its call-in petition (if any) for the signing endpoint."""
    return Decision.objects.select_related("call_in").filter(pk=decision_id).first()


def call_in_sign(
    *, resident: User, decision: Decision, show_name: bool = False, now: datetime | None = None
) -> CallInSignature:
    """Sign the call-in petition against a published decision.

    The unique constraint on (petition, signer) makes a second signature impossible
    even when two requests race. Signers never wait on one another: each transaction
    inserts its own row, and the threshold is checked after the commit (see
    ``_threshold_check``), so a burst of signers commits in parallel.
    """
    now = now or timezone.now()
    require(resident, "democracy.sign_call_in", decision)
    try:
        petition = decision.call_in
    except CallInPetition.DoesNotExist:
        raise DomainError(
            "call_in_not_open", gettext("This decision has not been published yet.")
        ) from None
    refusal = _petition_refusal(petition, now)
    if refusal is not None:
        raise refusal
    signature = _signature_insert(
        petition=petition,
        resident=resident,
        show_name=show_name,
        summary=f"Signed the call-in of '{decision.title}'"[:300],
        now=now,
    )
    if petition.status == CallInPetition.Status.OPEN:
        _threshold_check(petition, now=now)
    return signature


def _already_signed() -> Conflict:
    return Conflict(
        "already_signed", gettext("You have already signed the call-in of this decision.")
    )


def _residency_lapsed(resident, petition: CallInPetition) -> DomainError:
    """The refusal when the residency lapsed between the permission check and the insert."""
    verdict = check(resident, "democracy.sign_call_in", petition.decision)
    if not verdict.allowed:
        return NotAllowed("not_allowed", verdict.reason)
    return Conflict(
        "signature_not_recorded", gettext("Your signature was not recorded; please try again.")
    )


def _signature_insert(*, petition, resident, show_name, summary, now) -> CallInSignature:
    """The signature row and its audit record in one transaction."""
    residency = verified_residency(resident, now=now)
    # Lapsed since the permission check a moment ago (a verified residency always has a ward).
    if residency is None or residency.ward is None:
        raise _residency_lapsed(resident, petition)
    try:
        with transaction.atomic():
            signature = CallInSignature.objects.create(
                petition=petition, signer=resident, ward=residency.ward, show_name=show_name
            )
            audit_record(
                actor=resident,
                action=SIGNED_ACTION,
                target=signature,
                summary=summary,
                page_topics=[call_in_page_topic(petition.decision_id)],
            )
    except IntegrityError:
        raise _already_signed() from None
    return signature


def call_in_threshold_check(petition_id: int, *, now: datetime | None = None) -> None:
    """Suspend the decision if its committed signatures have reached the threshold.

    For signatures written outside ``call_in_sign`` (the signing lane), after their
    commit; a petition no longer open is left alone.
    """
    petition = CallInPetition.objects.filter(pk=petition_id).first()
    if petition is not None and petition.status == CallInPetition.Status.OPEN:
        _threshold_check(petition, now=now or timezone.now())


def _threshold_check(petition: CallInPetition, *, now: datetime) -> None:
    """Suspend the decision once committed signatures reach the threshold, exactly once.

    Runs after the signature has committed. Whichever signer commits last sees every
    signature committed before it, so a threshold crossed by simultaneous signers is
    never missed; the row lock and the status check make the suspension happen once.
    """
    if CallInSignature.objects.filter(petition=petition).count() < petition.threshold:
        return
    with transaction.atomic():
        locked = CallInPetition.objects.select_for_update().get(pk=petition.pk)
        if locked.status == CallInPetition.Status.OPEN:
            _call_in_succeeded(locked, now=now)


def _call_in_succeeded(petition: CallInPetition, *, now: datetime) -> None:
    """Suspend the decision, schedule its review and tell councillors and signers."""
    decision = Decision.objects.select_related("partnership__district").get(pk=petition.decision_id)
    previous = decision.status
    decision.status = Decision.Status.SUSPENDED
    decision.save(update_fields=["status"])
    interfaces.decision_status_changed(decision.pk, decision.status, previous)
    petition.status = CallInPetition.Status.THRESHOLD_REACHED
    petition.threshold_reached_at = now
    meeting = next_main_meeting(decision.partnership, now=now)
    if meeting is not None:
        petition.review_item = review_item_add(meeting=meeting, decision=decision)
    petition.save(update_fields=["status", "threshold_reached_at", "review_item"])
    audit_record(
        actor=None,
        action="democracy.decision_suspended",
        target=decision,
        summary=f"{petition.threshold} residents called in '{decision.title}'",
    )
    when = (
        f"It will be reviewed at {meeting.title} on"
        f" {timezone.localtime(meeting.starts_at):%d %B %Y}."
        if meeting
        else "It will be reviewed at the partnership's next meeting, once scheduled."
    )
    body = (
        f"{petition.threshold} residents have called in the decision '{decision.title}'"
        f" of {decision.partnership}. The decision is suspended. {when}\n\n"
        + site_link(reverse("democracy:decision", args=[decision.pk]))
    )
    councillors = partnership_councillors(decision.partnership).values_list(
        "user__email", flat=True
    )
    signers = petition.signatures.values_list("signer__email", flat=True)
    email_after_commit("Decision called in", body, [*councillors, *signers])


@transaction.atomic
def call_in_outcome_record(
    *, actor: Actor, decision: Decision, outcome: str, note: str = "", now: datetime | None = None
) -> Decision:
    """Record what the review decided: confirmed, amended or withdrawn."""
    require(actor, "democracy.record_minutes", decision)
    if outcome not in CallInPetition.Outcome.values:
        raise DomainError(
            "outcome_invalid", gettext("Choose confirmed, amended or withdrawn."), "outcome"
        )
    petition = CallInPetition.objects.select_for_update().get(decision=decision)
    if petition.status != CallInPetition.Status.THRESHOLD_REACHED:
        raise Conflict("not_called_in", gettext("Only a called-in decision has a review outcome."))
    now = now or timezone.now()
    petition.status = CallInPetition.Status.CLOSED
    petition.outcome = outcome
    petition.outcome_recorded_at = now
    petition.save(update_fields=["status", "outcome", "outcome_recorded_at"])
    previous = decision.status
    decision.status = outcome
    decision.outcome_note = note
    decision.save(update_fields=["status", "outcome_note"])
    interfaces.decision_status_changed(decision.pk, decision.status, previous)
    audit_record(
        actor=actor,
        action="democracy.call_in_outcome",
        target=decision,
        summary=f"'{decision.title}' {outcome} after call-in review",
    )
    email_after_commit(
        "Outcome of the call-in you signed",
        f"The partnership reviewed '{decision.title}': {petition.get_outcome_display()}.\n{note}",
        petition.signatures.values_list("signer__email", flat=True),
    )
    return decision
