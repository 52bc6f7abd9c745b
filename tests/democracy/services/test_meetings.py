from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.core.errors import DomainError, NotAllowed
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy import selectors
from coopcouncil.democracy.models import PartnershipMember
from coopcouncil.democracy.services.meetings import (
    agenda_item_add,
    attendance_record,
    declaration_add,
    meeting_publish_minutes,
    meeting_schedule,
    member_add,
    member_end,
    sub_group_create,
)

pytestmark = pytest.mark.django_db


def test_councillors_are_members_by_their_ward_role(partnership, councillor):
    assert [s.user for s in selectors.partnership_councillors(partnership)] == [councillor]
    assert not PartnershipMember.objects.exists()


def test_membership_has_dates_and_history(partnership, clerk, make_user):
    officer = make_user("Dee Coordinator")
    member = member_add(
        actor=clerk,
        partnership=partnership,
        user=officer,
        kind="district_team",
        title="District co-ordinator",
        start_date=date(2025, 1, 1),
    )
    member_end(actor=clerk, member=member, end_date=date(2026, 3, 31))
    assert list(selectors.partnership_members(partnership, on=date(2026, 1, 1))) == [member]
    assert not selectors.partnership_members(partnership, on=date(2026, 4, 1)).exists()
    assert selectors.partnership_member_history(partnership).count() == 2
    assert AuditEvent.objects.filter(action__startswith="democracy.member_").count() == 2


def test_only_staff_change_membership(partnership, councillor, make_user):
    with pytest.raises(NotAllowed):
        member_add(
            actor=councillor,
            partnership=partnership,
            user=make_user(),
            kind="partner",
            title="Police",
            start_date=date(2025, 1, 1),
        )


def test_agenda_keeps_the_three_parts_in_order(partnership, clerk, make_meeting):
    meeting = make_meeting()
    agenda_item_add(actor=clerk, meeting=meeting, part=3, title="Youth grants")
    agenda_item_add(actor=clerk, meeting=meeting, part=2, title="Police update")
    agenda_item_add(actor=clerk, meeting=meeting, part=3, title="Highways")
    parts = selectors.meeting_agenda(meeting)
    assert [p.title for p in parts] == [
        "Public questions",
        "Partner updates",
        "District Executive",
    ]
    assert [i.title for i in parts[2].items] == ["Youth grants", "Highways"]


def test_agenda_part_outside_the_three_is_refused(clerk, make_meeting):
    with pytest.raises(DomainError) as refused:
        agenda_item_add(actor=clerk, meeting=make_meeting(), part=4, title="AOB")
    assert refused.value.field == "part"


def test_sub_group_meets_on_its_own(partnership, clerk):
    group = sub_group_create(actor=clerk, partnership=partnership, name="Finance sub-committee")
    meeting = meeting_schedule(
        actor=clerk,
        partnership=partnership,
        sub_group=group,
        title="Finance sub-committee",
        starts_at=timezone.now() + timedelta(days=3),
        venue="Room 2",
    )
    assert meeting.is_sub_group_meeting
    assert selectors.next_main_meeting(partnership, now=timezone.now()) is None


def test_minutes_record_attendance_declarations_and_publish(
    partnership, clerk, councillor, make_meeting, make_user
):
    meeting = make_meeting(starts_in=-timedelta(hours=3))
    absent = make_user()
    attendance_record(
        actor=clerk, meeting=meeting, present=[councillor], apologies=[absent], public_attendees=9
    )
    declaration_add(actor=clerk, meeting=meeting, user=councillor, interest="Trustee of the club")
    meeting_publish_minutes(actor=clerk, meeting=meeting, notes="Quorate.")
    minutes = selectors.meeting_minutes(meeting)
    assert [(a.user, a.is_present, a.capacity) for a in minutes["attendance"]] == [
        (councillor, True, "Councillor"),
        (absent, False, "In attendance"),
    ]
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.public_attendees == 9
    assert len(minutes["declarations"]) == 1


def test_minutes_cannot_be_published_before_the_meeting(clerk, make_meeting):
    with pytest.raises(DomainError) as refused:
        meeting_publish_minutes(actor=clerk, meeting=make_meeting())
    assert refused.value.code == "meeting_not_held"
