"""Letters and notices: draft from the agency's template (or the built-in one), edit while a draft,
issue (number, frozen text with its SHA-256, stored PDF). Agencies' own templates are saved here too.

Drafts take no number: the serial is allotted when a letter is issued, from the agency's series for
the year of issue, under a row lock on the agency's ``LetterNumbering``.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record, instance_save
from gongkai.inforequests.access import may_handle, require
from gongkai.inforequests.letters.context import letter_context
from gongkai.inforequests.letters.defaults import default_template
from gongkai.inforequests.letters.kinds import LetterKind
from gongkai.inforequests.letters.render import LetterTemplateError, normalise, placeholders, render_pdf, render_text
from gongkai.inforequests.models import Application, Consultation, Letter, LetterNumbering, LetterState, LetterTemplate
from gongkai.rules.outcomes import Outcome
from gongkai.workcalendar.selectors import work_calendar

TITLE_MAX = 200


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _require_handler(acting_user: Any, application: Application) -> None:
    if acting_user is not None and not may_handle(acting_user, application):
        raise PermissionDenied("只有本机构政府信息公开工作机构或该申请的承办人可以起草、修改文书。")


def template_for(agency: Agency, kind: LetterKind, outcome: str = "") -> tuple[str, str]:
    """The (title, body) template in force: the agency's, then the platform's, for the outcome, then for
    all outcomes of the kind; else the built-in text."""
    candidates = LetterTemplate.objects.filter(
        Q(agency=agency) | Q(agency__isnull=True), kind=kind, active=True, outcome__in=[outcome, ""]
    )
    ranked = sorted(candidates, key=lambda t: (t.agency_id is None, t.outcome == ""))
    if ranked:
        return ranked[0].title, ranked[0].body
    return default_template(kind, Outcome(outcome) if outcome else None)


def _check_draft_request(application: Application, kind: LetterKind, consultation: Consultation | None) -> None:
    if kind is LetterKind.REPLY and not application.outcome:
        raise ValidationError("该申请尚未作出处理决定，不能起草答复告知书。")
    if kind is LetterKind.CONSULTATION:
        if consultation is None:
            raise ValidationError({"consultation": "请选择要发函的征求意见记录。"})
        if consultation.application_id != application.pk:
            raise ValidationError({"consultation": "该征求意见记录不属于本申请。"})
    elif consultation is not None:
        raise ValidationError({"consultation": "只有征求意见函需要选择征求意见记录。"})


def letter_draft(
    *,
    acting_user: Any,
    application: Application,
    kind: LetterKind | str,
    consultation: Consultation | None = None,
    today: dt.date | None = None,
) -> Letter:
    """A new draft of ``kind`` rendered from the template in force; the office edits it before issue."""
    _require_handler(acting_user, application)
    try:
        kind = LetterKind(kind)
    except ValueError:
        raise ValidationError({"kind": "未知的文书类型。"}) from None
    # Render from the stored application, never from a caller's possibly stale copy.
    application = Application.objects.select_related("agency").get(pk=application.pk)
    _check_draft_request(application, kind, consultation)
    outcome = application.outcome if kind is LetterKind.REPLY else ""
    title_template, body_template = template_for(application.agency, kind, outcome)
    context = letter_context(application, kind=kind, calendar=work_calendar(), consultation=consultation, today=today)
    try:
        title = render_text(title_template, context).replace("\n", "")
        body = render_text(body_template, context)
    except LetterTemplateError as exc:
        raise ValidationError(f"文书模板有误，请联系管理员修改模板：{exc}") from exc
    letter = Letter(
        agency=application.agency,
        application=application,
        kind=kind.value,
        outcome=outcome,
        consultation=consultation,
        title=title[:TITLE_MAX],
        body=body,
        signatory=application.agency.name,
        created_by=_user(acting_user),
        updated_by=_user(acting_user),
    )
    with transaction.atomic():
        letter.save()
        audit_record(
            acting_user=acting_user,
            action="letter.draft",
            target=letter,
            agency=application.agency,
            summary=f"起草{kind.label}：{application.tracking_code}",
            after={"application": application.tracking_code, "kind": kind.value, "outcome": outcome},
        )
    return letter


def _locked_draft(letter: Letter) -> Letter:
    current = Letter.objects.select_for_update().select_related("agency", "application").get(pk=letter.pk)
    if current.state != LetterState.DRAFT:
        raise ValidationError(f"文书已于{current.issued_on:%Y-%m-%d}签发（{current.number}），不能再修改。")
    return current


def letter_update(*, acting_user: Any, letter: Letter, title: str, body: str) -> Letter:
    """Edit a draft's title and text. Refused once the letter is issued."""
    _require_handler(acting_user, letter.application)
    title = " ".join((title or "").split())
    body = normalise(body or "")
    errors = {}
    if not title:
        errors["title"] = "请填写文书标题。"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"标题不能超过{TITLE_MAX}个字。"
    if not body:
        errors["body"] = "文书正文不能为空。"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = _locked_draft(letter)
        before = {"title": current.title, "body": current.body}
        if before == {"title": title, "body": body}:
            return current
        current.title, current.body, current.updated_by = title, body, _user(acting_user)
        current.save(update_fields=["title", "body", "updated_by", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="letter.update",
            target=current,
            agency=current.agency,
            summary=f"修改{current.letter_kind.label}草稿：{current.application.tracking_code}",
            before=before,
            after={"title": title, "body": body},
        )
    return current


def letter_discard(*, acting_user: Any, letter: Letter) -> None:
    """Delete a draft that will not be issued (issued letters are never deleted)."""
    _require_handler(acting_user, letter.application)
    with transaction.atomic():
        current = _locked_draft(letter)
        audit_record(
            acting_user=acting_user,
            action="letter.discard",
            target=current,
            agency=current.agency,
            summary=f"删除{current.letter_kind.label}草稿：{current.application.tracking_code}",
            before={"title": current.title, "body": current.body},
        )
        current.delete()


def _issue_errors(letter: Letter) -> list[str]:
    errors = []
    if not letter.body.strip():
        errors.append("文书正文为空，不能签发。")
    if not letter.title.strip():
        errors.append("文书标题为空，不能签发。")
    missing = placeholders(f"{letter.title}\n{letter.body}")
    if missing:
        errors.append(f"文书中还有未填写的内容：{'、'.join(dict.fromkeys(missing))}。请修改草稿后再签发。")
    application = letter.application
    if letter.kind == LetterKind.REPLY and letter.outcome != application.outcome:
        errors.append("申请的处理结果已变更，该答复告知书与现在的处理结果不一致，请重新起草。")
    return errors


def _numbering(agency: Agency) -> LetterNumbering:
    """The agency's numbering row, locked until the transaction ends (created on first use)."""
    for _ in range(2):
        try:
            with transaction.atomic():
                numbering, _created = LetterNumbering.objects.select_for_update().get_or_create(agency=agency)
                return numbering
        except IntegrityError:  # two first letters of an agency raced to create the row: retry once
            continue
    raise IntegrityError("文书编号分配失败，请重试")


def _next_serial(agency: Agency, year: int) -> int:
    last = Letter.objects.filter(agency=agency, year=year).aggregate(last=Max("serial"))["last"]
    return (last or 0) + 1


def letter_issue(*, acting_user: Any, letter: Letter, issued_on: dt.date | None = None) -> Letter:
    """Issue a draft: allot its number, freeze its text (SHA-256) and store its PDF. Office only."""
    require(acting_user, Action.MANAGE_APPLICATIONS, letter.agency)
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValidationError({"issued_on": "成文日期不能晚于今天。"})
    with transaction.atomic():
        current = _locked_draft(letter)
        errors = _issue_errors(current)
        if errors:
            raise ValidationError(errors)
        numbering = _numbering(current.agency)
        year = issued_on.year
        serial = _next_serial(current.agency, year)
        current.state = LetterState.ISSUED
        current.year, current.serial, current.number = year, serial, numbering.number(year, serial)
        current.body = normalise(current.body)
        current.issued_on, current.issued_at, current.issued_by = issued_on, timezone.now(), _user(acting_user)
        parts = current.parts()
        current.sha256 = parts.sha256()
        current.pdf.save("letter.pdf", ContentFile(render_pdf(parts)), save=False)
        current.save()
        audit_record(
            acting_user=acting_user,
            action="letter.issue",
            target=current,
            agency=current.agency,
            summary=f"签发{current.letter_kind.label} {current.number}：{current.application.tracking_code}",
            after={"number": current.number, "issued_on": issued_on, "sha256": current.sha256},
        )
    return current


def letter_template_save(*, acting_user: Any, template: LetterTemplate) -> LetterTemplate:
    """Save an agency's (or, for platform administrators, the platform's) template, validated first."""
    if template.agency_id is None:
        if acting_user is not None and not getattr(acting_user, "is_superuser", False):
            raise PermissionDenied("只有平台管理员可以设置全平台通用的文书模板。")
    else:
        require(acting_user, Action.MANAGE_APPLICATIONS, template.agency)
    template.title = " ".join((template.title or "").split())
    template.updated_by = _user(acting_user)
    instance_save(acting_user=acting_user, instance=template, action=None, exclude=("updated_by",))
    return template
