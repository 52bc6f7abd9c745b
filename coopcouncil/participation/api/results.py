"""The published count of a PB process, with the rule's explanation."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router

from coopcouncil.core.caching import shared_read, url_record_id
from coopcouncil.core.errors import NotFound
from coopcouncil.participation import selectors
from coopcouncil.participation.api.schemas import ResultOut

router = Router()


@router.get(
    "/processes/{process_id}/results",
    response=ResultOut,
    operation_id="coopcouncil_participation_api_result_detail",
)
@shared_read(lambda process_id: selectors.process_page_topics(url_record_id(process_id)))
def result_detail(request: HttpRequest, process_id: int):
    """The latest published count, with the rule's explanation for every project."""
    result = selectors.result_latest(selectors.process_get(process_id))
    if result is None:
        raise NotFound("pb_no_result", gettext("This process has not been counted yet."))
    return result
