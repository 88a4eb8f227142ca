"""The daily jobs of enquiries (listed in ``scheduled/jobs.py``): each missed handling deadline is
recorded once, and handlers get one reminder before the deadline and one when it has passed.

Both are idempotent (unique constraints), so running them twice a day or catching up is safe.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Q

from gongkai import playback
from gongkai.audit.services import audit_record
from gongkai.consultations.models import ConsultationSettings, Enquiry, EnquiryBreach, EnquiryReminder
from gongkai.consultations.services.common import handler_or_office_emails
from gongkai.consultations.states import OPEN_STATES
from gongkai.mail.services import mail_after_commit
from gongkai.workcalendar.selectors import work_calendar
from gongkai.workdays.explain import chinese_date

logger = logging.getLogger(__name__)
BREACH_LOOKBACK_DAYS = 90  # replies made late are found within this many days of the reply
DEFAULT_DUE_SOON_WORKDAYS = ConsultationSettings._meta.get_field("due_soon_workdays").default  # noqa: SLF001
_OPEN = [s.value for s in OPEN_STATES]


def breach_record(enquiry: Enquiry, today: dt.date) -> bool:
    """Record the missed deadline ``enquiry.due_on`` on ``today`` unless already recorded; True when new."""
    if EnquiryBreach.objects.filter(enquiry=enquiry, due=enquiry.due_on).exists():
        return False
    try:
        with transaction.atomic():
            EnquiryBreach.objects.create(enquiry=enquiry, due=enquiry.due_on, recorded_on=today)
            audit_record(
                acting_user=None,
                action="enquiry.deadline_breach",
                target=enquiry,
                agency=enquiry.agency,
                summary=f"超过办理期限：{enquiry.tracking_code}（期限{enquiry.due_on:%Y-%m-%d}）",
                after={"due": enquiry.due_on},
            )
    except IntegrityError:  # recorded concurrently by another process
        return False
    return True


def enquiry_breaches_record(*, today: dt.date | None = None) -> int:
    """Record each missed handling deadline once: open enquiries past due, and replies sent late."""
    today = today or playback.today()
    since = today - dt.timedelta(days=BREACH_LOOKBACK_DAYS)
    candidates = Enquiry.objects.filter(
        Q(state__in=_OPEN, due_on__lt=today) | Q(replied_on__gte=since, replied_on__gt=F("due_on"))
    ).select_related("agency")
    recorded = 0
    for enquiry in candidates.iterator():
        recorded += breach_record(enquiry, today)
    return recorded


def _remind(enquiry: Enquiry, kind: str, today: dt.date, text: str) -> bool:
    if EnquiryReminder.objects.filter(enquiry=enquiry, kind=kind, due=enquiry.due_on).exists():
        return False
    try:
        with transaction.atomic():
            EnquiryReminder.objects.create(
                enquiry=enquiry, kind=kind, due=enquiry.due_on, sent_on=today, recipient=enquiry.handler
            )
            mail_after_commit(
                to=handler_or_office_emails(enquiry),
                subject=f"期限提醒：咨询 {enquiry.tracking_code}",
                body=f"{enquiry.agency.name}的咨询“{enquiry.subject}”（{enquiry.source.name}，查询码 "
                f"{enquiry.tracking_code}）：{text}",
            )
    except IntegrityError:
        return False
    return True


def enquiry_reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail the handler (or the office when unassigned) once per deadline: when at most the agency's
    ``due_soon_workdays`` working days are left, and once the deadline has passed."""
    today = today or playback.today()
    calendar = work_calendar()
    due_soon = dict(ConsultationSettings.objects.values_list("agency_id", "due_soon_workdays"))
    sent = 0
    open_ones = Enquiry.objects.filter(state__in=_OPEN).select_related("agency", "source", "handler")
    for enquiry in open_ones.iterator():
        due = enquiry.due_on
        if due < today:
            sent += _remind(enquiry, "overdue", today, f"已超过办理期限（{chinese_date(due)}），请尽快答复。")
            continue
        left = calendar.workdays_between(today, due, warn=False)
        if left <= due_soon.get(enquiry.agency_id, DEFAULT_DUE_SOON_WORKDAYS):
            sent += _remind(enquiry, "due_soon", today, f"办理期限为{chinese_date(due)}，还剩{left}个工作日。")
    return sent
