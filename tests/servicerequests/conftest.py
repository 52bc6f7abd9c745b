"""Fixtures for service requests: the demo's boundaries and services, a reporter, the team."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def boundaries(places):
    from coopcouncil.servicerequests.demo import _load_boundaries

    return _load_boundaries()


@pytest.fixture
def categories(db):
    from coopcouncil.servicerequests.demo import _load_categories

    return _load_categories()


@pytest.fixture
def sr_world(boundaries, categories):
    """Boundaries and services loaded: ready to report."""
    return categories


@pytest.fixture
def reporter(make_user):
    return make_user("Rita Reporter")


@pytest.fixture
def west_oldham(places):
    from coopcouncil.places.models import District

    return District.objects.get(slug="west-oldham")


@pytest.fixture
def team_officer(make_role, west_oldham):
    """A district-team officer of West Oldham (Coldhurst's district)."""
    return make_role("officer", "Owen Officer", team="district_team", district=west_oldham)


# A point inside Coldhurst on the demo map (its illustrative postcode OL1 9CK).
COLDHURST = (53.548210, -2.119870)
# Manchester city centre: outside the borough's box.
MANCHESTER = (53.4808, -2.2426)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def report(sr_world, reporter):
    """A fly-tipping report in Coldhurst by ``reporter``."""
    from coopcouncil.servicerequests import services

    return services.service_request_report(
        actor=reporter,
        category=sr_world["FLY_TIPPING"],
        description="Mattresses in the alley",
        location=services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1]),
        attributes={"WASTE_TYPE": "bulky"},
    )


@pytest.fixture
def png_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("tip.png", PNG, content_type="image/png")


def as_file(data: bytes, name: str):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


@pytest.fixture
def old_report(sr_world, reporter):
    """A pothole reported 40 days ago: in a month already published to everyone."""
    from datetime import timedelta

    from django.utils import timezone

    from coopcouncil.servicerequests import services

    return services.service_request_report(
        actor=reporter,
        category=sr_world["POTHOLE"],
        description="",
        location=services.location_find(latitude=COLDHURST[0], longitude=COLDHURST[1]),
        now=timezone.now() - timedelta(days=40),
    )
