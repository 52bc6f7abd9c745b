"""The social map: organisations, their ties and the network measures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcouncil.insight import selectors


def social_map(request: HttpRequest) -> HttpResponse:
    network = selectors.social_map()
    positions = {m.group.id: m for m in network.groups}
    context = {
        "network": network,
        "groups": sorted(network.groups, key=lambda m: (-m.betweenness, m.group.name)),
        "lines": [(positions[t.a], positions[t.b], t) for t in network.ties],
    }
    return render(request, "insight/social_map.html", context)
