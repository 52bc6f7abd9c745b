"""Template filters and the sections grants adds to the district page and a person's profile."""

from __future__ import annotations

from fractions import Fraction

from django import template

from coopcouncil.core.money import format_pence

register = template.Library()

CHART_WIDTH = 400
CHART_HEIGHT = 200


@register.filter
def pounds(pence) -> str:
    """Pence as pounds: 330000 → £3,300.00; blank for no value."""
    return "" if pence is None or pence == "" else format_pence(int(pence))


@register.filter
def one_decimal(value) -> str:
    """A score (a Fraction out of 100) to one decimal place."""
    if value is None:
        return ""
    return f"{float(Fraction(value)):.1f}"


@register.simple_tag
def ward_chart_points(figures) -> list[dict]:
    """Each ward as a point: deprivation (IMD score) across, money awarded up, in the SVG box.

    Drawn on the server as inline SVG, so the page needs no script (the CSP allows none).
    """
    top_money = figures.largest_ward_pence or 1
    top_imd = float(figures.largest_imd) or 1.0
    return [
        {
            "x": round(20 + (CHART_WIDTH - 40) * float(ward.imd_score) / top_imd, 1),
            "y": round(CHART_HEIGHT - 20 - (CHART_HEIGHT - 40) * ward.awarded_pence / top_money, 1),
            "ward": ward,
        }
        for ward in figures.wards
    ]


@register.simple_tag
def district_grants(district) -> dict:
    """For the district page: the district's figures and its latest awards."""
    from coopcouncil.grants import selectors

    return {
        "figures": selectors.dashboard(district=district),
        "awards": list(selectors.awards_public(district=district)[:10]),
    }


@register.simple_tag
def profile_grants(user) -> list:
    """For a group member's profile: their groups' submitted applications."""
    from coopcouncil.grants import selectors

    return list(selectors.applications_of_groups(user).exclude(status="draft")[:20])
