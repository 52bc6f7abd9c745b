"""The ballot: giving a date of birth, casting or changing a vote, and closing the vote."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.money import format_pence
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, rate_limited, refusal_page
from coopcouncil.participation import forms, policy, selectors, services
from coopcouncil.participation.models import BallotType


@login_required
@rate_limited(policy.ballot_rate_limit)
def ballot(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
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
        except DomainError as refused_ballot:
            error = refused_ballot
        else:
            messages.success(
                request, gettext("Your vote is saved. You can change it until voting closes.")
            )
            return redirect("participation:ballot", process.pk)
    current = selectors.ballot_of(process, request.user)
    chosen = error is not None and request.POST or None
    projects = selectors.ballot_projects(process)
    context = {
        "process": process,
        "projects": projects,
        "decision": check(request.user, "pb.vote", process),
        "error": error,
        "chosen_codes": _chosen_codes(process, chosen, current),
        "chosen_points": _chosen_points(chosen, current),
        "ranks": _ranks(process, len(projects), chosen, current),
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


def _ranks(process, project_count: int, posted, current) -> list[tuple[int, str]]:
    if process.ballot_type != BallotType.ORDINAL:
        return []
    count = process.max_projects or project_count
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
    process = found(selectors.process_get, process_id)
    form = forms.BirthDateForm(request.POST)
    if form.is_valid():
        try:
            services.voter_date_of_birth_give(
                user=request.user, date_of_birth=form.cleaned_data["date_of_birth"]
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            return redirect("participation:ballot", process.pk)
    return _birth_date_page(request, process, form, status=400)


@login_required
@require_POST
def voting_close(request: HttpRequest, process_id: int) -> HttpResponse:
    process = found(selectors.process_get, process_id)
    try:
        result = services.voting_close(actor=request.user, process=process)
    except DomainError as error:
        if error.status == 403:
            return refusal_page(request, error.message)
        messages.error(request, error.message)
        return redirect("participation:process", process.pk)
    messages.success(
        request,
        ngettext(
            "Voting is closed: %(count)d project funded, %(used)s of %(budget)s.",
            "Voting is closed: %(count)d projects funded, %(used)s of %(budget)s.",
            len(result.winners),
        )
        % {
            "count": len(result.winners),
            "used": format_pence(result.budget_used_pence),
            "budget": format_pence(process.budget_pence),
        },
    )
    return redirect("participation:results", process.pk)
