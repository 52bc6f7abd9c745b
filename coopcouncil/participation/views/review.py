"""The feasibility review: officers mark each proposal feasible or not, with a reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coopcouncil.core.web import form_submit, found, refusal
from coopcouncil.participation import forms, selectors, services


@login_required
def review_list(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    return refusal(request, "pb.review", process) or _review_page(request, process)


def _review_page(request, process, *, failed: tuple | None = None, status: int = 200):
    rows = []
    for project in selectors.project_list(process).order_by("status", "pk"):
        form = (
            failed[1] if failed and failed[0] == project.pk else forms.ReviewForm(project=project)
        )
        rows.append((project, form))
    return render(
        request, "participation/review.html", {"process": process, "rows": rows}, status=status
    )


@login_required
@require_POST
def review_submit(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    project = found(selectors.project_get, process, project_id)
    form = forms.ReviewForm(request.POST, project=project)

    def save(data: dict) -> None:
        services.proposal_review(
            actor=request.user,
            project=project,
            is_feasible=data["decision"] == "feasible",
            reason=data["reason"],
            final_cost_pence=data["final_cost"],
        )

    answer = form_submit(
        request,
        form,
        save,
        success_message=f"Review of '{project.display_title}' saved.",
        success_url=reverse("participation:review", args=[process.pk]),
    )
    if answer is not None:
        return answer
    return _review_page(request, process, failed=(project.pk, form), status=400)
