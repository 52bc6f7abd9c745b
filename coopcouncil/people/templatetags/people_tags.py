"""Who serves an area, for the district and ward pages that the places app draws.

Places sits below people, so its pages cannot ask people for this; each page includes the
apps' sections (templates/includes/) and people's section asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.db.models import QuerySet

from coopcouncil.people import selectors
from coopcouncil.people.models import Organisation, RoleAssignment

register = template.Library()


@dataclass(frozen=True)
class DistrictPeople:
    councillors: QuerySet[RoleAssignment]
    partners: QuerySet[Organisation]
    groups: QuerySet[Organisation]


@register.simple_tag
def district_people(district) -> DistrictPeople:
    """The district's councillors, the partner bodies serving it and its community groups."""
    return DistrictPeople(
        councillors=selectors.councillor_assignments(district=district),
        partners=selectors.district_partners(district),
        groups=selectors.organisation_list(district=district, kind="community_group"),
    )


@register.simple_tag
def ward_councillors(ward) -> QuerySet[RoleAssignment]:
    return selectors.councillor_assignments(ward=ward)
