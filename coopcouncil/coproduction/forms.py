"""Forms for co-production. Field names match the services' arguments, so a ``DomainError``
lands on the field it names; money is typed in pounds and cleaned to pence."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcouncil.coproduction.models import (
    CommunityAsset,
    EquipmentLoan,
    LeaseApplication,
    ServiceCommitment,
)
from coopcouncil.core.money import parse_pounds
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OpportunityForm(forms.Form):
    role = forms.CharField(label=_("Role"), max_length=200)
    description = forms.CharField(
        label=_("What it involves"), required=False, widget=forms.Textarea
    )
    organisation = forms.ModelChoiceField(
        label=_("Posted by"),
        queryset=people.organisation_list(),
        required=False,
        empty_label=_("The council"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    ward = forms.ModelChoiceField(label=_("Ward"), queryset=places.ward_list())
    skills = forms.CharField(label=_("Skills wanted"), max_length=300, required=False)
    is_check_needed = forms.BooleanField(
        label=_("Needs a safeguarding (DBS) check"), required=False
    )


class ShiftForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)


class AttendanceForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours given"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty if they did not come."),
    )


class SafeguardingCheckForm(forms.Form):
    email = forms.EmailField(label=_("Volunteer's email address"))
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE)
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE)

    def clean_email(self):
        person = people.user_find_by_email(self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError(_("Nobody has an account with this email address."))
        return person


class CreditOfferForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=people.organisation_list())
    title = forms.CharField(label=_("Offer"), max_length=200)
    credits = forms.IntegerField(label=_("Credits"), min_value=1, max_value=1000)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class RedeemForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=people.organisation_list())
    code = forms.CharField(label=_("Code"), max_length=20)

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class GrittingRouteForm(forms.Form):
    ward = forms.ModelChoiceField(label=_("Ward"), queryset=places.ward_list())
    name = forms.CharField(label=_("Street or route"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class EquipmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Equipment"), choices=EquipmentLoan.Kind.choices)
    reference = forms.CharField(label=_("Asset tag"), max_length=40)


class GrittingAlertForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=places.district_list())
    message = forms.CharField(label=_("Message"), max_length=300, required=False)


class StaffDaysForm(forms.Form):
    manager = forms.EmailField(label=_("Your manager's email address"))
    on_date = forms.DateField(label=_("Date"), widget=DATE)
    days = forms.DecimalField(label=_("Days"), max_digits=3, decimal_places=1, min_value=0)
    hours = forms.DecimalField(label=_("Hours you will give"), max_digits=5, decimal_places=2)
    cause = forms.CharField(label=_("Where you will volunteer"), max_length=200)

    def clean_manager(self):
        manager = people.user_find_by_email(self.cleaned_data["manager"])
        if manager is None:
            raise forms.ValidationError(_("Nobody has an account with this email address."))
        return manager


class LeaseApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Group"), queryset=people.organisation_list())
    terms = forms.ChoiceField(label=_("Terms"), choices=LeaseApplication.Terms.choices)
    proposal = forms.CharField(label=_("What the group will do"), widget=forms.Textarea)
    opening_hours = forms.IntegerField(label=_("Hours open a week"), min_value=0, required=False)
    activities = forms.IntegerField(label=_("Activities a year"), min_value=0, required=False)
    people_served = forms.IntegerField(label=_("People served a year"), min_value=0, required=False)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["organisation"].queryset = groups

    def commitments(self) -> list[tuple[str, str, int]]:
        """The commitments given, as the service takes them: (measure, description, target)."""
        return [
            (measure.value, str(measure.label), self.cleaned_data[measure.value])
            for measure in ServiceCommitment.Measure
            if self.cleaned_data.get(measure.value)
        ]


class LeaseDecisionForm(forms.Form):
    is_agreed = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Agree")), ("no", _("Refuse"))],
        coerce=lambda value: value == "yes",
    )
    assessment = forms.CharField(label=_("Assessment"), widget=forms.Textarea)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE, required=False)
    rent = forms.CharField(label=_("Yearly rent (£)"), required=False, initial="1")
    next_review_on = forms.DateField(label=_("First review"), widget=DATE, required=False)

    def clean_rent(self) -> int:
        try:
            return parse_pounds(self.cleaned_data["rent"] or "0")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class CommitmentReturnForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    achieved = forms.IntegerField(label=_("Achieved"), min_value=0)


class MeanwhileLicenceForm(forms.Form):
    asset = forms.ModelChoiceField(
        label=_("Stalled site"), queryset=CommunityAsset.objects.filter(is_stalled_site=True)
    )
    organisation = forms.ModelChoiceField(label=_("Group"), queryset=people.organisation_list())
    use = forms.CharField(label=_("Use"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)


class AssetImportForm(forms.Form):
    file = forms.FileField(label=_("Register (CSV)"))


class NominationForm(forms.Form):
    name = forms.CharField(label=_("Land or building"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300)
    ward = forms.ModelChoiceField(label=_("Ward"), queryset=places.ward_list())
    reason = forms.CharField(
        label=_("Why it furthers the community's wellbeing"), widget=forms.Textarea
    )
    organisation = forms.ModelChoiceField(
        label=_("Nominating group"),
        queryset=people.organisation_list(),
        required=False,
        empty_label=_("I nominate as a resident"),
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["organisation"].queryset = groups


class ListingForm(forms.Form):
    is_listed = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("List it")), ("no", _("Do not list it"))],
        coerce=lambda value: value == "yes",
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)


class NoticeForm(forms.Form):
    notice_on = forms.DateField(label=_("Owner's notice of intended sale"), widget=DATE)
    intention_to_bid_on = forms.DateField(
        label=_("A group's intention to bid (if any)"), widget=DATE, required=False
    )
