"""Democracy fixtures: a partnership, councillors, a clerk, meetings and decisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def partnership(ward):
    from coopcouncil.democracy.models import DistrictPartnership

    return DistrictPartnership.objects.create(
        district=ward.district, name=f"{ward.district} District Partnership"
    )


@pytest.fixture
def councillor(make_role, ward):
    return make_role("councillor", "Cllr Ann Ward", ward=ward, start_date=date(2024, 5, 3))


@pytest.fixture
def clerk(make_role):
    return make_role("officer", "Clara Clerk", team="clerk")


@pytest.fixture
def make_meeting(partnership):
    from coopcouncil.democracy.models import Meeting

    def make(*, starts_in: timedelta = timedelta(days=7), **fields):
        fields.setdefault("title", f"{partnership} meeting")
        fields.setdefault("venue", "Civic Centre")
        return Meeting.objects.create(
            partnership=partnership, starts_at=timezone.now() + starts_in, **fields
        )

    return make


@pytest.fixture
def programme():
    """A programme year with six core modules and one specialised module."""
    from coopcouncil.democracy.models import Module, ModuleSession, ProgrammeYear

    year = ProgrammeYear.objects.create(
        title="Local Leaders Programme 2026", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    for number in range(1, 8):
        module = Module.objects.create(
            programme=year, number=number, title=f"Module {number}", is_specialised=number == 7
        )
        ModuleSession.objects.create(
            module=module, starts_at=timezone.make_aware(timezone.datetime(2026, 2, number, 18))
        )
    return year


@pytest.fixture
def attend(programme):
    """Record ``councillor`` at the first session of the given module numbers."""
    from coopcouncil.democracy.models import ModuleSession, SessionAttendance

    def record(councillor, *numbers: int) -> None:
        for number in numbers:
            session = ModuleSession.objects.filter(
                module__programme=programme, module__number=number
            ).first()
            SessionAttendance.objects.create(session=session, councillor=councillor)

    return record


@pytest.fixture
def make_paper():
    """A small PDF paper on a meeting, published at ``published_at`` (None: a draft)."""
    from django.core.files.base import ContentFile

    from coopcouncil.democracy.models import MeetingPaper

    def make(meeting, *, published_at, kind="agenda_pack", title="Agenda pack"):
        paper = MeetingPaper(
            meeting=meeting,
            kind=kind,
            title=title,
            original_name="agenda.pdf",
            content_type="application/pdf",
            extension="pdf",
            size_bytes=13,
            published_at=published_at,
        )
        paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
        paper.save()
        return paper

    return make
