"""Every insight page is public and renders, empty or not, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    "insight:index",
    "insight:participation",
    "insight:outcomes",
    "insight:commitments",
    "insight:standards",
    "insight:principles",
    "insight:productivity",
    "insight:social_map",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_insight_page_is_public_and_shows_its_empty_state(client, places, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_district_page_carries_the_standards_section(client, places, ward):
    response = client.get(reverse("places:district", args=[ward.district.slug]))
    assert response.status_code == 200
    assert 'id="district-insight-heading"' in response.content.decode()
