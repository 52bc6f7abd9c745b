from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from coopcouncil.opendata.popolo import popolo_export
from coopcouncil.places.logic.ward_csv import write_ward_rows
from coopcouncil.places.selectors import ward_rows_for_export


def open_data_index(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/index.html")


def popolo_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(popolo_export(), json_dumps_params={"indent": 2})


def wards_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(write_ward_rows(ward_rows_for_export()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="wards.csv"'
    return response
