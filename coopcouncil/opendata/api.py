"""Open data endpoints: whole-borough documents in open standards."""

from django.http import HttpRequest
from ninja import Router

from coopcouncil.opendata.popolo import popolo_export

router = Router(tags=["open data"])


@router.get("/popolo", summary="Councillors, organisations and memberships (Popolo 1.0)")
def popolo(request: HttpRequest) -> dict:
    return popolo_export()
