"""The co-production API, mounted at /api/v1/coproduction/: one router made of three parts.

Errors share the platform's body ``{"detail", "code", "errors": {field: [...]}}``.
"""

from ninja import Router

from coopcouncil.coproduction.api import assets, credits, volunteering

router = Router(tags=["coproduction"])
router.add_router("", volunteering.router)
router.add_router("", credits.router)
router.add_router("", assets.router)
