"""The public commitment tracker."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_submit, found
from coopcouncil.insight import forms, selectors, services
from coopcouncil.insight.models import CommitmentStatus


def commitment_list(request: HttpRequest, **given) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in CommitmentStatus.values else ""
    context = {
        "rows": selectors.commitment_rows(today=timezone.localdate(), status=status),
        "statuses": CommitmentStatus.choices,
        "status": status,
        "can_manage": check(request.user, "insight.manage_commitments").allowed,
        "form": given.get("form") or forms.CommitmentForm(),
    }
    return render(request, "insight/commitments.html", context, status=given.get("status", 200))


@login_required
@require_POST
def commitment_create(request: HttpRequest) -> HttpResponse:
    form = forms.CommitmentForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.commitment_create(actor=request.user, **data),
        success_message=gettext("Commitment published."),
        success_url=reverse("insight:commitments"),
    )
    return done or commitment_list(request, form=form, status=400)


def commitment_detail(request: HttpRequest, slug: str, **given) -> HttpResponse:
    commitment = found(selectors.commitment_get, slug)
    context = {
        "commitment": commitment,
        "today": timezone.localdate(),
        "can_manage": check(request.user, "insight.manage_commitments").allowed,
        "update_form": given.get("update_form")
        or forms.CommitmentUpdateForm(
            initial={"status": commitment.status, "evidence": commitment.evidence}
        ),
        "milestone_form": given.get("milestone_form") or forms.MilestoneForm(),
        "done_form": forms.MilestoneDoneForm(initial={"done_on": timezone.localdate()}),
    }
    return render(request, "insight/commitment.html", context, status=given.get("status", 200))


@login_required
@require_POST
def commitment_update(request: HttpRequest, slug: str) -> HttpResponse:
    commitment = found(selectors.commitment_get, slug)
    form = forms.CommitmentUpdateForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.commitment_update(actor=request.user, commitment=commitment, **data),
        success_message=gettext("Progress published."),
        success_url=reverse("insight:commitment", args=[slug]),
    )
    return done or commitment_detail(request, slug, update_form=form, status=400)


@login_required
@require_POST
def milestone_add(request: HttpRequest, slug: str) -> HttpResponse:
    commitment = found(selectors.commitment_get, slug)
    form = forms.MilestoneForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.milestone_add(actor=request.user, commitment=commitment, **data),
        success_message=gettext("Milestone added."),
        success_url=reverse("insight:commitment", args=[slug]),
    )
    return done or commitment_detail(request, slug, milestone_form=form, status=400)


@login_required
@require_POST
def milestone_complete(request: HttpRequest, slug: str, milestone_id: int) -> HttpResponse:
    commitment = found(selectors.commitment_get, slug)
    milestone = found(selectors.milestone_get, commitment, milestone_id)
    form = forms.MilestoneDoneForm(request.POST)
    done = form_submit(
        request,
        form,
        lambda data: services.milestone_complete(actor=request.user, milestone=milestone, **data),
        success_message=gettext("Milestone marked done."),
        success_url=reverse("insight:commitment", args=[slug]),
    )
    return done or commitment_detail(request, slug, status=400)
