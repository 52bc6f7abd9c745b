"""Writes for the services a mutual runs: linking each to its contract and its asset.

A secretary links a service to one of the mutual's organisation's own contracts
(procurement) or leased assets (co-production), so the public page shows under which
contract the service is run and from which building; anything else is refused on its field.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from coopcouncil.coproduction.models import CommunityAsset
from coopcouncil.core.audit import audit_record
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import require
from coopcouncil.mutuals import selectors
from coopcouncil.mutuals.models import MutualService
from coopcouncil.people.selectors import Actor
from coopcouncil.procurement.models import Contract


def mutual_service_link(
    *,
    actor: Actor,
    service: MutualService,
    contract: Contract | None,
    asset: CommunityAsset | None,
) -> MutualService:
    """Link a service to the contract it is run under and the asset it is run from (or none)."""
    mutual = service.mutual
    require(actor, "mutuals.manage_members", mutual)
    choices = selectors.service_link_choices(mutual)
    if contract is not None and not choices.contracts.filter(pk=contract.pk).exists():
        raise DomainError(
            "contract_not_the_mutuals",
            gettext("Choose one of the contracts the co-operative's organisation holds."),
            "contract",
        )
    if asset is not None and not choices.assets.filter(pk=asset.pk).exists():
        raise DomainError(
            "asset_not_the_mutuals",
            gettext("Choose one of the assets the co-operative's organisation leases."),
            "asset",
        )
    with transaction.atomic():
        service.contract, service.asset = contract, asset
        service.save(update_fields=["contract", "asset"])
        audit_record(
            actor=actor,
            action="mutuals.service_linked",
            target=mutual,
            summary=f"{service.name}: contract {contract.pk if contract else '-'}, "
            f"asset {asset.reference if asset else '-'}",
        )
    return service
