"""The insight API, mounted at /api/v1/insight/: one router made of four parts.

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``.
"""

from ninja import Router

from coopcouncil.insight.api import commitments, outcomes, participation, principles

router = Router(tags=["insight"])
router.add_router("", participation.router)
router.add_router("", outcomes.router)
router.add_router("", commitments.router)
router.add_router("", principles.router)
