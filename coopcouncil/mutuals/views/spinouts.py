"""Pages for the spin-out pipeline (procurement officers): stages, checklists, sign-off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found, refusal
from coopcouncil.mutuals import forms, selectors, services


def spin_out_list(request: HttpRequest) -> HttpResponse:
    form = forms.SpinOutForm(request.POST or None)
    status = 200
    if request.method == "POST":
        denied = refusal(request, "mutuals.manage_spin_outs")
        if denied:
            return denied
        if form.is_valid():
            try:
                spin_out = services.spin_out_start(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form_show_error(form, error)
            else:
                return redirect("mutuals:spin_out", spin_out_id=spin_out.pk)
        status = 400
    context = {
        "spin_outs": selectors.spin_out_list(),
        "form": form,
        "can_manage": check(request.user, "mutuals.manage_spin_outs"),
    }
    return render(request, "mutuals/spin_outs.html", context, status=status)


def spin_out_detail(request: HttpRequest, spin_out_id: int) -> HttpResponse:
    spin_out = found(selectors.spin_out_get, spin_out_id)
    can_manage = check(request.user, "mutuals.manage_spin_outs")
    stages = [
        {"stage": stage, "form": forms.SpinOutStageForm(stage=stage, prefix=stage.name)}
        for stage in spin_out.stages.all()
    ]
    context = {"spin_out": spin_out, "stages": stages, "can_manage": can_manage}
    return render(request, "mutuals/spin_out.html", context)


@login_required
@require_POST
def stage_update(request: HttpRequest, spin_out_id: int, name: str) -> HttpResponse:
    spin_out = found(selectors.spin_out_get, spin_out_id)
    denied = refusal(request, "mutuals.manage_spin_outs")
    if denied:
        return denied
    stage = found(selectors.spin_out_stage_get, spin_out, name)
    form = forms.SpinOutStageForm(request.POST, stage=stage, prefix=stage.name)
    try:
        if form.is_valid():
            services.spin_out_stage_update(
                actor=request.user,
                stage=stage,
                done=form.cleaned_data["done"],
                due_on=form.cleaned_data["due_on"],
            )
            if "sign_off" in request.POST:
                services.spin_out_stage_sign_off(actor=request.user, stage=stage)
                messages.success(request, gettext("Stage signed off."))
            else:
                messages.success(request, gettext("Checklist saved."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("mutuals:spin_out", spin_out_id=spin_out.pk)
