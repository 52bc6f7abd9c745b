"""PB pages: the process, proposing, reviewing, the ballot, results and delivery."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError, NotFound
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check
from coopcouncil.participation import forms, photos, selectors, services
from coopcouncil.participation.models import PHASE_DATES, BallotType, PBProcess, Phase
from coopcouncil.places.models import District


def _process(process_id: int):
    try:
        return selectors.process_get(process_id)
    except NotFound as error:
        raise Http404(error.message) from None


def _project(process, project_id: int):
    try:
        return selectors.project_get(process, project_id)
    except NotFound as error:
        raise Http404(error.message) from None


def _show_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    for name, extra in error.extra_errors.items():
        for message in extra:
            form.add_error(name if name in form.fields else None, message)


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(request, "403.html", {"reason": error.message}, status=error.status)


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "processes": selectors.process_list(),
        "can_open": bool(_managed_areas(request.user)),
    }
    return render(request, "participation/index.html", context)


def _managed_areas(user) -> list[District | None]:
    """The areas (None: the borough) where the user may run a PB process."""
    areas = [None, *District.objects.order_by("name")]
    return [area for area in areas if check(user, "pb.manage", PBProcess(district=area)).allowed]


@login_required
def process_new(request: HttpRequest) -> HttpResponse:
    """An officer opens a PB process: the same service as `POST /api/v1/pb/processes`."""
    areas = _managed_areas(request.user)
    if not areas:
        reason = check(request.user, "pb.manage", PBProcess()).reason
        return render(request, "403.html", {"reason": reason}, status=403)
    form = forms.ProcessForm(request.POST or None, areas=areas)
    headings = forms.HeadingFormSet(request.POST or None, prefix="headings")
    if request.method == "POST" and form.is_valid() and headings.is_valid():
        try:
            process = services.process_create(
                actor=request.user,
                headings=_heading_plans(headings),
                **form.service_arguments(),
            )
        except DomainError as error:
            if error.status == 403:
                return _refused(request, error)
            _show_process_error(form, headings, error)
        else:
            messages.success(request, f"'{process.title}' is open for proposals.")
            return redirect("participation:process", process.pk)
    return _process_form_page(request, form, headings, None)


@login_required
def process_edit(request: HttpRequest, process_id: int) -> HttpResponse:
    """An officer edits a process; its voting terms are fixed once voting opens."""
    process = _process(process_id)
    decision = check(request.user, "pb.manage", process)
    if not decision.allowed:
        return render(request, "403.html", {"reason": decision.reason}, status=403)
    areas = _managed_areas(request.user)
    if process.district not in areas:
        areas.append(process.district)
    form = forms.ProcessForm(
        request.POST or None, areas=areas, initial=forms.ProcessForm.initial_for(process)
    )
    headings = forms.HeadingFormSet(
        request.POST or None, prefix="headings", initial=forms.heading_initial(process)
    )
    if request.method == "POST" and form.is_valid() and headings.is_valid():
        try:
            services.process_update(
                actor=request.user,
                process=process,
                headings=_heading_plans(headings),
                **form.service_arguments(),
            )
        except DomainError as error:
            if error.status == 403:
                return _refused(request, error)
            _show_process_error(form, headings, error)
        else:
            messages.success(request, f"'{process.title}' is saved.")
            return redirect("participation:process", process.pk)
    return _process_form_page(request, form, headings, process)


SECTIONS = [
    ("The process", ["title", "description", "district", "budget", "min_voter_age"]),
    (
        "The ballot",
        [
            "ballot_type",
            "min_projects",
            "max_projects",
            "max_total_cost",
            "points_to_spread",
            "max_points_per_project",
        ],
    ),
    ("Counting", ["rule", "official_rule"]),
    ("Phase dates (optional; they must follow one another)", list(PHASE_DATES)),
]


def _heading_plans(headings) -> tuple[services.HeadingPlan, ...]:
    return tuple(
        services.HeadingPlan(name=data["name"], budget_pence=data["budget"], ward=data["ward"])
        for data in headings.cleaned_data
        if data and (data.get("name") or "").strip()
    )


def _show_process_error(form, headings, error: DomainError) -> None:
    for field, found in error.errors.items():
        name = forms.ProcessForm.SERVICE_FIELDS.get(field, field)
        for message in found:
            if name == "headings":
                headings.service_errors = [*getattr(headings, "service_errors", []), message]
            else:
                form.add_error(name if name in form.fields else None, message)


def _process_form_page(request, form, headings, process) -> HttpResponse:
    is_locked = process is not None and (
        process.phase not in (Phase.PROPOSALS, Phase.REVIEW) or process.is_imported
    )
    failed = request.method == "POST"
    context = {
        "process": process,
        "form": form,
        "headings": headings,
        "heading_errors": getattr(headings, "service_errors", []),
        "is_locked": is_locked,
        "sections": [(legend, [form[name] for name in names]) for legend, names in SECTIONS],
    }
    return render(
        request, "participation/process_form.html", context, status=400 if failed else 200
    )


def project_detail(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    process = _process(process_id)
    project = _project(process, project_id)
    context = {"process": process, "project": project}
    return render(request, "participation/project.html", context)


def project_photo(request: HttpRequest, process_id: int, project_id: int) -> HttpResponse:
    """A proposal's photo, streamed from storage so no separate media server is needed.

    Proposals are public, and so are their photos. The content type comes from the file's own
    bytes; `nosniff` stops a browser from guessing otherwise.
    """
    project = _project(_process(process_id), project_id)
    if not project.photo:
        raise Http404("This project has no photo.")
    try:
        stored = project.photo.open("rb")
    except FileNotFoundError:
        raise Http404("The photo file is missing.") from None
    content_type = photos.file_image_type(stored)
    if content_type is None:
        stored.close()
        raise Http404("The stored file is not an image.")
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    user = request.user
    context = {
        "process": process,
        "phases": Phase.choices,
        "can_manage": check(user, "pb.manage", process).allowed,
        "can_propose": check(user, "pb.propose", process),
        "can_vote": check(user, "pb.vote", process),
        "ballot": selectors.ballot_of(process, user),
        "proposals": selectors.project_list(process).order_by("status", "title"),
        "result": selectors.result_latest(process),
    }
    return render(request, "participation/process.html", context)


@login_required
def proposal_new(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
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
            _show_error(form, error)
        else:
            messages.success(
                request, f"Thank you: '{project.title}' is submitted for a feasibility review."
            )
            return redirect("participation:process", process.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "process": process,
        "form": form,
        "decision": check(request.user, "pb.propose", process),
    }
    return render(request, "participation/proposal_form.html", context, status=status)


@login_required
def review_list(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    decision = check(request.user, "pb.review", process)
    if not decision.allowed:
        return render(request, "403.html", {"reason": decision.reason}, status=403)
    return _review_page(request, process)


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
    process = _process(process_id)
    project = _project(process, project_id)
    form = forms.ReviewForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_review(
                actor=request.user,
                project=project,
                is_feasible=data["decision"] == "feasible",
                reason=data["reason"],
                final_cost_pence=data["final_cost"],
            )
        except DomainError as error:
            if error.status == 403:
                return _refused(request, error)
            _show_error(form, error)
        else:
            messages.success(request, f"Review of '{project.display_title}' saved.")
            return redirect("participation:review", process.pk)
    return _review_page(request, process, failed=(project.pk, form), status=400)


@login_required
def ballot(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    if request.user.date_of_birth is None:
        return _birth_date_page(request, process, forms.BirthDateForm())
    error = None
    if request.method == "POST":
        choices, points, problem = forms.ballot_from_post(process, request.POST)
        try:
            if problem:
                raise DomainError("pb_ballot_unreadable", problem, "choices")
            services.ballot_cast(
                voter=request.user, process=process, choices=choices, points=points
            )
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, "Your vote is saved. You can change it until voting closes.")
            return redirect("participation:ballot", process.pk)
    current = selectors.ballot_of(process, request.user)
    chosen = error is not None and request.POST or None
    context = {
        "process": process,
        "projects": selectors.ballot_projects(process),
        "decision": check(request.user, "pb.vote", process),
        "error": error,
        "chosen_codes": _chosen_codes(process, chosen, current),
        "chosen_points": _chosen_points(chosen, current),
        "ranks": _ranks(process, chosen, current),
        "has_ballot": current is not None,
        # The approval limits apply within each heading (see `services.ballot_cast`).
        "per_heading": process.ballot_type == BallotType.APPROVAL and bool(process.headings.all()),
    }
    return render(request, "participation/ballot.html", context, status=400 if error else 200)


def _chosen_codes(process, posted, current) -> list[str]:
    if posted is not None:
        return posted.getlist("choices")
    return list(current.choices) if current else []


def _chosen_points(posted, current) -> dict[str, str]:
    if posted is not None:
        return {k.removeprefix("points-"): v for k, v in posted.items() if k.startswith("points-")}
    if current and current.points:
        return {code: str(p) for code, p in zip(current.choices, current.points, strict=True)}
    return {}


def _ranks(process, posted, current) -> list[tuple[int, str]]:
    if process.ballot_type != BallotType.ORDINAL:
        return []
    count = process.max_projects or len(selectors.ballot_projects(process))
    if posted is not None:
        given = [posted.get(f"rank-{n}", "") for n in range(1, count + 1)]
    else:
        given = list(current.choices) if current else []
    given += [""] * (count - len(given))
    return list(enumerate(given[:count], start=1))


def _birth_date_page(request, process, form, status: int = 200) -> HttpResponse:
    return render(
        request, "participation/birth_date.html", {"process": process, "form": form}, status=status
    )


@login_required
@require_POST
def birth_date(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    form = forms.BirthDateForm(request.POST)
    if form.is_valid():
        try:
            services.voter_date_of_birth_give(
                user=request.user, date_of_birth=form.cleaned_data["date_of_birth"]
            )
        except DomainError as error:
            _show_error(form, error)
        else:
            return redirect("participation:ballot", process.pk)
    return _birth_date_page(request, process, form, status=400)


@login_required
@require_POST
def process_advance(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    try:
        phase = services.process_phase_advance(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return _refused(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, f"The process is now in its {Phase(phase).label.lower()} phase.")
    return redirect("participation:process", process.pk)


@login_required
@require_POST
def voting_close(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    try:
        result = services.voting_close(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return _refused(request, error)
        messages.error(request, error.message)
        return redirect("participation:process", process.pk)
    messages.success(
        request,
        f"Voting is closed: {len(result.winners)} projects funded, "
        f"{format_pence(result.budget_used_pence)} of {format_pence(process.budget_pence)}.",
    )
    return redirect("participation:results", process.pk)


@login_required
@require_POST
def result_recount(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    try:
        services.result_compute(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return _refused(request, error)
        messages.error(request, error.message)
    else:
        messages.success(request, "The ballots were counted again.")
    return redirect("participation:results", process.pk)


def results(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    page = selectors.result_page(process)
    context = {
        "process": process,
        "page": page,
        "can_manage": check(request.user, "pb.manage", process).allowed,
    }
    return render(request, "participation/results.html", context)


def delivery(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
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
    process = _process(process_id)
    project = _project(process, project_id)
    form = forms.DeliveryForm(request.POST, project=project)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.delivery_update(
                actor=request.user,
                project=project,
                status=data["status"],
                spent_pence=data["spent"],
                note=data["note"],
            )
        except DomainError as error:
            if error.status == 403:
                return _refused(request, error)
            _show_error(form, error)
        else:
            messages.success(request, f"Delivery of '{project.display_title}' updated.")
            return redirect("participation:delivery", process.pk)
    return _delivery_page(request, process, failed=(project.pk, form), status=400)


def export(request: HttpRequest, process_id: int) -> HttpResponse:
    process = _process(process_id)
    response = HttpResponse(
        selectors.process_pabulib_text(process), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="pb-process-{process.pk}.pb"'
    return response
