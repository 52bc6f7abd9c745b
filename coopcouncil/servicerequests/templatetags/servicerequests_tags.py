"""What the account page shows of a person's reports and reference-group places."""

from __future__ import annotations

from django import template

from coopcouncil.servicerequests import selectors

register = template.Library()


@register.simple_tag
def service_requests_of(user) -> dict:
    return {
        "requests": selectors.user_requests(user, limit=10),
        "offers": selectors.reference_group_offers(user),
        "groups": selectors.reference_group_memberships(user),
    }
