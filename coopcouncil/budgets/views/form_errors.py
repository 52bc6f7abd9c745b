"""Show a service's ``DomainError`` on the form field it names (or above the form)."""

from django import forms

from coopcouncil.core.errors import DomainError


def show_error(form: forms.Form, error: DomainError) -> None:
    """Put each message on its field; messages for fields the form lacks go above it."""
    if not error.field or error.field not in form.fields:
        form.add_error(None, error.message)
    for field, messages in error.errors.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            elif field != error.field:
                form.add_error(None, f"{field}: {message}")
