from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from coopcouncil.core.tasks import email_queue
from coopcouncil.people.models import RegisterSource

if TYPE_CHECKING:
    from coopcouncil.places.models import Address


class SignUpForm(forms.Form):
    """The password's rules are checked by ``user_sign_up``, which knows the name and email
    a password must not resemble; the help text lists the same rules."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )


class ResidencyPostcodeForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=10)


class ResidencyClaimForm(forms.Form):
    """The resident's address: one the council lists at their postcode, or typed in.

    ``addresses`` are those the council's address list has at the postcode; with none,
    the resident types their address.
    """

    uprn = forms.TypedChoiceField(
        label=_("Your address"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=_("Address (house and street)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, addresses: Sequence[Address] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not addresses:
            del self.fields["uprn"]
            return
        self.fields["uprn"].choices = [
            *((a.uprn, ", ".join(a.lines)) for a in addresses),
            ("", _("My address is not listed")),
        ]
        self.fields["address"].label = _("If your address is not listed: house and street")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned.setdefault("uprn", None)
        return cleaned


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


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("What the key is for"), max_length=120, help_text=_("e.g. Ward data dashboard")
    )
    is_read_only = forms.BooleanField(
        label=_("Read only"), required=False, help_text=_("The key may read but never change.")
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty for a key that lasts until it is revoked."),
    )
