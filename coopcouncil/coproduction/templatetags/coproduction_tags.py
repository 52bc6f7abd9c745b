"""Template tags for co-production: the district and profile sections, and bar charts."""

from __future__ import annotations

from django import template
from django.utils import timezone

from coopcouncil.coproduction import selectors
from coopcouncil.coproduction.logic.figures import bar_lengths
from coopcouncil.core.money import format_pence

register = template.Library()

CHART_WIDTH = 300


@register.filter
def pounds(pence) -> str:
    return "" if pence is None or pence == "" else format_pence(int(pence))


@register.simple_tag
def bar_chart(rows, figure: str) -> list[dict]:
    """Bars for one figure of ``rows`` (``AreaFigures``): label, value and length in pixels."""
    values = [getattr(row, figure) for row in rows]
    return [
        {"label": row.name, "value": value, "length": length, "y": index * 24}
        for index, (row, value, length) in enumerate(
            zip(rows, values, bar_lengths(values, CHART_WIDTH), strict=True)
        )
    ]


@register.simple_tag
def district_coproduction(district) -> dict:
    """For the district page: its assets, opportunities to come and its wards' figures."""
    return {
        "assets": selectors.asset_list(district=district),
        "opportunities": selectors.opportunity_list(district=district)[:10],
        "figures": selectors.ward_figures(district),
    }


@register.simple_tag
def my_coproduction(user) -> dict:
    """For a person's account page: their shifts, hours, credits and staff days."""
    today = timezone.localdate()
    return {
        "sign_ups": selectors.sign_ups_for(user)[:10],
        "hours": selectors.volunteer_hours_for(user),
        "balance": selectors.credit_balance(user),
        "check_expires_on": selectors.safeguarding_check_expires_on(user),
        "routes": selectors.routes_adopted_by(user),
        "requests": selectors.staff_requests_of(user)[:5],
        "to_decide": selectors.staff_requests_to_decide(user).count(),
        "days_remaining": selectors.staff_days_remaining(user, on_date=today),
    }
