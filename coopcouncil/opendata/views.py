import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from coopcouncil.opendata.catalogue import (
    DATASETS,
    LICENCE_NAME,
    LICENCE_URL,
    dataset_get,
    pabulib_zip,
)
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
            "downloads": [{"format": d.format, "url": d.url()} for d in dataset.downloads],
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


def _dataset_rows(slug: str) -> list[dict]:
    dataset = dataset_get(slug)
    if dataset is None or dataset.rows is None:
        raise Http404("There is no such dataset.")
    return dataset.rows()


def dataset_csv(request: HttpRequest, slug: str) -> HttpResponse:
    rows = _dataset_rows(slug)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    return response


def dataset_json(request: HttpRequest, slug: str) -> HttpResponse:
    body = json.dumps(_dataset_rows(slug), cls=DjangoJSONEncoder, indent=2)
    return HttpResponse(body, content_type="application/json")


def pb_results_pabulib(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(pabulib_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="pb-results.pabulib.zip"'
    return response
