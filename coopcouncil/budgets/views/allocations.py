"""Pages for budget lines: the public allocation with its formula and explanation, and the
finance officer's formulas, scenario comparison and adoption."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coopcouncil.budgets import forms, selectors, services
from coopcouncil.core.errors import DomainError
from coopcouncil.core.permissions import check
from coopcouncil.core.web import form_show_error, found


def index(request: HttpRequest) -> HttpResponse:
    """Every line with its adopted allocation per district, as a table and bars."""
    allocations = list(selectors.current_allocations())
    adopted_line_ids = {allocation.line_id for allocation in allocations}
    context = {
        "allocations": [_chart(allocation) for allocation in allocations],
        "lines_without": [
            line for line in selectors.line_list() if line.pk not in adopted_line_ids
        ],
        "can_manage": check(request.user, "budgets.manage_formulas").allowed,
        "line_form": forms.LineForm(),
    }
    return render(request, "budgets/index.html", context)


def _chart(allocation) -> dict:
    districts = [row for row in allocation.rows.all() if row.ward_id is None]
    top = max((row.amount_pence for row in districts), default=0) or 1
    return {
        "allocation": allocation,
        "districts": [
            {"row": row, "width": round(100 * row.amount_pence / top, 1)} for row in districts
        ],
        "wards": [row for row in allocation.rows.all() if row.ward_id is not None],
    }


def line_detail(request: HttpRequest, slug: str) -> HttpResponse:
    line = found(selectors.line_get, slug)
    return _line_page(request, line)


def _line_page(request, line, *, formula_form=None, status=200) -> HttpResponse:
    current = selectors.allocation_current(line)
    context = {
        "line": line,
        "current": _chart(current) if current else None,
        "versions": selectors.allocation_list(line=line, kind="adopted"),
        "formulas": selectors.formula_list(line),
        "can_manage": check(request.user, "budgets.manage_formulas").allowed,
        "formula_form": formula_form or forms.FormulaForm(),
    }
    return render(request, "budgets/line.html", context, status=status)


def allocation_detail(request: HttpRequest, allocation_id: int) -> HttpResponse:
    allocation = found(selectors.allocation_get, allocation_id)
    return render(request, "budgets/allocation.html", {"chart": _chart(allocation)})


@login_required
@require_POST
def line_create(request: HttpRequest) -> HttpResponse:
    form = forms.LineForm(request.POST)
    if form.is_valid():
        try:
            line = services.budget_line_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, f"Budget line {line} created.")
            return redirect("budgets:line", line.slug)
    context = {
        "allocations": [],
        "lines_without": selectors.line_list(),
        "can_manage": True,
        "line_form": form,
    }
    return render(request, "budgets/index.html", context, status=400)


@login_required
@require_POST
def line_ward_devolution(request: HttpRequest, slug: str) -> HttpResponse:
    """A finance officer says whether the line's ward shares are held by the wards."""
    line = found(selectors.line_get, slug)
    form = forms.WardDevolutionForm(request.POST)
    form.is_valid()  # a lone checkbox is always valid: unticked means "held by districts"
    try:
        line = services.budget_line_devolve_to_wards(
            actor=request.user,
            line=line,
            is_devolved_to_wards=form.cleaned_data["is_devolved_to_wards"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        held_by = "each ward" if line.is_devolved_to_wards else "each district"
        messages.success(request, f"{line}: the shares are now held by {held_by}.")
    return redirect("budgets:line", line.slug)


@login_required
@require_POST
def formula_create(request: HttpRequest, slug: str) -> HttpResponse:
    line = found(selectors.line_get, slug)
    form = forms.FormulaForm(request.POST)
    if form.is_valid():
        try:
            formula = services.formula_create(actor=request.user, line=line, **form.cleaned_data)
        except DomainError as error:
            form_show_error(form, error)
        else:
            messages.success(request, f"Formula '{formula.name}' saved.")
            return redirect("budgets:line", line.slug)
    return _line_page(request, line, formula_form=form, status=400)


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two or more of the line's formulas side by side: table and bars per district."""
    line = found(selectors.line_get, slug)
    chosen_ids = [int(value) for value in request.GET.getlist("formula") if value.isdigit()]
    formulas = [f for f in selectors.formula_list(line) if f.pk in chosen_ids]
    context = {
        "line": line,
        "can_adopt": check(request.user, "budgets.adopt_allocation").allowed,
    }
    try:
        context["view"] = selectors.scenario_comparison(line, formulas)
    except DomainError as error:
        context["error"] = error.message
    return render(request, "budgets/compare.html", context)


@login_required
@require_POST
def adopt(request: HttpRequest, formula_id: int) -> HttpResponse:
    formula = found(selectors.formula_get, formula_id)
    form = forms.AdoptForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        allocation = services.allocation_adopt(actor=request.user, formula=formula, note=note)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("budgets:line", formula.line.slug)
    messages.success(
        request, f"'{formula.name}' adopted and published as version {allocation.version}."
    )
    return redirect("budgets:line", formula.line.slug)
