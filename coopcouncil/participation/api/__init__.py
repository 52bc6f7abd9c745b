"""Participatory-budgeting endpoints, mounted at /api/v1/pb/: one router made of four parts.

Reading processes, projects, results and delivery is public; proposing, reviewing, voting and
running a process need a signed-in account (session + CSRF) and the permission layer's yes.
Money is integer pence. Errors share the platform's body ``{"detail", "code", "errors"}``.

The operation ids are pinned to the names they had when this was one module
(``coopcouncil_participation_api_<function>``), so clients generated from the OpenAPI
document keep working.
"""

from ninja import Router

from coopcouncil.participation.api import ballots, processes, proposals, results

router = Router(tags=["participatory budgeting"])
router.add_router("", processes.router)
router.add_router("", proposals.router)
router.add_router("", ballots.router)
router.add_router("", results.router)
