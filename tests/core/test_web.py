"""The one web toolkit: a rule's message on the form, the refusal page, the 404 page."""

import pytest
from django import forms
from django.http import Http404
from django.test import RequestFactory

from coopcouncil.core.errors import DomainError, NotFound, RowErrors
from coopcouncil.core.web import form_create, form_run, form_show_error, found, refusal


class WardBudgetForm(forms.Form):
    amount = forms.IntegerField()
    reason = forms.CharField(required=False)


def _valid_form() -> WardBudgetForm:
    form = WardBudgetForm({"amount": "5", "reason": ""})
    assert form.is_valid()
    return form


def test_a_rule_naming_a_field_of_the_form_shows_on_that_field():
    form = _valid_form()
    form_show_error(form, DomainError("over_budget", "That is more than the ward has.", "amount"))
    assert form.errors == {"amount": ["That is more than the ward has."]}


def test_a_rule_naming_no_field_of_the_form_shows_above_it():
    form = _valid_form()
    form_show_error(form, DomainError("closed", "The year is closed.", "financial_year"))
    assert form.non_field_errors() == ["The year is closed."]


def test_further_messages_go_on_their_fields_or_above_the_form_saying_where():
    form = _valid_form()
    error = DomainError(
        "invalid",
        "Give an amount.",
        "amount",
        errors={"reason": ["Say why."], "ward": ["Choose a ward."], "__all__": ["Try again."]},
    )
    form_show_error(form, error)
    assert form.errors["amount"] == ["Give an amount."]
    assert form.errors["reason"] == ["Say why."]
    assert form.non_field_errors() == ["ward: Choose a ward.", "Try again."]


def test_a_file_import_shows_each_row_above_the_form():
    form = _valid_form()
    form_show_error(form, RowErrors("bad_file", "2 problems.", [(3, "district", "Unknown.")]))
    assert form.non_field_errors() == ["2 problems.", "row 3: district: Unknown."]


def test_form_run_reports_success_even_when_the_service_returns_nothing():
    assert form_run(_valid_form(), lambda data: None) is True


def test_form_run_puts_the_rule_on_the_form_and_reports_failure():
    form = _valid_form()

    def refuse(data):
        raise DomainError("over_budget", "Too much.", "amount")

    assert form_run(form, refuse) is False
    assert form.errors == {"amount": ["Too much."]}


def test_form_create_returns_what_the_service_made_from_the_cleaned_data():
    assert form_create(_valid_form(), lambda data: data["amount"] * 2) == 10


def test_form_create_does_not_call_the_service_for_an_invalid_form():
    called = []
    form = WardBudgetForm({"amount": "five"})
    assert form_create(form, called.append) is None
    assert called == [] and "amount" in form.errors


def test_a_missing_object_becomes_the_404_page_with_its_message():
    def ward_get(slug):
        raise NotFound("ward_not_found", f"There is no ward '{slug}'.", "ward")

    with pytest.raises(Http404, match="There is no ward 'atlantis'."):
        found(ward_get, "atlantis")


def test_found_passes_what_the_selector_returns_through():
    assert found(lambda slug, *, year: (slug, year), "coldhurst", year=2026) == ("coldhurst", 2026)


def test_found_leaves_other_rule_errors_alone():
    def refuse():
        raise DomainError("bad", "Bad.")

    with pytest.raises(DomainError):
        found(refuse)


def test_refusal_is_the_403_page_with_the_rules_reason(make_user):
    request = RequestFactory().get("/")
    request.user = make_user("Ann Resident")
    response = refusal(request, "budgets.import_spend")
    assert response.status_code == 403
    assert "Only finance officers and administrators may do this." in response.content.decode()


def test_refusal_is_none_when_the_rule_allows(administrator):
    request = RequestFactory().get("/")
    request.user = administrator
    assert refusal(request, "budgets.import_spend") is None
