"""Load the wards' boundaries from a GeoJSON FeatureCollection: all of them or none."""

from __future__ import annotations

import json

from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError, RowErrors
from coopcouncil.core.permissions import require
from coopcouncil.people.selectors import Actor
from coopcouncil.places.selectors import borough_current, ward_list
from coopcouncil.servicerequests.logic.boundaries import BoundaryInvalid, boundary_parse
from coopcouncil.servicerequests.models import WardBoundary


def ward_boundaries_load(*, actor: Actor, text: str, check_permission: bool = True) -> int:
    """Replace the boundaries of the wards named in ``text`` (feature property ``ward_code``).

    Any feature naming no known ward, or holding no valid polygon, stops the load and is
    reported by its position; nothing is written then. Returns the number of wards loaded.
    """
    if check_permission:
        require(actor, "servicerequests.load_boundaries")
    try:
        collection = json.loads(text)
        features = collection["features"]
        assert isinstance(features, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise DomainError(
            "boundaries_not_geojson",
            gettext("The file is not a GeoJSON FeatureCollection."),
            "file",
        ) from None
    wards = {w.code: w for w in ward_list()}
    problems: list[tuple[int, str, str]] = []
    found = {}
    for number, feature in enumerate(features, start=1):
        code = str((feature.get("properties") or {}).get("ward_code", ""))
        if code not in wards:
            problems.append((number, "ward_code", f"no ward has the code {code!r}"))
            continue
        try:
            boundary_parse(code, feature.get("geometry") or {})
        except BoundaryInvalid as error:
            problems.append((number, "geometry", error.reason))
            continue
        found[code] = json.dumps(feature["geometry"], separators=(",", ":"))
    if problems:
        raise RowErrors("boundaries_invalid", gettext("No boundary was loaded."), problems)
    with transaction.atomic():
        for code, geometry in found.items():
            WardBoundary.objects.update_or_create(ward=wards[code], defaults={"geojson": geometry})
        borough = borough_current()
        if borough is not None:
            audit_record(
                actor=actor,
                action="servicerequests.boundaries_loaded",
                target=borough,
                summary=f"Boundaries loaded for {len(found)} wards",
            )
    return len(found)
