"""Writes for service requests: reporting, handling, API keys, boundaries, reference groups."""

from coopcouncil.servicerequests.services.boundaries import ward_boundaries_load
from coopcouncil.servicerequests.services.demand import (
    demand_count,
    demand_rollup_rebuild,
    demand_spot_count,
)
from coopcouncil.servicerequests.services.groups import (
    reference_group_comment,
    reference_group_join,
    reference_group_leave,
)
from coopcouncil.servicerequests.services.handling import (
    service_request_assign,
    service_request_tag,
    service_request_update,
)
from coopcouncil.servicerequests.services.keys import (
    api_key_authenticate,
    api_key_create,
    api_key_revoke,
)
from coopcouncil.servicerequests.services.reports import (
    Location,
    location_find,
    service_request_report,
    servicerequests_erase,
)

__all__ = [
    "Location",
    "api_key_authenticate",
    "api_key_create",
    "api_key_revoke",
    "demand_count",
    "demand_rollup_rebuild",
    "demand_spot_count",
    "location_find",
    "reference_group_comment",
    "reference_group_join",
    "reference_group_leave",
    "service_request_assign",
    "service_request_report",
    "service_request_tag",
    "service_request_update",
    "servicerequests_erase",
    "ward_boundaries_load",
]
