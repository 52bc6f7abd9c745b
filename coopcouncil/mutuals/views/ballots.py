"""Pages for member ballots and STV elections: members vote, everyone sees the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal
from coopcouncil.mutuals import forms, selectors, services
from coopcouncil.mutuals.logic.ballot_files import write_blt, write_csv
from coopcouncil.mutuals.logic.ballots import is_open
from coopcouncil.mutuals.views.register import _manage_post


@login_required
@require_POST
def ballot_create(request: HttpRequest, slug: str) -> HttpResponse:
    def act(mutual, data):
        classes = list(data.pop("classes"))
        services.ballot_open(actor=request.user, mutual=mutual, classes=classes, **data)

    return _manage_post(
        request,
        slug,
        "ballot_form",
        lambda mutual: forms.BallotForm(request.POST, mutual=mutual),
        act,
        gettext("Ballot opened."),
    )


def _ballot_page(request: HttpRequest, ballot, form, status: int = 200) -> HttpResponse:
    now = timezone.now()
    context = {
        "ballot": ballot,
        "form": form,
        "is_open": is_open(opens_at=ballot.opens_at, closes_at=ballot.closes_at, now=now),
        "is_closed": now >= ballot.closes_at,
        "result": selectors.ballot_result(ballot),
        "has_voted": selectors.has_voted_in_ballot(request.user, ballot),
        "can_vote": check(request.user, "mutuals.vote_in_ballot", ballot),
    }
    return render(request, "mutuals/ballot.html", context, status=status)


def ballot_detail(request: HttpRequest, ballot_id: int) -> HttpResponse:
    return _ballot_page(request, found(selectors.ballot_get, ballot_id), forms.BallotVoteForm())


@login_required
@require_POST
def ballot_vote(request: HttpRequest, ballot_id: int) -> HttpResponse:
    ballot = found(selectors.ballot_get, ballot_id)
    form = forms.BallotVoteForm(request.POST)
    if not form.is_valid():
        return _ballot_page(request, ballot, form, status=400)
    try:
        services.ballot_vote(actor=request.user, ballot=ballot, choice=form.cleaned_data["choice"])
    except DomainError as error:
        form_show_error(form, error)
        return _ballot_page(request, ballot, form, status=error.status)
    messages.success(
        request, gettext("Your vote is counted. How you voted is not recorded against you.")
    )
    return redirect("mutuals:ballot", ballot_id=ballot.pk)


@login_required
@require_POST
def election_create(request: HttpRequest, slug: str) -> HttpResponse:
    def act(mutual, data):
        classes = list(data.pop("classes"))
        services.election_open(actor=request.user, mutual=mutual, classes=classes, **data)

    return _manage_post(
        request,
        slug,
        "election_form",
        lambda mutual: forms.ElectionForm(request.POST, mutual=mutual),
        act,
        gettext("Election opened."),
    )


def _election_page(
    request: HttpRequest, election, form, status: int = 200, import_form=None
) -> HttpResponse:
    now = timezone.now()
    candidates = selectors.candidate_list(election)
    context = {
        "election": election,
        "candidates": candidates,
        "form": form,
        "import_form": import_form or forms.BallotsImportForm(),
        "is_open": election.status == "open"
        and is_open(opens_at=election.opens_at, closes_at=election.closes_at, now=now),
        "is_closed": now >= election.closes_at,
        "papers": selectors.election_turnout(election),
        "has_voted": selectors.has_voted_in_election(request.user, election),
        "can_vote": check(request.user, "mutuals.vote_in_election", election),
        "can_run": check(request.user, "mutuals.run_elections", election.mutual),
        "result": election.result,
        "stages": _stage_rows(election.result) if election.result else [],
    }
    return render(request, "mutuals/election.html", context, status=status)


def _stage_rows(result: dict) -> list[dict]:
    """Each stage with its candidates in ballot order: votes and the change at that stage."""
    return [
        {
            **stage,
            "rows": [
                {"name": name, "votes": votes, "change": stage["transfers"][name]}
                for name, votes in stage["votes"].items()
            ],
        }
        for stage in result["stages"]
    ]


def election_detail(request: HttpRequest, election_id: int) -> HttpResponse:
    election = found(selectors.election_get, election_id)
    return _election_page(
        request, election, forms.RankingForm(candidates=selectors.candidate_list(election))
    )


@login_required
@require_POST
def election_vote(request: HttpRequest, election_id: int) -> HttpResponse:
    election = found(selectors.election_get, election_id)
    form = forms.RankingForm(request.POST, candidates=selectors.candidate_list(election))
    if not form.is_valid():
        return _election_page(request, election, form, status=400)
    try:
        services.election_vote(
            actor=request.user, election=election, ranking=form.cleaned_data["ranking"]
        )
    except DomainError as error:
        form_show_error(form, error)
        return _election_page(request, election, form, status=error.status)
    messages.success(
        request, gettext("Your ballot is counted. How you ranked is not recorded against you.")
    )
    return redirect("mutuals:election", election_id=election.pk)


@login_required
@require_POST
def election_count(request: HttpRequest, election_id: int) -> HttpResponse:
    election = found(selectors.election_get, election_id)
    denied = refusal(request, "mutuals.run_elections", election.mutual)
    if denied:
        return denied
    try:
        services.election_count(actor=request.user, election=election)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Counted; the result is published stage by stage."))
    return redirect("mutuals:election", election_id=election.pk)


@login_required
@require_POST
def election_import(request: HttpRequest, election_id: int) -> HttpResponse:
    election = found(selectors.election_get, election_id)
    denied = refusal(request, "mutuals.run_elections", election.mutual)
    if denied:
        return denied
    form = forms.BallotsImportForm(request.POST, request.FILES)
    if form.is_valid():
        text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
        try:
            papers = services.election_ballots_import(
                actor=request.user,
                election=election,
                text=text,
                file_format=form.cleaned_data["file_format"],
            )
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(
                request, gettext("%(papers)s paper ballots added.") % {"papers": papers}
            )
            return redirect("mutuals:election", election_id=election.pk)
    ranking = forms.RankingForm(candidates=selectors.candidate_list(election))
    return _election_page(request, election, ranking, status=400, import_form=form)


def election_ballots(request: HttpRequest, election_id: int, file_format: str) -> HttpResponse:
    """The counted election's ballots (grouped rankings, no voters) as BLT or CSV."""
    election = found(selectors.election_get, election_id)
    if election.status != "counted":
        return render(
            request,
            "404.html",
            {"reason": gettext("Ballots are published once counted.")},
            status=404,
        )
    countable = selectors.election_countable(election)
    text = write_blt(countable) if file_format == "blt" else write_csv(countable)
    response = HttpResponse(text, content_type="text/csv" if file_format == "csv" else "text/plain")
    response["Content-Disposition"] = f'attachment; filename="election-{election.pk}.{file_format}"'
    return response
