"""Pages for ward polls: the councillor opens one, residents of the ward vote, all see the count."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.budgets import forms, selectors, services
from coopcouncil.budgets.logic.ward_polls import is_ward_poll_open
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal_page


@login_required
def poll_create(request: HttpRequest) -> HttpResponse:
    """The councillor puts two to five options for their ward budget to the ward."""
    summary = selectors.my_ward_budget(request.user)
    if summary is None:
        return refusal_page(request, gettext("You have no ward budget to poll the ward on."))
    form = forms.WardPollForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                poll = services.ward_poll_open(
                    actor=request.user, ward_budget=summary.ward_budget, **form.cleaned_data
                )
            except DomainError as error:
                form_show_error(form, error)
                status = error.status
            else:
                messages.success(request, gettext("Your ward poll is set up."))
                return redirect("budgets:ward_poll", poll_id=poll.pk)
    context = {"form": form, "summary": summary}
    return render(request, "budgets/ward_poll_form.html", context, status=status)


def _detail(request: HttpRequest, poll, form, status: int = 200) -> HttpResponse:
    now = timezone.now()
    is_open = is_ward_poll_open(opens_at=poll.opens_at, closes_at=poll.closes_at, now=now)
    context = {
        "poll": poll,
        "form": form,
        "is_open": is_open,
        "is_closed": now >= poll.closes_at,
        "result": selectors.ward_poll_result(poll, now=now),
        "has_voted": selectors.has_voted_in_ward_poll(request.user, poll),
        "can_vote": check(request.user, "budgets.vote_in_ward_poll", poll),
    }
    return render(request, "budgets/ward_poll.html", context, status=status)


def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = found(selectors.ward_poll_get, poll_id)
    return _detail(request, poll, forms.WardPollVoteForm(poll=poll))


@login_required
@require_POST
def poll_vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = found(selectors.ward_poll_get, poll_id)
    form = forms.WardPollVoteForm(request.POST, poll=poll)
    if not form.is_valid():
        return _detail(request, poll, form, status=400)
    try:
        services.ward_poll_vote(actor=request.user, poll=poll, option=form.cleaned_data["option"])
    except DomainError as error:
        form_show_error(form, error)
        return _detail(request, poll, form, status=error.status)
    messages.success(request, gettext("Your vote is counted."))
    return redirect("budgets:ward_poll", poll_id=poll.pk)
