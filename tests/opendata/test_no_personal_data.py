"""No open dataset carries personal data: no email address, no private person's name, no
date of birth, even when those people take part in everything the datasets count."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coopcouncil.opendata.catalogue import DATASETS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PRIVATE_NAMES = ("Zebedee Quillfeather", "Ottoline Brackenbury-Voss")
BIRTH_DATE = date(1987, 3, 14)


def _downloads(client) -> dict[str, str]:
    texts = {}
    for dataset in DATASETS:
        for download in dataset.downloads:
            response = client.get(download.url())
            assert response.status_code == 200, download.url()
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if body.startswith(b"PK"):
                with zipfile.ZipFile(io.BytesIO(body)) as archive:
                    body = b"\n".join(archive.read(name) for name in archive.namelist())
            text = body.decode("utf-8")
            # An iCalendar UID (meeting-1@host) has an address's shape but names a meeting.
            texts[download.url()] = "\n".join(
                line for line in text.splitlines() if not line.startswith("UID:")
            )
    return texts


@pytest.fixture
def private_people_taking_part(db, demo_borough, make_resident):
    """The demo borough, plus two residents who ask, vote and are counted everywhere."""
    from coopcouncil.democracy.models import Meeting, Question
    from coopcouncil.insight.services import participation_refresh
    from coopcouncil.participation.models import Ballot, PBProcess
    from coopcouncil.places.models import Ward

    ward = Ward.objects.order_by("name").first()
    meeting = Meeting.objects.order_by("starts_at").first()
    process = PBProcess.objects.order_by("pk").first()
    for name in PRIVATE_NAMES:
        person = make_resident(ward, name)
        person.date_of_birth = BIRTH_DATE
        person.save(update_fields=["date_of_birth"])
        Question.objects.create(meeting=meeting, asker=person, text=f"{name} asks about bins")
        Ballot.objects.create(process=process, voter=person, ward=ward)
    participation_refresh(actor=None, check_permission=False, now=timezone.now() + timedelta(1))
    return PRIVATE_NAMES


def test_no_download_names_a_private_resident_or_gives_an_email_or_birth_date(
    client, private_people_taking_part
):
    texts = _downloads(client)
    for url, text in texts.items():
        for name in private_people_taking_part:
            for part in name.split():
                assert part not in text, (url, part)
        assert not EMAIL.search(text), (url, EMAIL.search(text).group())
        assert BIRTH_DATE.isoformat() not in text, url
        assert BIRTH_DATE.strftime("%d/%m/%Y") not in text, url
    assert any("participation" in url for url in texts)
