"""The democracy API at /api/v1/democracy/: meetings, their papers, agenda items, questions,
decisions, call-ins and signatures, and the running of partnerships (members, sub-groups),
the Local Leaders Programme register, pulse surveys and 360-degree rounds. Writes need a
signed-in session (and its CSRF token); errors share the platform's body
``{"detail", "code", "errors"}``."""

from ninja import Router

from coopcouncil.democracy.api.decisions import router as decisions_router
from coopcouncil.democracy.api.management import router as management_router
from coopcouncil.democracy.api.meetings import router as meetings_router
from coopcouncil.democracy.api.papers import router as papers_router

router = Router(tags=["democracy"])
router.add_router("/", meetings_router)
router.add_router("/", papers_router)
router.add_router("/", decisions_router)
router.add_router("/", management_router)
