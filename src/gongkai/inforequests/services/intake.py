"""Intake: online submissions, staff registration of the other channels, confirmation of receipt (Art. 31).

The day of receipt comes from ``rules.receipt`` (the one place of the Art. 31 rule); the clock ledger
starts with a ``received`` entry on that day.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.inforequests.access import require
from gongkai.inforequests.clock import EventKind
from gongkai.inforequests.models import Application, ClockEntry
from gongkai.inforequests.states import INITIAL_STATE_BY_ACTION, ApplicationAction, ApplicationState, transition
from gongkai.mail.services import mail_after_commit
from gongkai.privacy.keys import lookup_hash, lookup_key
from gongkai.rules.receipt import Channel, ReceiptDateError, needs_confirmation, needs_signature, receipt_date

APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_hint",
    "form_wanted",
    "delivery_wanted",
)
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out on the phone without mistakes


def _tracking_code(today: dt.date) -> str:
    return f"{today.year}-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def secret_hash(secret: str) -> str:
    return hmac.new(lookup_key(), secret.encode(), hashlib.sha256).hexdigest()


def _build(agency: Agency, fields: dict[str, Any]) -> Application:
    unknown = sorted(set(fields) - set(APPLICANT_FIELDS))
    if unknown:
        raise ValidationError(f"不能直接填写这些字段：{'、'.join(unknown)}")
    application = Application(agency=agency, **{k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()})
    if application.id_number:
        application.id_number = application.id_number.upper()
    application.identity_hash = lookup_hash(
        application.credit_code if application.is_organisation else application.id_number
    )
    return application


def _save_new(application: Application) -> str:
    """Give the application its tracking code and status-page secret, save it; returns the secret."""
    secret = secrets.token_urlsafe(9)
    application.access_secret_hash = secret_hash(secret)
    for _ in range(5):
        application.tracking_code = _tracking_code(timezone.localdate(application.submitted_at))
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:  # the same random code drawn twice: draw again
            continue
        return secret
    raise IntegrityError("查询码生成失败，请重试")


def _receive(application: Application, received_on: dt.date, rule: str, acting_user: Any) -> None:
    application.received_on = received_on
    application.receipt_rule = rule[:200]
    ClockEntry.objects.create(
        application=application,
        kind=EventKind.RECEIVED,
        on=received_on,
        note=rule[:300],
        recorded_by=_user(acting_user),
    )


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def application_submit_online(
    *,
    agency: Agency,
    now: dt.datetime | None = None,
    submitted_from: str = "",
    status_url: str = "",
    **fields: Any,
) -> tuple[Application, str]:
    """A citizen's online submission: saved as pending until the office confirms it (Art. 31(3)).

    ``submitted_from``: the keyed hash of the client IP (``inforequests.ratelimit``). ``status_url``: the
    absolute address of the public tracking page, put in the confirmation mail sent (after commit) when
    the applicant gave an email address. Returns the application and the status-page secret, shown once
    to the applicant and never mailed.
    """
    now = now or timezone.now()
    application = _build(agency, fields)
    application.channel = Channel.ONLINE.value
    application.submitted_at = now
    application.submitted_from = submitted_from[:64]
    application.full_clean(exclude=["tracking_code", "access_secret_hash"])
    with transaction.atomic():
        secret = _save_new(application)
        audit_record(
            acting_user=None,
            action="application.submit",
            target=application,
            agency=agency,
            summary=f"收到在线申请 {application.tracking_code}",
            after={"channel": application.channel, "applicant_type": application.applicant_type},
        )
        mail_after_commit(
            to=application.email,
            subject=f"政府信息公开申请已提交（查询码 {application.tracking_code}）",
            body=_submission_mail_body(application, status_url),
        )
    return application, secret


def _submission_mail_body(application: Application, status_url: str) -> str:
    """The confirmation mail: tracking code, agency, where to check; no secret and no personal data."""
    agency = application.agency
    contact = "、".join(
        part for part in (agency.office_name or agency.name, agency.phone and f"电话 {agency.phone}") if part
    )
    lines = [
        "您好：",
        "",
        f"您向{agency.name}提交的政府信息公开申请已在线提交成功。",
        f"查询码：{application.tracking_code}",
        f"提交时间：{timezone.localtime(application.submitted_at):%Y年%m月%d日 %H:%M}",
        "",
        (
            "通过互联网渠道提交的申请，以双方确认之日为收到申请之日（《政府信息公开条例》第三十一条第（三）项）；"
            "政府信息公开工作机构确认收到后，自收到申请之日起20个工作日内答复。"
        ),
    ]
    if status_url:
        lines += ["", f"查询办理进度：{status_url}", "查询时请输入查询码和提交成功页面上显示的查询密码。"]
    lines += [
        "",
        f"为保障安全，本邮件不包含查询密码（查询密码仅在提交成功页面显示一次）。如查询密码遗失，请联系{contact}。",
        "",
        "本邮件由系统自动发送，请勿直接回复。",
    ]
    return "\n".join(lines)


def application_register(
    *,
    acting_user: Any,
    agency: Agency,
    channel: str,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    **fields: Any,
) -> tuple[Application, str]:
    """Staff register an application that came in person, by post, fax, email or orally.

    With the date Art. 31 needs for the channel (signed for / confirmed), the clock starts on the day of
    receipt; ordinary post, fax and email still awaiting confirmation with the applicant stay pending.
    """
    require(acting_user, Action.MANAGE_APPLICATIONS, agency)
    channel_enum = Channel(channel)
    if channel_enum == Channel.ONLINE:
        raise ValidationError({"channel": "在线申请由申请人在门户网站提交，请在待确认列表中确认收到。"})
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": "提交日期不能晚于今天。"})
    application = _build(agency, fields)
    application.channel = channel_enum.value
    application.submitted_at = dt.datetime.combine(submitted_on, dt.time(9), tzinfo=timezone.get_current_timezone())
    application.created_by = _user(acting_user)
    application.full_clean(exclude=["tracking_code", "access_secret_hash"])
    pending = (needs_confirmation(channel_enum) and confirmed_on is None) or (
        needs_signature(channel_enum) and signed_on is None
    )
    receipt = None
    if not pending:
        try:
            receipt = receipt_date(
                channel_enum, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
            )
        except ReceiptDateError as exc:
            raise ValidationError(str(exc)) from exc
        if receipt.date > timezone.localdate():
            raise ValidationError("收到申请的日期不能晚于今天。")
    with transaction.atomic():
        if receipt is not None:
            application.state = INITIAL_STATE_BY_ACTION[ApplicationAction.REGISTER].value
        secret = _save_new(application)
        if receipt is not None:
            _receive(application, receipt.date, receipt.rule, acting_user)
            application.save(update_fields=["received_on", "receipt_rule"])
        audit_record(
            acting_user=acting_user,
            action="application.register",
            target=application,
            agency=agency,
            summary=f"登记申请 {application.tracking_code}（{channel_enum.label}）",
            after={
                "channel": channel_enum.value,
                "state": application.state,
                "received_on": application.received_on,
            },
        )
    return application, secret


def application_confirm(*, acting_user: Any, application: Application, confirmed_on: dt.date) -> Application:
    """The office confirms receipt with the applicant (online, fax, email, ordinary post): the clock starts.

    Registered post signed for later is confirmed the same way with the signing day.
    """
    require(acting_user, Action.MANAGE_APPLICATIONS, application.agency)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        new_state = transition(application.application_state, ApplicationAction.CONFIRM)
        channel = Channel(application.channel)
        submitted_on = timezone.localdate(application.submitted_at)
        if confirmed_on > timezone.localdate():
            raise ValidationError({"confirmed_on": "确认日期不能晚于今天。"})
        try:
            receipt = receipt_date(
                channel,
                submitted_on=submitted_on,
                signed_on=confirmed_on if needs_signature(channel) else None,
                confirmed_on=confirmed_on if needs_confirmation(channel) else None,
            )
        except ReceiptDateError as exc:
            raise ValidationError(str(exc)) from exc
        application.state = new_state.value
        _receive(application, receipt.date, receipt.rule, acting_user)
        application.save(update_fields=["state", "received_on", "receipt_rule", "updated_at"])
        audit_record(
            acting_user=acting_user,
            action="application.confirm",
            target=application,
            agency=application.agency,
            summary=f"确认收到申请 {application.tracking_code}，收到日期 {receipt.date:%Y-%m-%d}",
            before={"state": ApplicationState.PENDING},
            after={"state": new_state, "received_on": receipt.date},
        )
    return application
