"""Reads for the services a mutual runs: each one, and the contracts and assets it may link.

The choices come from the apps that own them, through their selectors: procurement's
``contracts_for_organisation`` and co-production's ``leases_for_organisation``, for the
mutual's own organisation only (the body that holds the contract or the lease).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext

from coopcouncil.coproduction.models import CommunityAsset
from coopcouncil.coproduction.selectors import asset_list, leases_for_organisation
from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.models import Mutual, MutualService
from coopcouncil.procurement.models import Contract
from coopcouncil.procurement.selectors import contract_list, contracts_for_organisation


@dataclass(frozen=True)
class ServiceLinkChoices:
    """What a mutual's services may link to: its organisation's contracts and leased assets."""

    contracts: QuerySet[Contract]
    assets: QuerySet[CommunityAsset]


def service_link_choices(mutual: Mutual) -> ServiceLinkChoices:
    """The mutual's organisation's own contracts and assets; none without an organisation."""
    organisation = mutual.organisation
    if organisation is None:
        return ServiceLinkChoices(contract_list().none(), asset_list().none())
    leased = leases_for_organisation(organisation).values("asset_id")
    return ServiceLinkChoices(
        contracts=contracts_for_organisation(organisation),
        assets=asset_list().filter(pk__in=leased),
    )


def service_list(mutual: Mutual) -> QuerySet[MutualService]:
    return MutualService.objects.filter(mutual=mutual).select_related("contract", "asset")


def service_get(mutual: Mutual, service_id: int) -> MutualService:
    service = service_list(mutual).filter(pk=service_id).first()
    if service is None:
        raise NotFound("service_not_found", gettext("There is no such service."), "service")
    return service
