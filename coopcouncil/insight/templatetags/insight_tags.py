"""Template tags for insight's sections on other apps' pages."""

from django import template
from django.utils import timezone

from coopcouncil.insight.selectors import (
    my_participation,
    participation_at_scale,
    standards_performance,
)

register = template.Library()


@register.simple_tag
def district_insight(district) -> dict:
    """For the district page: its standards' latest month and how many residents took part."""
    scale = participation_at_scale(district=district)
    return {
        "standards": standards_performance(today=timezone.localdate(), district=district, months=1),
        "participants": scale.participants if scale.computed_at else None,
    }


@register.simple_tag
def my_council(user) -> list:
    """For the profile: how often the person took part in each way, across every app."""
    return my_participation(user)
