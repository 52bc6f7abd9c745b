from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.tasks import email_queue
from coopcouncil.people.models import RegisterSource
from coopcouncil.places.models import Ward


class SignUpForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password.",
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class ResidencyClaimForm(forms.Form):
    ward = forms.ModelChoiceField(
        label="Your ward", queryset=Ward.objects.order_by("name"), empty_label="Choose your ward"
    )
    address = forms.CharField(
        label="Address (house and street)", widget=forms.Textarea(attrs={"rows": 3})
    )
    postcode = forms.CharField(label="Postcode", max_length=10)


class PostalCodeForm(forms.Form):
    code = forms.CharField(label="Code from your letter", max_length=12)


class RegisterMatchForm(forms.Form):
    reference = forms.CharField(
        label="Elector number or council tax account reference", max_length=40
    )
    postcode = forms.CharField(label="Postcode", max_length=10)


class RegisterImportForm(forms.Form):
    """An officer's upload of an electoral-register or council tax extract."""

    source = forms.ChoiceField(label=_("Which list"), choices=RegisterSource.choices)
    extract_date = forms.DateField(
        label=_("Extract date"),
        help_text=_("The date the council took the extract from its register or tax system."),
        widget=forms.DateInput({"type": "date"}),
    )
    file = forms.FileField(
        label=_("Extract file (CSV)"),
        help_text=_("Columns: reference, postcode, ward_code."),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, its email queued for the worker instead of sent in the request."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        email_queue(subject, render_to_string(email_template_name, context), [to_email])
