"""Participation at scale: the public view and the staff refresh."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import found, refusal_page
from coopcouncil.insight import selectors, services
from coopcouncil.insight.logic.charts import bar_chart, scatter_chart
from coopcouncil.places.selectors import district_get, district_list


def participation(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("district", "")
    district = found(district_get, slug) if slug else None
    scale = selectors.participation_at_scale(district=district)
    context = {
        "scale": scale,
        "district": district,
        "districts": district_list(with_wards=False),
        "months_chart": bar_chart([(f"{m.month:%b}", m.participants) for m in scale.months]),
        "deprivation_chart": scatter_chart(
            [
                (r.ward.name, r.ward.imd_score, r.per_thousand)
                for r in scale.wards
                if r.per_thousand is not None
            ]
        ),
        "can_refresh": check(request.user, "insight.refresh_participation").allowed,
    }
    return render(request, "insight/participation.html", context)


@login_required
@require_POST
def participation_refresh(request: HttpRequest) -> HttpResponse:
    try:
        services.participation_refresh_queue(actor=request.user)
    except DomainError as error:
        return refusal_page(request, error.message)
    messages.success(request, gettext("The figures are being counted again; reload in a minute."))
    return redirect("insight:participation")
