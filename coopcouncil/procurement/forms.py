"""Forms for commissioning, bidding, scoring, awarding and reporting; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.money import parse_pounds
from coopcouncil.people.selectors import organisation_list
from coopcouncil.places.selectors import district_list
from coopcouncil.procurement.logic.scoring import MAX_QUALITY_SCORE
from coopcouncil.procurement.models import MeasureOutcome, MeasureTheme, PanelMember

DATE = forms.DateInput(attrs={"type": "date"})


class PoundsField(forms.CharField):
    """An amount typed in pounds ('12,500' or '£12500.50'), cleaned to pence."""

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def _pairs(text: str, *, label: str) -> list[tuple[str, str]]:
    """Lines of 'name | value' from a textarea, each split once at the bar."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, bar, value = line.rpartition("|")
        if not bar or not name.strip():
            raise forms.ValidationError(
                gettext("Line %(n)s: write '%(label)s'.") % {"n": number, "label": label}
            )
        pairs.append((name.strip(), value.strip()))
    return pairs


class ExerciseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    need = forms.CharField(label=_("The need"), widget=forms.Textarea(attrs={"rows": 3}))
    outcomes_wanted = forms.CharField(
        label=_("Outcomes wanted"), widget=forms.Textarea(attrs={"rows": 3})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Outcome themes"),
        queryset=MeasureTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    budget_pence = PoundsField(label=_("Budget (£)"))
    district = forms.ModelChoiceField(
        label=_("District (blank for borough-wide)"),
        queryset=district_list(with_wards=False),
        required=False,
    )
    service_user_weight = forms.IntegerField(
        label=_("Weight of service users' scores (%)"), min_value=0, max_value=100, initial=0
    )


class PanelMemberForm(forms.Form):
    email = forms.EmailField(label=_("Their email address (they need an account)"))
    kind = forms.ChoiceField(label=_("Seat"), choices=PanelMember.Kind.choices)
    has_scoring_rights = forms.BooleanField(label=_("Scores bids"), required=False, initial=True)


class TenderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    price_weight = forms.IntegerField(label=_("Price weight (%)"), min_value=0, max_value=100)
    quality_weight = forms.IntegerField(label=_("Quality weight (%)"), min_value=0, max_value=100)
    social_value_weight = forms.IntegerField(
        label=_("Social value weight (%)"), min_value=0, max_value=100
    )
    lots = forms.CharField(
        label=_("Lots"),
        help_text=_("One a line: title | estimated value in £"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    criteria = forms.CharField(
        label=_("Quality criteria"),
        help_text=_("One a line: criterion | weight within quality in %"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_lots(self) -> list[tuple[str, int]]:
        lots = []
        for title, value in _pairs(self.cleaned_data["lots"], label="title | £value"):
            try:
                lots.append((title, parse_pounds(value)))
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return lots

    def clean_criteria(self) -> list[tuple[str, int]]:
        criteria = []
        for name, weight in _pairs(self.cleaned_data["criteria"], label="criterion | weight"):
            if not weight.isdigit():
                raise forms.ValidationError(
                    gettext("'%(w)s' is not a whole percentage.") % {"w": weight}
                )
            criteria.append((name, int(weight)))
        return criteria


class BidForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Bidding for"), queryset=None)
    price_pence = PoundsField(label=_("Price (£)"))
    pays_real_living_wage = forms.BooleanField(required=False)
    accepts_local_clauses = forms.BooleanField(
        label=_("We accept the local economic benefit clauses"), required=False
    )
    summary = forms.CharField(
        label=_("Summary of the bid"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, organisations, measures, living_wage: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["pays_real_living_wage"].label = gettext(
            "We pay at least the real Living Wage (%(rate)s an hour) to all staff and "
            "subcontractors"
        ) % {"rate": living_wage}
        self.measures = list(measures)
        for measure in self.measures:
            self.fields[f"quantity_{measure.code}"] = forms.CharField(
                label=f"{measure.name} ({measure.unit})", required=False
            )

    def quantities(self) -> dict[str, str]:
        return {m.code: self.cleaned_data.get(f"quantity_{m.code}", "") for m in self.measures}


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, criteria, initial_scores: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(n, str(n)) for n in range(MAX_QUALITY_SCORE + 1)]
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} ({criterion.weight}%)",
                choices=choices,
                coerce=int,
                initial=initial_scores.get(criterion.pk),
            )
        self.order_fields([f"criterion_{c.pk}" for c in self.criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class AwardForm(forms.Form):
    bid = forms.ModelChoiceField(label=_("Award to"), queryset=None)
    starts_on = forms.DateField(label=_("Contract starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Contract ends"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason (needed when the bid is not alone at the top)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = bids
        self.fields["bid"].label_from_instance = lambda bid: bid.organisation.name


class ModerationForm(forms.Form):
    bid = forms.ModelChoiceField(label=_("Bid"), queryset=None)
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=None)
    score = forms.DecimalField(
        label=_("Agreed score (0–5)"), min_value=0, max_value=5, decimal_places=2
    )
    note = forms.CharField(
        label=_("Why the panel agreed it"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, bids, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = bids
        self.fields["bid"].label_from_instance = lambda bid: bid.organisation.name
        self.fields["criterion"].queryset = criteria


class ReturnForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(n, f"Q{n}") for n in range(1, 5)], coerce=int
    )
    file = forms.FileField(
        label=_("Or upload a CSV (measure, delivered, evidence)"), required=False
    )

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        for commitment in self.commitments:
            code = commitment.measure.code
            self.fields[f"delivered_{code}"] = forms.CharField(
                label=gettext("%(measure)s delivered (%(unit)s)")
                % {"measure": commitment.measure.name, "unit": commitment.measure.unit},
                required=False,
            )
            self.fields[f"evidence_{code}"] = forms.CharField(
                label=gettext("Evidence"), required=False
            )


class RemedyForm(forms.Form):
    remedy = forms.CharField(label=_("Remedy"), widget=forms.Textarea(attrs={"rows": 2}))


class QuotationForm(forms.Form):
    title = forms.CharField(label=_("What is bought"), max_length=200)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=district_list(with_wards=False), required=False
    )
    quotes = forms.CharField(
        label=_("Quotes received"),
        help_text=_("One a line: organisation name | amount in £"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    supplier = forms.CharField(label=_("Award to (organisation name, as in the quotes)"))
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)
    reason = forms.CharField(
        label=_("Why fewer than three quotes (if so)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean_quotes(self) -> list[tuple[object, int]]:
        quotes = []
        for name, amount in _pairs(self.cleaned_data["quotes"], label="organisation | £amount"):
            organisation = organisation_list(search=name).filter(name__iexact=name).first()
            if organisation is None:
                raise forms.ValidationError(
                    gettext("No organisation is called '%(name)s'.") % {"name": name}
                )
            try:
                quotes.append((organisation, parse_pounds(amount)))
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return quotes

    def clean(self):
        data = super().clean()
        quotes = data.get("quotes") or []
        chosen = (data.get("supplier") or "").strip().casefold()
        match = [(org, amount) for org, amount in quotes if org.name.casefold() == chosen]
        if quotes and not match:
            self.add_error("supplier", gettext("Choose one of the organisations that quoted."))
        elif match:
            data["supplier_organisation"], data["value_pence"] = match[0]
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Theme"), max_length=120)


class OutcomeForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=MeasureTheme.objects.all())
    name = forms.CharField(label=_("Outcome"), max_length=160)


class MeasureForm(forms.Form):
    """A measure of the catalogue; its code is set once, so editing shows it fixed."""

    outcome = forms.ModelChoiceField(
        label=_("Outcome"), queryset=MeasureOutcome.objects.select_related("theme")
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=50,
        help_text=_("Short and fixed once made: suppliers' returns name it, e.g. local-fte"),
    )
    name = forms.CharField(label=_("Measure"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40, help_text=_("e.g. FTE, weeks, £, t"))
    proxy_value_pence = PoundsField(label=_("Proxy value of one unit (£)"))

    def __init__(self, *args, is_new: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].label_from_instance = lambda o: f"{o.theme.name} — {o.name}"  # type: ignore[attr-defined]
        if not is_new:
            self.fields["code"].disabled = True
