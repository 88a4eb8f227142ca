"""Back office: an application's letters and notices — draft, edit, issue, download (DOCX, PDF).

Included from ``backoffice/urls.py`` under ``applications/<application_id>/letters/`` (names
``letters``, ``letter_new``, ``letter_edit``, ``letter_issue``, ``letter_discard``, ``letter_docx``,
``letter_pdf``). Every view finds the application through ``access_application`` (missing and forbidden
look alike); the services decide who may write.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.agencies.access import can
from gongkai.agencies.roles import Action
from gongkai.backoffice.views import staff_required
from gongkai.inforequests.access import access_application, may_handle
from gongkai.inforequests.letter_selectors import letters_for
from gongkai.inforequests.letters.kinds import LETTER_KIND_CHOICES
from gongkai.inforequests.letters.render import placeholders, render_docx, render_pdf
from gongkai.inforequests.models import Letter
from gongkai.inforequests.services import letters as letter_services

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class LetterNewForm(forms.Form):
    kind = forms.ChoiceField(label="文书类型", choices=LETTER_KIND_CHOICES)
    consultation = forms.IntegerField(label="征求意见记录", required=False)


class LetterEditForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 24, "class": "letter-body"}),
        help_text="每行为一段。文号和落款（机关名称、日期）在签发时自动生成。【请填写…】处须补全后才能签发。",
    )


class LetterIssueForm(forms.Form):
    issued_on = forms.DateField(label="成文日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _letter(application, letter_id: int) -> Letter:
    letter = Letter.objects.filter(application=application, pk=letter_id).select_related("agency").first()
    if letter is None:
        raise Http404("未找到该文书")
    return letter


def _report(request, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, PermissionDenied):
        messages.error(request, str(exc))
        return
    for message in exc.messages:
        messages.error(request, message)


@staff_required
def letter_list(request, application_id: int):
    application = access_application(request.user, application_id)
    return render(
        request,
        "backoffice/letters/list.html",
        {
            "application": application,
            "letters": letters_for(application),
            "consultations": application.consultations.all(),
            "kinds": LETTER_KIND_CHOICES,
            "can_draft": may_handle(request.user, application),
        },
    )


@require_POST
@staff_required
def letter_new(request, application_id: int):
    application = access_application(request.user, application_id)
    form = LetterNewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择文书类型。")
        return redirect("backoffice:letters", application.pk)
    consultation = None
    if form.cleaned_data["consultation"]:
        consultation = application.consultations.filter(pk=form.cleaned_data["consultation"]).first()
        if consultation is None:
            raise Http404("未找到该征求意见记录")
    try:
        letter = letter_services.letter_draft(
            acting_user=request.user, application=application, kind=form.cleaned_data["kind"], consultation=consultation
        )
    except (ValidationError, PermissionDenied) as exc:
        _report(request, exc)
        return redirect("backoffice:letters", application.pk)
    messages.success(request, f"已生成{letter.letter_kind.label}草稿，请核对、补全后签发。")
    return redirect("backoffice:letter_edit", application.pk, letter.pk)


@staff_required
def letter_edit(request, application_id: int, letter_id: int):
    application = access_application(request.user, application_id)
    letter = _letter(application, letter_id)
    editable = not letter.is_issued and may_handle(request.user, application)
    form = LetterEditForm(request.POST or None, initial={"title": letter.title, "body": letter.body})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("该文书已签发或您无权修改。")
        if form.is_valid():
            try:
                letter_services.letter_update(acting_user=request.user, letter=letter, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "草稿已保存。")
                return redirect("backoffice:letter_edit", application.pk, letter.pk)
    context = {
        "application": application,
        "letter": letter,
        "form": form,
        "editable": editable,
        "can_issue": not letter.is_issued and can(request.user, Action.MANAGE_APPLICATIONS, letter.agency),
        "issue_form": LetterIssueForm(initial={"issued_on": timezone.localdate()}),
        "missing": list(dict.fromkeys(placeholders(f"{letter.title}\n{letter.body}"))),
    }
    return render(request, "backoffice/letters/edit.html", context)


@require_POST
@staff_required
def letter_issue(request, application_id: int, letter_id: int):
    application = access_application(request.user, application_id)
    letter = _letter(application, letter_id)
    form = LetterIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的成文日期。")
        return redirect("backoffice:letter_edit", application.pk, letter.pk)
    try:
        letter = letter_services.letter_issue(
            acting_user=request.user, letter=letter, issued_on=form.cleaned_data["issued_on"]
        )
    except (ValidationError, PermissionDenied) as exc:
        _report(request, exc)
    else:
        messages.success(request, f"已签发，文号：{letter.number}。")
    return redirect("backoffice:letter_edit", application.pk, letter.pk)


@require_POST
@staff_required
def letter_discard(request, application_id: int, letter_id: int):
    application = access_application(request.user, application_id)
    letter = _letter(application, letter_id)
    try:
        letter_services.letter_discard(acting_user=request.user, letter=letter)
    except (ValidationError, PermissionDenied) as exc:
        _report(request, exc)
        return redirect("backoffice:letter_edit", application.pk, letter.pk)
    messages.success(request, "草稿已删除。")
    return redirect("backoffice:letters", application.pk)


def _filename(letter: Letter, extension: str) -> str:
    return f"{letter.title}（{letter.number or '草稿'}）.{extension}"


@staff_required
def letter_docx(request, application_id: int, letter_id: int):
    letter = _letter(access_application(request.user, application_id), letter_id)
    response = HttpResponse(render_docx(letter.parts()), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=_filename(letter, "docx"))
    return response


@staff_required
def letter_pdf(request, application_id: int, letter_id: int):
    """The stored PDF of an issued letter; a draft is laid out on the fly and marked as a draft."""
    letter = _letter(access_application(request.user, application_id), letter_id)
    if letter.is_issued and letter.pdf:
        return FileResponse(
            letter.pdf.open("rb"),
            as_attachment=False,
            filename=_filename(letter, "pdf"),
            content_type="application/pdf",
        )
    response = HttpResponse(render_pdf(letter.parts()), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=_filename(letter, "pdf"))
    return response


urlpatterns = [
    path("", letter_list, name="letters"),
    path("new/", letter_new, name="letter_new"),
    path("<int:letter_id>/", letter_edit, name="letter_edit"),
    path("<int:letter_id>/issue/", letter_issue, name="letter_issue"),
    path("<int:letter_id>/discard/", letter_discard, name="letter_discard"),
    path("<int:letter_id>/letter.docx", letter_docx, name="letter_docx"),
    path("<int:letter_id>/letter.pdf", letter_pdf, name="letter_pdf"),
]
