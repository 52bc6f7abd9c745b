"""The count: the results page, a recount, and the process as a Pabulib `.pb` file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.caching import public_page
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import found, refusal_page
from coopcouncil.participation import selectors, services


@public_page(selectors.process_page_topics)
def results(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    page = selectors.result_page(process)
    context = {
        "process": process,
        "page": page,
        "can_manage": check(request.user, "pb.manage", process).allowed,
    }
    return render(request, "participation/results.html", context)


@login_required
@require_POST
def result_recount(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    try:
        services.result_compute(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("The ballots were counted again."))
    return redirect("participation:results", process.pk)


def export(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    response = HttpResponse(
        selectors.process_pabulib_text(process), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="pb-process-{process.pk}.pb"'
    return response
