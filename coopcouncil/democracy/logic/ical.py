"""iCalendar (RFC 5545) feeds of public meetings, built with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import icalendar


@dataclass(frozen=True)
class MeetingEvent:
    uid: str
    title: str
    starts_at: datetime
    venue: str
    url: str
    description: str
    is_cancelled: bool
    stamp: datetime


def meetings_calendar(name: str, events: Iterable[MeetingEvent], *, hours: int = 2) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, assumed ``hours`` long."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//coopcouncil//local democracy//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in events:
        event = icalendar.Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", meeting.stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + timedelta(hours=hours))
        event.add("summary", meeting.title)
        event.add("location", meeting.venue)
        event.add("url", meeting.url)
        event.add("description", meeting.description)
        event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
