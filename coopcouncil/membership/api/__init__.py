"""Membership deal and energy switching endpoints, mounted at /api/v1/membership/."""

from ninja import Router

from coopcouncil.membership.api import deal, energy

router = Router(tags=["membership"])
router.add_router("", deal.router)
router.add_router("/energy", energy.router, tags=["energy switching"])
