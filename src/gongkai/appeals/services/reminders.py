"""The daily job of cases: e-mail the disclosure office once per deadline — the defence due within
three days or overdue (行政复议法第四十八条；行政诉讼法第六十七条), and a hearing within three days."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Membership
from gongkai.agencies.roles import Role
from gongkai.appeals.models import AppealCase, CaseReminder
from gongkai.appeals.selectors import defence_deadline_for, open_cases
from gongkai.mail.services import mail_after_commit

logger = logging.getLogger(__name__)
REMIND_DAYS_BEFORE_DEFENCE_DUE = 3
REMIND_DAYS_BEFORE_HEARING = 3


def _recipients(case: AppealCase) -> list[str]:
    office = Membership.objects.filter(agency=case.agency, role=Role.OFFICE, user__is_active=True)
    return sorted({m.user.email for m in office.select_related("user") if m.user.email})


def reminders_due(case: AppealCase, today: dt.date) -> list[tuple[str, dt.date, str]]:
    """(kind, due, text) of the reminders ``case`` calls for on ``today``."""
    items: list[tuple[str, dt.date, str]] = []
    kind = case.case_kind
    deadline = defence_deadline_for(case)
    if deadline is not None and case.defence_submitted_on is None:
        left = deadline.days_left(today)
        if left < 0:
            items.append(
                (
                    "defence_overdue",
                    deadline.due,
                    f"已超过提交{kind.defence_label}的期限（{deadline.due:%Y-%m-%d}），请尽快提交并登记。",
                )
            )
        elif left <= REMIND_DAYS_BEFORE_DEFENCE_DUE:
            items.append(
                (
                    "defence_due_soon",
                    deadline.due,
                    f"提交{kind.defence_label}的期限为{deadline.due:%Y-%m-%d}，还剩{left}日。{deadline.explanation}",
                )
            )
    if case.hearing_on is not None and 0 <= (case.hearing_on - today).days <= REMIND_DAYS_BEFORE_HEARING:
        what = "开庭" if kind.is_litigation else "听证"
        items.append(("hearing_soon", case.hearing_on, f"定于{case.hearing_on:%Y-%m-%d}{what}，请做好准备。"))
    return items


def _remind(case: AppealCase, kind: str, due: dt.date, today: dt.date, text: str) -> bool:
    if CaseReminder.objects.filter(case=case, kind=kind, due=due).exists():
        return False
    try:
        with transaction.atomic():
            CaseReminder.objects.create(case=case, kind=kind, due=due, sent_on=today)
            mail_after_commit(
                to=_recipients(case),
                subject=f"期限提醒：{case}",
                body=f"{case.agency.name}的{case}（{case.body_name}）：{text}",
            )
    except IntegrityError:  # sent concurrently by another process
        return False
    return True


def appeal_reminders_send(*, today: dt.date | None = None) -> int:
    """Send each due reminder once (unique per case, kind and due date); returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for case in open_cases().select_related("agency").iterator():
        try:
            for kind, due, text in reminders_due(case, today):
                sent += _remind(case, kind, due, today, text)
        except Exception:  # one broken case must not stop the others; logged for the operator
            logger.exception("appeal reminder failed for case %s", case.pk)
    return sent
