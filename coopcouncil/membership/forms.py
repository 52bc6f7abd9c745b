"""Forms for households, suppliers, partners and the council's membership officers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.money import parse_pounds
from coopcouncil.membership.logic.deal import BENEFIT_KINDS
from coopcouncil.membership.logic.tariffs import (
    PAYMENT_METHODS,
    REGIONS,
    TDCV_SOURCE,
    RegistrationInput,
)
from coopcouncil.people.selectors import organisation_list
from coopcouncil.places.selectors import ward_list


class HouseholdForm(forms.Form):
    """A household's registration. Use may be left blank for an estimate from household size.

    Numbers are checked by the service, field by field, so the page and the API refuse the
    same answers with the same words.
    """

    region = forms.ChoiceField(label=_("Electricity region"), choices=list(REGIONS.items()))
    payment_method = forms.ChoiceField(
        label=_("How you pay"), choices=list(PAYMENT_METHODS.items())
    )
    has_gas = forms.BooleanField(label=_("We have mains gas"), required=False, initial=True)
    electricity_kwh = forms.IntegerField(
        label=_("Electricity used in a year (kWh)"),
        required=False,
        help_text=_("From your bill or annual statement. Leave blank to estimate."),
    )
    gas_kwh = forms.IntegerField(
        label=_("Gas used in a year (kWh)"),
        required=False,
        help_text=_("Leave blank to estimate."),
    )
    household_size = forms.IntegerField(
        label=_("People living in your home (for an estimate)"),
        required=False,
        help_text=_("Estimates use published typical consumption values. Source: %(source)s")
        % {"source": TDCV_SOURCE},
    )
    electricity_unit_rate = forms.CharField(
        label=_("Your electricity unit rate (pence per kWh)"), required=False
    )
    electricity_standing_charge = forms.CharField(
        label=_("Your electricity standing charge (pence per day)"), required=False
    )
    gas_unit_rate = forms.CharField(label=_("Your gas unit rate (pence per kWh)"), required=False)
    gas_standing_charge = forms.CharField(
        label=_("Your gas standing charge (pence per day)"), required=False
    )

    def entry(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            region=data["region"],
            payment_method=data["payment_method"],
            electricity_kwh=data["electricity_kwh"],
            gas_kwh=data["gas_kwh"],
            household_size=data["household_size"],
            has_gas=data["has_gas"],
            electricity_unit_rate=data["electricity_unit_rate"],
            electricity_standing_charge=data["electricity_standing_charge"],
            gas_unit_rate=data["gas_unit_rate"],
            gas_standing_charge=data["gas_standing_charge"],
        )


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    registration_opens = forms.DateTimeField(
        label=_("Registration opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    registration_closes = forms.DateTimeField(
        label=_("Registration closes (auction day follows)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    acceptance_closes = forms.DateTimeField(
        label=_("Offers must be accepted by"),
        required=False,
        help_text=_("Leave blank for the council's usual acceptance window."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    finder_fee = forms.CharField(
        label=_("Finder's fee per switched household (£)"),
        required=False,
        help_text=_("Leave blank for the council's usual fee."),
    )

    def clean_finder_fee(self) -> int | None:
        text = self.cleaned_data["finder_fee"]
        if not text:
            return None
        try:
            return parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class BidsForm(forms.Form):
    file = forms.FileField(
        label=_("Bids file (CSV)"),
        help_text=_(
            "Columns: bid, supplier, fuel, region, payment_method, unit_rate (pence per kWh),"
            " standing_charge (pence per day). One row for each price."
        ),
    )
    supplier = forms.ModelChoiceField(
        label=_("Supplier"), queryset=organisation_list().none(), required=False
    )

    def __init__(self, *args, suppliers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = (
            suppliers if suppliers is not None else organisation_list(kind="business")
        )

    def text(self) -> str:
        try:
            return self.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            return ""


class BenefitForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=organisation_list())
    title = forms.CharField(label=_("Title"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=list(BENEFIT_KINDS.items()))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    wards = forms.ModelMultipleChoiceField(
        label=_("Only for members in these wards"),
        queryset=ward_list(),
        required=False,
        help_text=_("Leave empty for every ward."),
    )
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0)
    min_membership_days = forms.IntegerField(
        label=_("Days of membership needed"), min_value=0, initial=0
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Redemption code"), max_length=20)
