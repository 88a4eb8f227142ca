"""What every back-office workflow form shares: field builders with Chinese messages, putting a
service's ``ValidationError`` on the form, and the base of the one-form-per-action pages
(applications, enquiries, appeal cases).

The forms only shape the input; the rules are the services'. ``ServiceActionForm.submit`` calls the
service through ``run`` and turns its refusal into form errors, so the page is shown again with the
errors and everything that was typed. A ``PermissionDenied`` is not caught: it is the 403 page.
"""

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.service_errors import add_service_errors

__all__ = [
    "ServiceActionForm",
    "add_service_errors",
    "area_field",
    "choice_field",
    "date_field",
    "text_field",
    "workdays_field",
]


def date_field(label: str, *, required: bool = True, help_text: str = "", today: bool = True) -> forms.DateField:
    """A date field shown as the browser's date picker (ISO value, whatever the locale); defaults to today."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        initial=timezone.localdate if today else None,
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}格式不正确，应为“年-月-日”。"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def text_field(
    label: str, max_length: int, *, required: bool = False, help_text: str = "", **attrs: str
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"max_length": f"{label}不能超过{max_length}个字符。", "required": f"请填写{label}。"},
        widget=forms.TextInput(attrs={"maxlength": str(max_length), **attrs}),
    )


def area_field(
    label: str, *, required: bool = True, help_text: str = "", rows: int = 3, max_length: int = 5000
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        error_messages={"required": f"请填写{label}。", "max_length": f"{label}不能超过{max_length}字。"},
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def workdays_field(label: str, maximum: int, *, initial: int | None = None, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=maximum,
        initial=initial,
        help_text=help_text,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}应为整数。",
            "min_value": f"{label}应为1至{maximum}个工作日。",
            "max_value": f"{label}应为1至{maximum}个工作日。",
        },
    )


def choice_field(
    label: str, choices: Any, *, radio: bool = False, required: bool = True, initial: Any = None
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        initial=initial,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择{label}。"},
    )


class ServiceActionForm(forms.Form):
    """One action of a workflow page. ``run`` calls the service with the cleaned data; ``submit``
    returns the success message, or ``None`` after putting the service's refusal on the form.

    Subclasses per workflow keep the record (``self.application``, ``self.enquiry``, ``self.case``)
    and name the workflow's ``TransitionError`` in ``transition_errors`` (e.g. a double submission).
    """

    title: ClassVar[str] = ""
    button: ClassVar[str] = "提交"
    success: ClassVar[str] = "已保存。"
    aliases: ClassVar[dict[str, str]] = {}  # the service's field name → this form's field
    multipart: ClassVar[bool] = False
    transition_errors: ClassVar[tuple[type[Exception], ...]] = ()
    error_css_class = "has-error"
    required_css_class = "required"

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.setup()

    def setup(self) -> None:
        """Adapt choices and labels to the record (override)."""

    def run(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def message(self, result: Any) -> str:
        return self.success

    def submit(self) -> str | None:
        try:
            result = self.run(self.cleaned_data)
        except ValidationError as error:
            add_service_errors(self, error, self.aliases)
            return None
        except self.transition_errors as error:
            self.add_error(None, str(error))
            return None
        if result is None and self.errors:  # ``run`` refused by adding errors itself
            return None
        return self.message(result)
