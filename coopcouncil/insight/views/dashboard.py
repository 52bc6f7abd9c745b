"""The insight dashboard: is change happening at scale, and is the council keeping its word?"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coopcouncil.insight import selectors


def index(request: HttpRequest) -> HttpResponse:
    commitments = selectors.commitment_rows(today=timezone.localdate())
    context = {
        "scale": selectors.participation_at_scale(),
        "outcomes": selectors.outcome_list(),
        "commitments_total": len(commitments),
        "commitments_done": sum(1 for r in commitments if r.commitment.status == "done"),
        "commitments_overdue": sum(1 for r in commitments if r.is_overdue),
    }
    return render(request, "insight/index.html", context)
