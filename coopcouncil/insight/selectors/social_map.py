"""The social map: organisations and the ties between them, with no personal data.

Ties come from shared members (people's current roles) and seats on the same district
partnership (democracy); joint grants and leases join as their apps land. Only
organisations and counts leave this module.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from django.utils.translation import gettext

from coopcouncil.democracy.selectors import partnership_list, partnership_members
from coopcouncil.insight.logic.social_map import Group, SocialNetwork, Tie, social_network
from coopcouncil.people.selectors import organisation_list, organisation_memberships


def _pairs_from(members: dict[int, set[int]]) -> Counter[tuple[int, int]]:
    """How many of the keys (people, partnerships) each pair of organisations shares."""
    pairs: Counter[tuple[int, int]] = Counter()
    for organisations in members.values():
        for pair in combinations(sorted(organisations), 2):
            pairs[pair] += 1
    return pairs


def social_map() -> SocialNetwork:
    """Every organisation, its ties and the network measures."""
    organisations = list(organisation_list())
    known = {o.pk for o in organisations}
    by_person: dict[int, set[int]] = {}
    for row in organisation_memberships():
        by_person.setdefault(row["user_id"], set()).add(row["organisation_id"])
    by_partnership: dict[int, set[int]] = {}
    for partnership in partnership_list():
        seats = partnership_members(partnership).filter(organisation__isnull=False)
        by_partnership[partnership.pk] = {
            seat.organisation_id for seat in seats if seat.organisation_id is not None
        }
    shared, partnered = _pairs_from(by_person), _pairs_from(by_partnership)
    ties = [
        Tie(a, b, shared.get((a, b), 0), partnered.get((a, b), 0))
        for a, b in sorted(set(shared) | set(partnered))
        if a in known and b in known
    ]
    no_district = gettext("Borough-wide")
    groups = [
        Group(o.pk, o.name, o.district.name if o.district is not None else no_district)
        for o in organisations
    ]
    return social_network(groups, ties)
