"""Partnership membership, sub-groups, meetings, agendas and minutes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import Conflict, DomainError
from coopcouncil.core.permissions import require
from coopcouncil.core.tasks import email_after_commit
from coopcouncil.democracy.models import (
    AgendaItem,
    CallInPetition,
    Decision,
    DistrictPartnership,
    InterestDeclaration,
    Meeting,
    MeetingAttendance,
    PartnershipMember,
    SubGroup,
)
from coopcouncil.democracy.selectors import partnership_councillors
from coopcouncil.democracy.services.notify import site_link
from coopcouncil.democracy.services.papers import minutes_document_store
from coopcouncil.people.models import Organisation, User
from coopcouncil.people.selectors import Actor


@transaction.atomic
def member_add(
    *,
    actor: Actor,
    partnership: DistrictPartnership,
    user: User,
    kind: str,
    title: str,
    start_date: date,
    organisation: Organisation | None = None,
) -> PartnershipMember:
    """Seat a district team officer or partner representative on a partnership."""
    require(actor, "democracy.manage_membership", partnership)
    if kind not in PartnershipMember.Kind.values:
        raise DomainError(
            "member_kind_invalid", gettext("Choose district team or partner."), "kind"
        )
    if not title.strip():
        raise DomainError(
            "title_required", gettext("Give the member's role, e.g. Police."), "title"
        )
    if kind == PartnershipMember.Kind.PARTNER and organisation is None:
        raise DomainError(
            "organisation_required",
            gettext("Say which organisation the partner represents."),
            "organisation",
        )
    if partnership.members.filter(user=user, end_date__isnull=True).exists():
        raise DomainError(
            "member_exists", gettext("%(user)s is already a member.") % {"user": user}, "user"
        )
    member = PartnershipMember.objects.create(
        partnership=partnership,
        user=user,
        kind=kind,
        title=title.strip(),
        organisation=organisation,
        start_date=start_date,
    )
    audit_record(
        actor=actor,
        action="democracy.member_added",
        target=member,
        summary=f"{user} joined {partnership} as {title}",
    )
    return member


@transaction.atomic
def member_end(*, actor: Actor, member: PartnershipMember, end_date: date) -> PartnershipMember:
    """End a membership; the row and its history stay for the record."""
    require(actor, "democracy.manage_membership", member.partnership)
    if member.end_date is not None:
        raise Conflict(
            "member_ended",
            gettext("This membership already ended on %(end_date)s.")
            % {"end_date": member.end_date},
        )
    if end_date < member.start_date:
        raise DomainError(
            "end_before_start", gettext("The end date is before the start date."), "end_date"
        )
    member.end_date = end_date
    member.save(update_fields=["end_date"])
    audit_record(
        actor=actor,
        action="democracy.member_ended",
        target=member,
        summary=f"{member.user} left {member.partnership} on {end_date:%d %B %Y}",
    )
    return member


@transaction.atomic
def sub_group_create(
    *, actor: Actor, partnership: DistrictPartnership, name: str, purpose: str = ""
) -> SubGroup:
    """Set up a sub-committee of the partnership (it then has meetings of its own)."""
    require(actor, "democracy.manage_meetings", partnership)
    name = name.strip()
    if not name:
        raise DomainError("name_required", gettext("Give the sub-group a name."), "name")
    if partnership.sub_groups.filter(name=name).exists():
        raise DomainError(
            "sub_group_exists",
            gettext("%(partnership)s already has '%(name)s'.")
            % {"partnership": partnership, "name": name},
            "name",
        )
    group = SubGroup.objects.create(partnership=partnership, name=name, purpose=purpose)
    audit_record(
        actor=actor, action="democracy.sub_group_created", target=group, summary=str(group)
    )
    return group


def _attach_pending_reviews(meeting: Meeting) -> None:
    """Call-ins that reached the threshold while no meeting was scheduled go here."""
    pending = CallInPetition.objects.filter(
        decision__partnership=meeting.partnership,
        status=CallInPetition.Status.THRESHOLD_REACHED,
        review_item__isnull=True,
    ).select_related("decision")
    for petition in pending:
        petition.review_item = review_item_add(meeting=meeting, decision=petition.decision)
        petition.save(update_fields=["review_item"])


def review_item_add(*, meeting: Meeting, decision: Decision) -> AgendaItem:
    """Put a called-in decision on a meeting's District Executive part."""
    return _item_create(
        meeting=meeting,
        part=AgendaItem.Part.DISTRICT_EXECUTIVE,
        title=f"Community call-in review: {decision.title}",
        body="Residents called this decision in. The partnership will confirm, amend"
        " or withdraw it.",
        call_in_review_of=decision,
    )


@transaction.atomic
def meeting_schedule(
    *,
    actor: Actor,
    partnership: DistrictPartnership,
    title: str,
    starts_at: datetime,
    venue: str,
    webcast_url: str = "",
    sub_group: SubGroup | None = None,
) -> Meeting:
    """Schedule a meeting of a partnership (or of one of its sub-groups)."""
    require(actor, "democracy.manage_meetings", partnership)
    if sub_group is not None and sub_group.partnership_id != partnership.pk:
        raise DomainError(
            "sub_group_elsewhere",
            gettext("%(sub_group)s is not part of %(partnership)s.")
            % {"sub_group": sub_group, "partnership": partnership},
        )
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    meeting = Meeting.objects.create(
        partnership=partnership,
        sub_group=sub_group,
        title=title,
        starts_at=starts_at,
        venue=venue,
        webcast_url=webcast_url,
    )
    if sub_group is None and starts_at > timezone.now():
        _attach_pending_reviews(meeting)
    audit_record(
        actor=actor,
        action="democracy.meeting_scheduled",
        target=meeting,
        summary=f"{title} on {timezone.localtime(starts_at):%d %B %Y %H:%M}",
    )
    return meeting


def _tell_askers(meeting: Meeting, subject: str, body: str) -> None:
    """Email everyone whose question to ``meeting`` is still live (not rejected)."""
    askers = (
        meeting.questions.exclude(status="rejected")
        .select_related("asker")
        .values_list("asker__email", flat=True)
    )
    link = site_link(reverse("democracy:meeting", args=[meeting.pk]))
    email_after_commit(subject, f"Hello,\n\n{body}\n\n{link}", askers)


def _require_scheduled(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.SCHEDULED:
        raise Conflict(
            "meeting_not_scheduled",
            gettext("This meeting is %(status)s.")
            % {"status": meeting.get_status_display().lower()},
        )


@transaction.atomic
def meeting_reschedule(
    *,
    actor: Actor,
    meeting: Meeting,
    starts_at: datetime,
    venue: str,
    webcast_url: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Move a scheduled meeting; people who asked questions to it are told by email."""
    require(actor, "democracy.manage_meetings", meeting.partnership)
    _require_scheduled(meeting)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if starts_at <= (now or timezone.now()):
        raise DomainError(
            "starts_in_past", gettext("Choose a date and time still to come."), "starts_at"
        )
    if not venue.strip():
        raise DomainError("venue_required", gettext("Say where the meeting will be held."), "venue")
    before = timezone.localtime(meeting.starts_at)
    meeting.starts_at, meeting.venue, meeting.webcast_url = starts_at, venue.strip(), webcast_url
    meeting.save(update_fields=["starts_at", "venue", "webcast_url"])
    when = f"{timezone.localtime(starts_at):%H:%M on %A %d %B %Y}"
    audit_record(
        actor=actor,
        action="democracy.meeting_rescheduled",
        target=meeting,
        summary=f"{meeting.title} moved from {before:%d %B %Y %H:%M} to {when}, {venue}",
    )
    _tell_askers(
        meeting,
        f"Meeting moved: {meeting.title}",
        f"{meeting.title}, to which you asked a question, will now be held at {when},"
        f" {meeting.venue}. Your question stays on its list.",
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a scheduled meeting and tell people who asked questions to it, and why."""
    require(actor, "democracy.manage_meetings", meeting.partnership)
    _require_scheduled(meeting)
    if not reason.strip():
        raise DomainError("reason_required", gettext("Say why the meeting is cancelled."), "reason")
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="democracy.meeting_cancelled",
        target=meeting,
        summary=f"{meeting} cancelled: {reason.strip()}",
    )
    _tell_askers(
        meeting,
        f"Meeting cancelled: {meeting.title}",
        f"{meeting.title}, to which you asked a question, is cancelled: {reason.strip()}\n"
        "You may ask your question again at the partnership's next meeting.",
    )
    return meeting


def _item_create(*, meeting: Meeting, part: int, **fields) -> AgendaItem:
    last = meeting.agenda_items.filter(part=part).aggregate(n=Max("position"))["n"]
    return AgendaItem.objects.create(meeting=meeting, part=part, position=(last or 0) + 1, **fields)


@transaction.atomic
def agenda_item_add(
    *, actor: Actor, meeting: Meeting, part: int, title: str, body: str = "", paper_url: str = ""
) -> AgendaItem:
    """Add an item to one of the agenda's three fixed parts (it goes last in its part)."""
    require(actor, "democracy.manage_meetings", meeting.partnership)
    if part not in AgendaItem.Part.values:
        raise DomainError(
            "agenda_part_invalid",
            gettext(
                "Choose part 1 (public questions), 2 (partner updates) or 3 (District Executive)."
            ),
            "part",
        )
    if not title.strip():
        raise DomainError("title_required", gettext("Give the item a title."), "title")
    item = _item_create(meeting=meeting, part=part, title=title, body=body, paper_url=paper_url)
    audit_record(actor=actor, action="democracy.agenda_item_added", target=item, summary=str(item))
    return item


def _attendee_capacity(meeting: Meeting, user) -> str:
    councillors = partnership_councillors(meeting.partnership)
    if councillors.filter(user=user).exists():
        return "Councillor"
    member = meeting.partnership.members.filter(user=user).first()
    return member.title if member else "In attendance"


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    meeting: Meeting,
    present: Iterable,
    apologies: Iterable = (),
    public_attendees: int = 0,
) -> Meeting:
    """Minute who attended (replacing any earlier record) and how many residents came."""
    require(actor, "democracy.record_minutes", meeting)
    if public_attendees < 0:
        raise DomainError(
            "attendees_negative", gettext("Attendance cannot be negative."), "public_attendees"
        )
    present, apologies = list(present), list(apologies)
    meeting.attendance.all().delete()
    rows = [
        MeetingAttendance(
            meeting=meeting,
            user=user,
            is_present=is_present,
            capacity=_attendee_capacity(meeting, user),
        )
        for users, is_present in ((present, True), (apologies, False))
        for user in users
    ]
    if len({row.user.pk for row in rows}) != len(rows):
        raise DomainError("attendance_twice", gettext("A person is listed twice."), "present")
    MeetingAttendance.objects.bulk_create(rows)
    meeting.public_attendees = public_attendees
    meeting.save(update_fields=["public_attendees"])
    audit_record(
        actor=actor,
        action="democracy.attendance_recorded",
        target=meeting,
        summary=f"{len(present)} present, {len(apologies)} apologies, {public_attendees} public",
    )
    return meeting


@transaction.atomic
def declaration_add(
    *,
    actor: Actor,
    meeting: Meeting,
    user: User,
    interest: str,
    agenda_item: AgendaItem | None = None,
) -> InterestDeclaration:
    require(actor, "democracy.record_minutes", meeting)
    if not interest.strip():
        raise DomainError(
            "interest_required", gettext("Describe the interest declared."), "interest"
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(
            "item_elsewhere", gettext("That item is on another meeting's agenda."), "item"
        )
    declaration = InterestDeclaration.objects.create(
        meeting=meeting, user=user, interest=interest, agenda_item=agenda_item
    )
    audit_record(
        actor=actor,
        action="democracy.interest_declared",
        target=declaration,
        summary=f"{user}: {interest}",
    )
    return declaration


@transaction.atomic
def meeting_publish_minutes(
    *, actor: Actor, meeting: Meeting, notes: str = "", now: datetime | None = None
) -> Meeting:
    """Publish the minutes; the meeting is then recorded as held.

    The minutes are also kept as a PDF paper built from the records (attendance,
    declarations, answers, votes), published at the same moment.
    """
    require(actor, "democracy.record_minutes", meeting)
    now = now or timezone.now()
    if meeting.starts_at > now:
        raise DomainError(
            "meeting_not_held", gettext("Minutes can be published after the meeting.")
        )
    meeting.minutes_notes = notes or meeting.minutes_notes
    meeting.minutes_published_at = now
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["minutes_notes", "minutes_published_at", "status"])
    minutes_document_store(actor=actor, meeting=meeting, published_at=now)
    audit_record(
        actor=actor, action="democracy.minutes_published", target=meeting, summary=str(meeting)
    )
    return meeting
