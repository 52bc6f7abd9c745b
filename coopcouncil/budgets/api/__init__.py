"""The budgets API, mounted at /api/v1/budgets/: one router made of five parts.

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``.
"""

from ninja import Router

from coopcouncil.budgets.api import allocations, autonomy, monitoring, ward_budgets, ward_polls

router = Router(tags=["budgets"])
router.add_router("", allocations.router)
router.add_router("", monitoring.router)
router.add_router("", autonomy.router)
router.add_router("", ward_budgets.router)
router.add_router("", ward_polls.router)
