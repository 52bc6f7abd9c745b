"""The account page's co-operatives section: my memberships and the ballots I can vote in."""

from __future__ import annotations

from django import template

from coopcouncil.mutuals import selectors

register = template.Library()


@register.simple_tag
def my_mutuals(user) -> dict:
    return {
        "memberships": selectors.my_memberships(user),
        "ballots": selectors.ballots_to_vote(user),
        "elections": selectors.elections_to_vote(user),
    }


@register.simple_tag
def mutuals_in_district(district) -> list:
    return list(selectors.mutual_list(district=district))
