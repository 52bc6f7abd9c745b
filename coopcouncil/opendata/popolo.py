"""Councillors, organisations and memberships in the Popolo shape.

Popolo (popoloproject.com, v1.0.1) is what civic tools such as EveryPolitician and
YourNextRepresentative exchange. We publish: the council and each district
partnership and partner body as ``organizations``; each ward as an ``area``; each
ward seat as a ``post``; councillors as ``persons`` (name only — no private contact
details); and their seats as ``memberships``. Only councillors, who hold public office,
are named: the members of partner bodies and community groups may be private people, and
open data never carries personal data.
"""

from __future__ import annotations

from coopcouncil.people.models import Organisation, RoleAssignment
from coopcouncil.places.models import Borough, District, Ward
from coopcouncil.places.selectors import borough_current


def _council_id(borough: Borough) -> str:
    return f"council/{borough.slug}"


def popolo_export() -> dict:
    """Build the Popolo document for the whole borough from current records."""
    borough = borough_current()
    if borough is None:
        return {"persons": [], "organizations": [], "memberships": [], "posts": [], "areas": []}
    council = _council_id(borough)
    organizations = [
        {"id": council, "name": f"{borough.name} Council", "classification": "council"}
    ]
    for district in District.objects.filter(borough=borough).order_by("name"):
        organizations.append(
            {
                "id": f"partnership/{district.slug}",
                "name": f"{district.name} District Partnership",
                "classification": "district partnership",
                "parent_id": council,
                "area_id": f"district/{district.slug}",
            }
        )
    for organisation in Organisation.objects.select_related("district").order_by("name"):
        entry = {
            "id": f"organisation/{organisation.slug}",
            "name": organisation.name,
            "classification": organisation.get_kind_display(),
        }
        if organisation.district_id:
            entry["area_id"] = f"district/{organisation.district.slug}"
        if organisation.website:
            entry["links"] = [{"url": organisation.website, "note": "website"}]
        organizations.append(entry)

    areas = [
        {"id": f"district/{d.slug}", "name": d.name, "classification": "district"}
        for d in District.objects.filter(borough=borough).order_by("name")
    ]
    posts = []
    wards = Ward.objects.filter(district__borough=borough).select_related("district")
    for ward in wards.order_by("name"):
        areas.append(
            {
                "id": f"ward/{ward.slug}",
                "name": ward.name,
                "classification": "ward",
                "identifiers": [{"scheme": "ward-code", "identifier": ward.code}],
                "parent_id": f"district/{ward.district.slug}",
            }
        )
        posts.append(
            {
                "id": f"post/{ward.slug}",
                "label": f"Councillor for {ward.name}",
                "role": "Councillor",
                "organization_id": council,
                "area_id": f"ward/{ward.slug}",
            }
        )

    persons: dict[int, dict] = {}
    memberships = []
    seats = (
        RoleAssignment.objects.current()
        .filter(role="councillor")
        .select_related("user", "ward__district")
        .order_by("pk")
    )
    for seat in seats:
        person_id = f"person/{seat.user_id}"
        persons.setdefault(seat.user_id, {"id": person_id, "name": seat.user.full_name})
        memberships.append(
            {
                "id": f"membership/{seat.pk}",
                "person_id": person_id,
                "organization_id": council,
                "post_id": f"post/{seat.ward.slug}",
                "role": "Councillor",
                "area_id": f"ward/{seat.ward.slug}",
                "start_date": seat.start_date.isoformat(),
                **({"label": seat.party} if seat.party else {}),
            }
        )
        memberships.append(
            {
                "id": f"membership/{seat.pk}-partnership",
                "person_id": person_id,
                "organization_id": f"partnership/{seat.ward.district.slug}",
                "role": "Voting member",
                "start_date": seat.start_date.isoformat(),
            }
        )
    return {
        "persons": list(persons.values()),
        "organizations": organizations,
        "memberships": memberships,
        "posts": posts,
        "areas": areas,
    }
