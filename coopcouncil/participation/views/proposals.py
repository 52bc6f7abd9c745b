"""A resident proposes a project; anyone reads a proposal and sees its photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, stored_file_open
from coopcouncil.participation import forms, photos, selectors, services


@login_required
def proposal_new(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    form = forms.ProposalForm(
        request.POST or None, request.FILES or None, process=process, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.proposal_submit(
                actor=request.user,
                process=process,
                title=data["title"],
                description=data["description"],
                estimated_cost_pence=data["cost"],
                ward=data["ward"],
                heading=data.get("heading"),
                community_group=data.get("community_group"),
                photo=data.get("photo"),
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(
                request,
                gettext("Thank you: '%(title)s' is submitted for a feasibility review.")
                % {"title": project.title},
            )
            return redirect("participation:process", process.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "process": process,
        "form": form,
        "decision": check(request.user, "pb.propose", process),
    }
    return render(request, "participation/proposal_form.html", context, status=status)


def project_detail(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    project = found(selectors.project_get, process, project_id)
    context = {"process": process, "project": project}
    return render(request, "participation/project.html", context)


def project_photo(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    """A proposal's photo, streamed from storage so no separate media server is needed.

    Proposals are public, and so are their photos. The content type comes from the file's own
    bytes; `nosniff` stops a browser from guessing otherwise.
    """
    project = found(selectors.project_get, found(selectors.process_get, process_id), project_id)
    stored = stored_file_open(project.photo, gettext("This project has no photo."))
    content_type = photos.file_image_type(stored)
    if content_type is None:
        stored.close()
        raise Http404(gettext("The stored file is not an image."))
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
