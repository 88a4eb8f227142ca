"""Putting a service's (or model's) Chinese ``ValidationError`` on a Django form, for the portal and the
back office alike: messages for a field go on that field (through ``aliases`` when the service names it
differently), the rest at the top of the form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = aliases.get(name, name)
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for message in messages:
            form.add_error(target, message)
