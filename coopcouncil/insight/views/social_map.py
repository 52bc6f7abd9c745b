"""The social map: organisations and assets on a map and in lists, the ties between groups
and the network measures, and the map's points as a GeoJSON download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from coopcouncil.insight import selectors

# What the page calls each kind of tie (logic's stable codes, ``Tie.kinds``).
TIE_KIND_LABELS = {
    "shared_members": _("shared members"),
    "district_partnership": _("same district partnership"),
    "shared_asset": _("shared asset"),
    "joint_grant": _("joint grant"),
}


def social_map(request: HttpRequest) -> HttpResponse:
    found = selectors.social_map()
    network = found.network
    positions = {m.group.id: m for m in network.groups}
    context = {
        "network": network,
        "groups": sorted(network.groups, key=lambda m: (-m.betweenness, m.group.name)),
        "lines": [(positions[t.a], positions[t.b], t) for t in network.ties],
        "tie_rows": [
            (positions[t.a], positions[t.b], [TIE_KIND_LABELS[kind] for kind in t.kinds])
            for t in network.ties
        ],
        "assets": found.assets,
    }
    return render(request, "insight/social_map.html", context)


def social_map_geojson(request: HttpRequest) -> JsonResponse:
    """Groups and assets as GeoJSON points: the map's data and a download."""
    response = JsonResponse(selectors.social_map_geojson(selectors.social_map()))
    response["Content-Type"] = "application/geo+json"
    response["Content-Disposition"] = 'inline; filename="social-map.geojson"'
    return response
