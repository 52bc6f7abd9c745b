"""iCalendar feeds of partnership meetings: one per district and one for the borough."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from coopcouncil.democracy.logic.ical import MeetingEvent, meetings_calendar
from coopcouncil.democracy.models import Meeting
from coopcouncil.democracy.services.notify import site_link
from coopcouncil.places.selectors import borough_current


def _events(meetings) -> list[MeetingEvent]:
    stamp = timezone.now()
    host = site_link("").split("://", 1)[-1]
    return [
        MeetingEvent(
            uid=f"meeting-{m.pk}@{host}",
            title=m.title,
            starts_at=m.starts_at,
            venue=m.venue,
            url=site_link(reverse("democracy:meeting", args=[m.pk])),
            description=f"{m.partnership}. Webcast: {m.webcast_url or 'none'}.",
            is_cancelled=m.status == Meeting.Status.CANCELLED,
            stamp=stamp,
        )
        for m in meetings
    ]


def _meetings():
    return Meeting.objects.select_related("partnership").order_by("starts_at")


def district_calendar(district) -> bytes:
    """Every meeting of the district's partnership and its sub-groups."""
    meetings = _meetings().filter(partnership__district=district)
    return meetings_calendar(f"{district} District Partnership", _events(meetings))


def borough_calendar() -> bytes:
    borough = borough_current()
    name = f"{borough or 'Borough'} district partnerships"
    return meetings_calendar(name, _events(_meetings()))
