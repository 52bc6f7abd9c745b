"""Forms residents and staff fill in: a report, a change of stage, an assignment, a tag."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcouncil.servicerequests.models import RootCause, ServiceCategory, Stage
from coopcouncil.servicerequests.selectors import category_list


class ReportForm(forms.Form):
    """A problem and where it is: a map point (or typed coordinates) or a postcode."""

    category = forms.ModelChoiceField(
        queryset=ServiceCategory.objects.none(),
        to_field_name="code",
        label=_("What is the problem?"),
        empty_label=None,
    )
    description = forms.CharField(
        label=_("Describe it"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        help_text=_("Click the map to fill these in, or type them."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6
    )
    postcode = forms.CharField(label=_("Or the nearest postcode"), required=False, max_length=10)
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, under 5 MB."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = list(category_list())
        self.fields["category"].queryset = category_list()  # type: ignore[attr-defined]
        # Each service's own questions, named as Open311 names them ("attribute[CODE]").
        for category in categories:
            for attribute in category.attributes:
                name = f"attribute[{attribute['code']}]"
                label = f"{category.name}: {attribute['description']}"
                if attribute["datatype"] == "singlevaluelist":
                    choices = [("", "—")] + [(v["key"], v["name"]) for v in attribute["values"]]
                    self.fields[name] = forms.ChoiceField(
                        label=label, choices=choices, required=False
                    )
                else:
                    self.fields[name] = forms.CharField(label=label, required=False, max_length=200)

    def attribute_answers(self) -> dict:
        return {
            name[len("attribute[") : -1]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("attribute[") and value
        }


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("New stage"),
        choices=[(s.value, s.label) for s in Stage if s != Stage.ASSIGNED],
    )
    note = forms.CharField(
        label=_("Public note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    agency_responsible = forms.CharField(
        label=_("Team responsible"), required=False, max_length=120
    )


class AssignForm(forms.Form):
    assignee = forms.EmailField(label=_("Officer's email"))
    note = forms.CharField(
        label=_("Public note on the assignment"), required=False, max_length=2000
    )


class TagForm(forms.Form):
    root_cause = forms.ChoiceField(
        label=_("Root cause"), choices=[("", "—"), *RootCause.choices], required=False
    )
    is_failure_demand = forms.BooleanField(label=_("Failure demand"), required=False)


class ApiKeyForm(forms.Form):
    name = forms.CharField(label=_("Client name"), max_length=120)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
