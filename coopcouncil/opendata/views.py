from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from coopcouncil.opendata.catalogue import DATASETS, LICENCE_NAME, LICENCE_URL
from coopcouncil.opendata.popolo import popolo_export
from coopcouncil.places.logic.ward_csv import write_ward_rows
from coopcouncil.places.selectors import ward_rows_for_export


def open_data_index(request: HttpRequest) -> HttpResponse:
    datasets = [
        {
            "slug": dataset.slug,
            "title": dataset.title,
            "description": dataset.description,
            "standard": dataset.standard,
            "downloads": [
                {"format": d.format, "url": reverse(d.url_name)} for d in dataset.downloads
            ],
            "last_updated": dataset.last_updated(),
        }
        for dataset in DATASETS
    ]
    context = {"datasets": datasets, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL}
    return render(request, "opendata/index.html", context)


def popolo_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(popolo_export(), json_dumps_params={"indent": 2})


def wards_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(write_ward_rows(ward_rows_for_export()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="wards.csv"'
    return response
