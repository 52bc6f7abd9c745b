"""The insight demo loads on top of the whole demo borough, once, and fills every page."""

from __future__ import annotations

from django.urls import reverse

from coopcouncil.insight.models import (
    ActivityLink,
    Commitment,
    Indicator,
    Measurement,
    ParticipationFigure,
    Principle,
    PrincipleTag,
    ServiceAssessment,
    Standard,
    StandardPerformance,
)

MODELS = (
    Principle,
    PrincipleTag,
    Indicator,
    Measurement,
    Commitment,
    Standard,
    StandardPerformance,
    ServiceAssessment,
    ParticipationFigure,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_has_ten_principles_two_standards_per_district_and_loads_once(db, demo_borough):
    from coopcouncil.insight.demo import demo_load
    from coopcouncil.places.models import District

    assert Principle.objects.count() == 10
    assert Standard.objects.count() == 2 * District.objects.count()
    # Fly-tipping's standard is computed from the demo's service requests, never typed in.
    fly_tipping = StandardPerformance.objects.filter(
        standard__measure_code="fly_tipping_fixed_2_working_days"
    )
    assert fly_tipping.exists() and not fly_tipping.exclude(source="computed").exists()
    # Issue 17's kinds: tags on grants, contracts and assets; links from grants,
    # volunteering and contracts.
    tagged = set(PrincipleTag.objects.values_list("subject_kind", flat=True))
    assert tagged >= {"decision", "pb_project", "grant", "contract", "asset"}
    linked = set(ActivityLink.objects.values_list("subject_kind", flat=True))
    assert linked >= {"pb_project", "grant", "volunteering", "contract"}
    before = _counts()
    assert all(count > 0 for count in before.values()), before
    demo_load()
    assert _counts() == before


def test_every_insight_page_shows_the_demo(client, db, demo_borough):
    indicator = Indicator.objects.filter(geography="district").first()
    commitment = Commitment.objects.first()
    standard = Standard.objects.first()
    for url in (
        reverse("insight:index"),
        reverse("insight:participation"),
        reverse("insight:outcomes"),
        reverse("insight:outcome", args=[indicator.outcome.slug]),
        reverse("insight:indicator", args=[indicator.code]),
        reverse("insight:commitments"),
        reverse("insight:commitment", args=[commitment.slug]),
        reverse("insight:standards"),
        reverse("insight:district_standards", args=[standard.district.slug]),
        reverse("insight:principles"),
        reverse("insight:productivity"),
        reverse("insight:social_map"),
        reverse("places:district", args=[standard.district.slug]),
    ):
        assert client.get(url).status_code == 200, url
