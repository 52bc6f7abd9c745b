"""Forms for co-operatives and mutuals. Field names match the services' arguments, so a
``DomainError`` lands on the field it names; amounts are typed in pounds and cleaned to pence."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.money import parse_pounds
from coopcouncil.mutuals.models import BoardSeat, GovernancePaper, Mutual
from coopcouncil.mutuals.selectors import ServiceLinkChoices, class_list
from coopcouncil.people import selectors as people
from coopcouncil.places import selectors as places

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PoundsField(forms.CharField):
    """Pounds as typed ('1,250' or '£40'), cleaned to integer pence."""

    def clean(self, value):
        text = super().clean(value)
        if text in ("", None):
            return 0
        try:
            pence = parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if pence < 0:
            raise forms.ValidationError(gettext("Enter £0.00 or more."))
        return pence


class MutualForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=Mutual.LegalForm.choices)
    society_number = forms.CharField(label=_("Society number"), required=False, max_length=20)
    company_number = forms.CharField(
        label=_("Companies House number"), required=False, max_length=20
    )
    charity_number = forms.CharField(label=_("Charity number"), required=False, max_length=20)
    district = forms.ChoiceField(label=_("District"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("The organisation as the council knows it"),
        queryset=people.organisation_list(),
        required=False,
        help_text=_("The supplier of its contracts and the holder of its leases."),
    )
    election_rule = forms.ChoiceField(label=_("Election rule"), choices=Mutual.ElectionRule.choices)
    is_spin_out = forms.BooleanField(label=_("Spun out of a council service"), required=False)
    services = forms.CharField(
        label=_("Services it runs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "—")] + [
            (d.slug, d.name) for d in places.district_list()
        ]

    def clean_district(self):
        slug = self.cleaned_data["district"]
        return places.district_get(slug) if slug else None

    def clean_services(self):
        return [line for line in self.cleaned_data["services"].splitlines() if line.strip()]


class MembershipClassForm(forms.Form):
    name = forms.CharField(label=_("Class"), max_length=100)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0)
    requires_residency = forms.BooleanField(label=_("Residents of the area only"), required=False)
    min_share_pence = PoundsField(label=_("Share to pay (£)"), required=False)
    requires_tenant = forms.BooleanField(label=_("Tenants only"), required=False)
    requires_employee = forms.BooleanField(label=_("Employees only"), required=False)
    is_voting = forms.BooleanField(
        label=_("Members of this class vote"), required=False, initial=True
    )
    is_for_organisations = forms.BooleanField(
        label=_("Organisations only (each through a named representative)"), required=False
    )


class ClassesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _classes_field(mutual: Mutual, label) -> ClassesField:
    return ClassesField(
        label=label, queryset=class_list(mutual), widget=forms.CheckboxSelectMultiple
    )


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Their account's email"))
    organisation = forms.ModelChoiceField(
        label=_("For an organisation member: the organisation"),
        queryset=people.organisation_list(),
        required=False,
        help_text=_("The person above is its representative and must hold a role in it."),
    )
    share_paid_pence = PoundsField(label=_("Share paid (£)"), required=False)
    is_tenant = forms.BooleanField(label=_("Tenant"), required=False)
    is_employee = forms.BooleanField(label=_("Employee"), required=False)

    def __init__(self, *args, mutual: Mutual, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"] = _classes_field(mutual, _("Classes"))


class MembersImportForm(forms.Form):
    file = forms.FileField(
        label=_("Members CSV"),
        help_text=_(
            "Columns: mutual, email, classes (separated by ;), share_paid_pence,"
            " is_tenant, is_employee."
        ),
    )


class BallotForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    electorate_on = forms.DateField(label=_("Electorate taken on"), widget=DATE)
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)
    turnout_percent_required = forms.IntegerField(
        label=_("Minimum turnout (%)"), min_value=0, max_value=100, initial=0
    )
    yes_percent_required = forms.IntegerField(
        label=_("Yes needed (%)"), min_value=0, max_value=100, initial=50
    )

    def __init__(self, *args, mutual: Mutual, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"] = _classes_field(mutual, _("Classes who vote"))


class BallotVoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))],
        widget=forms.RadioSelect,
    )


class ElectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    seats = forms.IntegerField(label=_("Seats"), min_value=1)
    candidates = forms.CharField(
        label=_("Candidates"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line, in ballot-paper order."),
    )
    rule = forms.ChoiceField(label=_("Counting rule"), choices=Mutual.ElectionRule.choices)
    electorate_on = forms.DateField(label=_("Electorate taken on"), widget=DATE)
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)

    def __init__(self, *args, mutual: Mutual, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"] = _classes_field(mutual, _("Classes who vote"))
        self.fields["rule"].initial = mutual.election_rule

    def clean_candidates(self):
        return [
            line.strip() for line in self.cleaned_data["candidates"].splitlines() if line.strip()
        ]


class RankingForm(forms.Form):
    """One choice per preference: first, second, ... (leave later ones blank)."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(c.position), c.name) for c in candidates]
        for number in range(1, len(candidates) + 1):
            self.fields[f"preference_{number}"] = forms.ChoiceField(
                label=_("Preference %(number)s") % {"number": number},
                choices=choices,
                required=number == 1,
            )

    def clean(self):
        cleaned = super().clean()
        ranking, gap = [], False
        for name in self.fields:
            value = cleaned.get(name)
            if not value:
                gap = True
                continue
            if gap:
                raise forms.ValidationError(gettext("Leave no gaps between your preferences."))
            ranking.append(int(value))
        cleaned["ranking"] = ranking
        return cleaned


class BallotsImportForm(forms.Form):
    file_format = forms.ChoiceField(label=_("Format"), choices=[("blt", "BLT"), ("csv", "CSV")])
    file = forms.FileField(label=_("Ballots file"))


class ShareOfferForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    offer_pence = PoundsField(label=_("Amount offered (£)"))
    min_holding_pence = PoundsField(label=_("Minimum holding (£)"))
    max_holding_pence = PoundsField(label=_("Maximum holding (£)"))
    interest_cap_percent = forms.DecimalField(
        label=_("Interest cap (%)"), min_value=0, max_value=100, decimal_places=2
    )
    community_fund_percent = forms.IntegerField(
        label=_("Surplus to the community fund (%)"), min_value=0, max_value=100, initial=0
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)


class ShareApplicationForm(forms.Form):
    requested_pence = PoundsField(label=_("Amount (£)"))


class InterestYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2200)
    rate_percent = forms.DecimalField(label=_("Interest rate (%)"), min_value=0, decimal_places=2)
    surplus_pence = PoundsField(label=_("Surplus (£)"), required=False)


class ConstituencyForm(forms.Form):
    name = forms.CharField(label=_("Constituency"), max_length=100)
    seats = forms.IntegerField(label=_("Seats"), min_value=1)
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, initial=36)

    def __init__(self, *args, mutual: Mutual, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_class"] = forms.ModelChoiceField(
            label=_("Members of class"), queryset=class_list(mutual)
        )


class BoardSeatForm(forms.Form):
    kind = forms.ChoiceField(label=_("Seat"), choices=BoardSeat.Kind.choices)
    holder = forms.CharField(label=_("Held by"), max_length=150)
    skills = forms.CharField(label=_("Skills brought"), required=False, max_length=200)
    term_starts = forms.DateField(label=_("Term starts"), widget=DATE)
    term_ends = forms.DateField(label=_("Term ends"), widget=DATE)


class PaperForm(forms.Form):
    body = forms.ChoiceField(label=_("Meeting of"), choices=GovernancePaper.Body.choices)
    meeting_on = forms.DateField(label=_("Meeting date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("Paper"))


class SpinOutForm(forms.Form):
    service = forms.CharField(label=_("Service"), max_length=200)


class SpinOutStageForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DATE, required=False)

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        for number, entry in enumerate(stage.checklist):
            self.fields[f"item_{number}"] = forms.BooleanField(
                label=entry["item"], required=False, initial=entry["done"]
            )
        self.fields["due_on"].initial = stage.due_on

    def clean(self):
        cleaned = super().clean()
        cleaned["done"] = [
            cleaned.get(name, False) for name in self.fields if name.startswith("item_")
        ]
        return cleaned


class ServiceLinkForm(forms.Form):
    """Link a service to one of the organisation's own contracts and leased assets."""

    contract = forms.ModelChoiceField(label=_("Contract"), queryset=None, required=False)
    asset = forms.ModelChoiceField(label=_("Asset"), queryset=None, required=False)

    def __init__(self, *args, choices: ServiceLinkChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = choices.contracts  # type: ignore[attr-defined]
        self.fields["asset"].queryset = choices.assets  # type: ignore[attr-defined]
