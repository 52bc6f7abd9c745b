"""Reads for community share offers."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext

from coopcouncil.core.errors import NotFound
from coopcouncil.mutuals.models import ShareApplication, ShareOffer
from coopcouncil.people.selectors import Actor, is_signed_in


def share_offer_list() -> QuerySet[ShareOffer]:
    return ShareOffer.objects.select_related("mutual").annotate(
        applied_pence=Sum("applications__requested_pence"),
        applicants=Count("applications"),
    )


def share_offer_get(offer_id: int) -> ShareOffer:
    offer = share_offer_list().filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("share_offer_not_found", gettext("There is no such share offer."), "offer")
    return offer


def share_applications(offer: ShareOffer) -> QuerySet[ShareApplication]:
    """Applications in the order received (the allocation rule's order)."""
    return offer.applications.select_related("user").order_by("applied_at", "id")


def my_share_application(user: Actor, offer: ShareOffer) -> ShareApplication | None:
    if not is_signed_in(user):
        return None
    return offer.applications.filter(user=user).first()
