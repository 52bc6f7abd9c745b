"""Delivery of funded projects: the public tracker and the officer's updates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found
from coopcouncil.participation import forms, selectors, services


def delivery(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    return _delivery_page(request, process)


def _delivery_page(request, process, *, failed: tuple | None = None, status: int = 200):
    can_update = check(request.user, "pb.deliver", process).allowed
    rows = []
    for item in selectors.delivery_list(process):
        form = None
        if can_update:
            initial = {
                "status": item.status,
                "spent": f"{item.spent_pence / 100:.2f}",
                "note": item.note,
            }
            form = (
                failed[1]
                if failed and failed[0] == item.project_id
                else forms.DeliveryForm(project=item.project, initial=initial)
            )
        rows.append((item, form))
    context = {"process": process, "rows": rows, "can_update": can_update}
    return render(request, "participation/delivery.html", context, status=status)


@login_required
@require_POST
def delivery_update(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    project = found(selectors.project_get, process, project_id)
    form = forms.DeliveryForm(request.POST, project=project)

    def save(data: dict) -> None:
        services.delivery_update(
            actor=request.user,
            project=project,
            status=data["status"],
            spent_pence=data["spent"],
            note=data["note"],
        )

    answer = form_submit(
        request,
        form,
        save,
        success_message=f"Delivery of '{project.display_title}' updated.",
        success_url=reverse("participation:delivery", args=[process.pk]),
    )
    if answer is not None:
        return answer
    return _delivery_page(request, process, failed=(project.pk, form), status=400)
